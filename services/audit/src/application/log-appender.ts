import type { EventEnvelope, ForewarnEvent } from '@forewarn/contracts';
import { canonicalEnvelope, entryHash } from '../domain/chain-hash';
import { projectCases } from './case-projector';
import { trackGaps } from './gap-tracker';
import type { Sql } from './sql';

/** An event as consumed: the envelope exactly as received (stored), and its upcast form (folded). */
export interface IncomingEvent {
  raw: EventEnvelope;
  event: ForewarnEvent;
}

/** A row the appender just wrote. */
export interface AppendedEntry {
  position: number;
  caseSeq: number;
  event: ForewarnEvent;
}

export interface AppendOptions {
  /** A checkpoint row every this many positions. */
  checkpointEvery: number;
}

/**
 * Appends consumed events to the case log in one transaction (the caller's): one multi-row
 * insert, hashes chained in order, checkpoints, gap bookkeeping and the case read model.
 *
 * A global chain needs one writer at a time: Kafka orders per partition only, and the audit
 * service may run several instances. Locking the single chain_head row serialises writers for
 * the length of a chunk's transaction, and assigning positions from it (not a sequence, which
 * a rollback would leave holes in) keeps positions contiguous, so a missing number means a
 * removed row.
 */
export async function appendToLog(sql: Sql, incoming: IncomingEvent[], opts: AppendOptions): Promise<AppendedEntry[]> {
  if (incoming.length === 0) return [];
  const [head] = await sql<{ position: string; hash: string }>(`SELECT position, hash FROM chain_head WHERE id = 1 FOR UPDATE`);
  // A redelivered event (or one seen twice in this chunk) is stored once.
  const ids = [...new Set(incoming.map((i) => i.raw.eventId))];
  const known = new Set((await sql<{ event_id: string }>(`SELECT event_id FROM case_log WHERE event_id = ANY($1::text[])`, [ids])).map((r) => r.event_id));
  const fresh = incoming.filter((i) => !known.has(i.raw.eventId) && known.add(i.raw.eventId));
  if (fresh.length === 0) return [];

  const caseIds = [...new Set(fresh.map((i) => i.raw.caseId))];
  const seqs = new Map<string, number>(
    (await sql<{ case_id: string; seq: number }>(`SELECT case_id, max(case_seq)::int AS seq FROM case_log WHERE case_id = ANY($1::text[]) GROUP BY case_id`, [caseIds])).map((r) => [
      r.case_id,
      r.seq,
    ]),
  );
  let position = Number(head.position);
  let prevHash = head.hash;
  const rows = fresh.map((i) => {
    position++;
    const caseSeq = (seqs.get(i.raw.caseId) ?? 0) + 1;
    seqs.set(i.raw.caseId, caseSeq);
    const envelopeText = canonicalEnvelope(i.raw);
    const hash = entryHash({ position, eventId: i.raw.eventId, caseSeq, envelopeText, prevHash });
    const row = { position, caseSeq, envelopeText, prevHash, hash, i };
    prevHash = hash;
    return row;
  });
  await sql(
    `INSERT INTO case_log (position, event_id, case_id, case_seq, type, occurred_at, producer, actor, policy_version, causation_id, envelope, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
    [
      rows.map((r) => r.position),
      rows.map((r) => r.i.raw.eventId),
      rows.map((r) => r.i.raw.caseId),
      rows.map((r) => r.caseSeq),
      rows.map((r) => r.i.raw.type),
      rows.map((r) => r.i.raw.occurredAt),
      rows.map((r) => `${r.i.raw.producer.service}@${r.i.raw.producer.version}`),
      rows.map((r) => r.i.raw.actor.id),
      rows.map((r) => r.i.raw.policyVersion ?? null),
      rows.map((r) => r.i.raw.causationId),
      rows.map((r) => r.envelopeText),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
  const checkpoints = rows.filter((r) => r.position % opts.checkpointEvery === 0);
  if (checkpoints.length > 0) {
    await sql(`INSERT INTO checkpoints (position, hash) SELECT * FROM unnest($1::bigint[], $2::text[])`, [checkpoints.map((r) => r.position), checkpoints.map((r) => r.hash)]);
  }
  await sql(`UPDATE chain_head SET position = $1, hash = $2 WHERE id = 1`, [position, prevHash]);

  const appended = rows.map((r) => ({ position: r.position, caseSeq: r.caseSeq, event: r.i.event }));
  await trackGaps(sql, appended);
  await projectCases(sql, appended);
  return appended;
}
