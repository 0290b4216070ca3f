import type { IHeaders } from 'kafkajs';
import type { EntityManager } from 'typeorm';

/**
 * Headers a re-driven dead letter carries (the audit service's re-drive sets them): which
 * letter it re-drives, the record that letter failed, and the consumer that dead-lettered it,
 * the only one that handles it again. Every other consumer of the topic sees a plain duplicate.
 */
export const RedriveHeaders = { of: 'redrive-of', record: 'redrive-record', consumer: 'redrive-consumer', by: 'redriven-by' } as const;

export interface Redrive {
  deadLetterId: string;
  /** The identity of the record that was dead-lettered (record-identity.ts). */
  recordId: string;
  consumer: string;
}

export function redriveHeaders(letter: Redrive, by?: string): Record<string, string> {
  return {
    [RedriveHeaders.of]: letter.deadLetterId,
    [RedriveHeaders.record]: letter.recordId,
    [RedriveHeaders.consumer]: letter.consumer,
    ...(by ? { [RedriveHeaders.by]: by } : {}),
  };
}

const header = (headers: IHeaders | undefined, name: string): string | undefined => {
  const v = headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
};

/** The re-drive a message is, or null for an ordinary message (or a re-drive naming no consumer). */
export function readRedrive(headers: IHeaders | undefined): Redrive | null {
  const deadLetterId = header(headers, RedriveHeaders.of);
  const consumer = header(headers, RedriveHeaders.consumer);
  // A re-drive of a letter from before record identities names no record: its id was the record's.
  return deadLetterId && consumer ? { deadLetterId, consumer, recordId: header(headers, RedriveHeaders.record) ?? deadLetterId } : null;
}

/**
 * Moves this consumer's inbox claim of `messageId` from the dead-lettered record to the
 * re-drive's own record, inside the caller's transaction. Only a claim still at the
 * dead-lettered record moves: once the re-drive is handled (or dead-lettered again, which moves
 * the claim to the re-drive), a redelivery of it or a second re-drive of the same letter finds
 * the claim elsewhere and is skipped as a duplicate.
 */
export async function retakeClaim(
  manager: EntityManager,
  consumer: string,
  m: { id: string; recordId: string; topic: string; partition: number; offset: string },
  redrive: Redrive,
): Promise<boolean> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
  const rows: unknown[] = await manager.query(
    `WITH moved AS (
       UPDATE inbox SET record_id = $3, topic = $4, partition = $5, "offset" = $6, handled_at = now()
       WHERE consumer = $1 AND message_id = $2 AND record_id = $7
       RETURNING message_id)
     SELECT message_id FROM moved`,
    [consumer, m.id, m.recordId, m.topic, m.partition, m.offset, redrive.recordId],
  );
  return rows.length > 0;
}
