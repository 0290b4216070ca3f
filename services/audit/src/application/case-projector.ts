import { initialCaseState, type CaseState } from '../domain/case-state';
import { compactForProjection } from '../domain/compact-state';
import { evolveCase } from '../domain/evolve-case';
import type { AppendedEntry } from './log-appender';
import type { Sql } from './sql';

/** Upserts folded case states; the live path and the rebuild write through this one function. */
export async function writeCaseStates(sql: Sql, folded: CaseState[]): Promise<void> {
  if (folded.length === 0) return;
  const states = folded.map(compactForProjection);
  await sql(
    `INSERT INTO case_projection (case_id, status, event_count, last_position, first_event_at, last_event_at, state)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[])
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, event_count = EXCLUDED.event_count,
       last_position = EXCLUDED.last_position, first_event_at = EXCLUDED.first_event_at,
       last_event_at = EXCLUDED.last_event_at, state = EXCLUDED.state`,
    [
      states.map((s) => s.caseId),
      states.map((s) => s.status),
      states.map((s) => s.eventCount),
      states.map((s) => s.lastPosition),
      states.map((s) => s.firstEventAt),
      states.map((s) => s.lastEventAt),
      states.map((s) => JSON.stringify(s)),
    ],
  );
}

/** Folds freshly appended entries into the stored states of their cases (same transaction). */
export async function projectCases(sql: Sql, entries: AppendedEntry[]): Promise<void> {
  const caseIds = [...new Set(entries.map((e) => e.event.caseId))];
  const stored = await sql<{ case_id: string; state: CaseState }>(`SELECT case_id, state FROM case_projection WHERE case_id = ANY($1::text[])`, [caseIds]);
  const states = new Map(stored.map((r) => [r.case_id, r.state]));
  for (const e of entries) {
    const before = states.get(e.event.caseId) ?? initialCaseState(e.event.caseId);
    states.set(e.event.caseId, evolveCase(before, { position: e.position, event: e.event }));
  }
  await writeCaseStates(sql, [...states.values()].filter((s) => caseIds.includes(s.caseId)));
}
