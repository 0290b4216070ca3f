/** A message that failed its schema or kept failing, as published on the dead-letter topic. */
export interface DeadLetter {
  /** `topic:partition:offset` of the original message: stable, so a re-published letter dedupes. */
  deadLetterId: string;
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
