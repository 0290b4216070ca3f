/** A message that failed its schema or kept failing, as published on the dead-letter topic. */
export interface DeadLetter {
  /**
   * `consumer@recordId`: which consumer failed which record. Stable, so a re-published letter
   * dedupes; never the same for another record, even at the same offset of a replaced log.
   * Letters from before record identities were `topic:partition:offset`.
   */
  deadLetterId: string;
  /**
   * The identity of the record that failed: `topic:partition:offset:digest`, the digest over
   * the record's timestamp, key, value and headers (docs/inbox.md). Absent on older letters,
   * whose deadLetterId is their record's identity.
   */
  recordId?: string;
  reason: 'SCHEMA_INVALID' | 'REJECTED' | 'RETRIES_EXHAUSTED';
  errors: string[];
  originalTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The original message value, as received (UTF-8). */
  payload: string;
  consumer: string;
  attempts: number;
  failedAt: string;
}
