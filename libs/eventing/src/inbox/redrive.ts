import type { IHeaders } from 'kafkajs';
import type { EntityManager } from 'typeorm';

/**
 * Headers a re-driven dead letter carries (the audit service's re-drive sets them): which
 * letter it re-drives, and the consumer that dead-lettered it, the only one that handles it
 * again. Every other consumer of the topic sees a plain duplicate.
 */
export const RedriveHeaders = { of: 'redrive-of', consumer: 'redrive-consumer', by: 'redriven-by' } as const;

export interface Redrive {
  /** `topic:partition:offset` of the delivery that was dead-lettered. */
  deadLetterId: string;
  consumer: string;
}

export function redriveHeaders(deadLetterId: string, consumer: string, by?: string): Record<string, string> {
  return { [RedriveHeaders.of]: deadLetterId, [RedriveHeaders.consumer]: consumer, ...(by ? { [RedriveHeaders.by]: by } : {}) };
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
  return deadLetterId && consumer ? { deadLetterId, consumer } : null;
}

/**
 * Moves this consumer's inbox claim of `messageId` from the dead-lettered delivery to the
 * re-drive's own (topic, partition, offset), inside the caller's transaction. Only a claim
 * still at the dead-lettered delivery moves: once the re-drive is handled (or dead-lettered
 * again, which moves the claim to the re-drive), a redelivery of it or a second re-drive of
 * the same letter finds the claim elsewhere and is skipped as a duplicate.
 */
export async function retakeClaim(
  manager: EntityManager,
  consumer: string,
  m: { id: string; topic: string; partition: number; offset: string },
  deadLetterId: string,
): Promise<boolean> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
  const rows: unknown[] = await manager.query(
    `WITH moved AS (
       UPDATE inbox SET topic = $3, partition = $4, "offset" = $5, handled_at = now()
       WHERE consumer = $1 AND message_id = $2 AND topic || ':' || partition || ':' || "offset" = $6
       RETURNING message_id)
     SELECT message_id FROM moved`,
    [consumer, m.id, m.topic, m.partition, m.offset, deadLetterId],
  );
  return rows.length > 0;
}
