import { readEvent, type ForewarnEvent } from '@forewarn/contracts';
import type { ReadModel } from './read-model';
import type { Sql } from './sql';

/** The system's event log: the audit service's append-only, hash-chained case log. */
export const CASE_LOG = 'audit.case_log';
const DEAD_LETTERS = 'audit.dead_letters';

type Selection = Pick<ReadModel, 'consumers' | 'types'>;

/**
 * The log entries a service's read model is made of: the events it emitted (its outbox) and the
 * events its inbox consumers handled. Not by producer name: another system on the same Kafka
 * cluster has services of the same names, and its events reach this system's log too. Not the
 * events a consumer dead-lettered (handled without effect): the inbox claim of a dead-lettered
 * event stays at the record that failed, which its dead letter names (a re-drive that succeeds
 * moves the claim to itself, and then the event counts).
 */
function selected(p: { types: string; consumers: string }): string {
  return `l.type = ANY(${p.types}::text[]) AND (
      EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = l.event_id)
      OR EXISTS (SELECT 1 FROM inbox i WHERE i.consumer = ANY(${p.consumers}::text[]) AND i.message_id = l.event_id
                 AND NOT EXISTS (SELECT 1 FROM ${DEAD_LETTERS} d
                                 WHERE d.record_id = i.record_id AND d.consumer = i.consumer)))`;
}

/**
 * Reads a read model's events from the log, whole cases at a time: keyset over the log's
 * (case_id, case_seq) index, so memory stays flat however long the log; a case that runs on
 * past a page is held back and handed out whole with the next. Envelopes are read as a
 * consumer reads them (schema-checked, upcast to the current version).
 */
export async function* casesFromLog(sql: Sql, model: Selection, pageSize = 5000): AsyncGenerator<ForewarnEvent[]> {
  let after: [string, number] = ['', 0];
  let carried: ForewarnEvent[] = [];
  for (;;) {
    const rows = await sql<{ case_id: string; case_seq: number; envelope: string }>(
      `SELECT l.case_id, l.case_seq, l.envelope FROM ${CASE_LOG} l
       WHERE (l.case_id, l.case_seq) > ($1, $2) AND l.envelope IS NOT NULL
         AND ${selected({ types: '$3', consumers: '$4' })}
       ORDER BY l.case_id, l.case_seq LIMIT $5`,
      [after[0], after[1], model.types, model.consumers, pageSize],
    );
    const events = [...carried, ...rows.map((r) => decode(r.envelope))];
    if (rows.length < pageSize) {
      if (events.length > 0) yield events;
      return;
    }
    const last = rows[rows.length - 1];
    after = [last.case_id, last.case_seq];
    // Sorted by case: the last case's events are the tail; they may continue on the next page.
    const tail = events.findIndex((e) => e.caseId === last.case_id);
    carried = events.slice(tail);
    if (tail > 0) yield events.slice(0, tail);
  }
}

function decode(envelope: string): ForewarnEvent {
  const read = readEvent(JSON.parse(envelope));
  // The audit consumer schema-checked every envelope on the way in; a failure here is a bug or tampering.
  if (!read.ok) throw new Error(`a log entry does not read as an event: ${read.errors.join('; ')}`);
  return read.value;
}

export interface LogCoverage {
  /** Events the service emitted or handled that the log does not hold (yet). */
  missing: number;
  /** Events it emitted or handled whose log entry was purged under retention: their cases leave the read model. */
  purged: number;
}

/**
 * Whether the log holds every event the service emitted (its outbox) and handled (its inbox).
 * Run with the service's writers locked out; a rebuild with anything missing would end behind
 * the live tables, and the live path would then go on from the wrong state.
 */
export async function logCoverage(sql: Sql, model: Selection): Promise<LogCoverage> {
  const [row] = await sql<{ missing: string; purged: string }>(
    `WITH handled AS (
       SELECT o.message_id AS event_id FROM outbox o WHERE o.headers ? 'event-type'
       UNION ALL
       SELECT i.message_id FROM inbox i WHERE i.consumer = ANY($1::text[]))
     SELECT count(*) FILTER (WHERE l.event_id IS NULL) AS missing, count(*) FILTER (WHERE l.purge_run_id IS NOT NULL) AS purged
     FROM handled h LEFT JOIN ${CASE_LOG} l ON l.event_id = h.event_id`,
    [model.consumers],
  );
  return { missing: Number(row.missing), purged: Number(row.purged) };
}
