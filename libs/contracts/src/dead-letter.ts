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
  /**
   * The original message value: its UTF-8 text, or its bytes in base64 when they are not text
   * PostgreSQL can store (`payloadEncoding`). Only its start when `payloadTruncated`.
   */
  payload: string;
  /** How `payload` carries the bytes; absent (older letters) means 'utf8'. */
  payloadEncoding?: 'utf8' | 'base64';
  /** The original value's size in bytes and its SHA-256 (hex): whole even when the payload is not. */
  payloadBytes?: number;
  payloadSha256?: string;
  /**
   * The value was too large to carry in a letter: the whole record is at originalTopic,
   * partition and offset for as long as that topic's retention keeps it.
   */
  payloadTruncated?: boolean;
  consumer: string;
  attempts: number;
  failedAt: string;
}
