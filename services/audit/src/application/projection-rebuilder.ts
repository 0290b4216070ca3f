import type { EventEnvelope } from '@forewarn/contracts';
import { schemaGrants } from '@forewarn/database';
import { initialCaseState, type CaseState } from '../domain/case-state';
import { evolveCase } from '../domain/evolve-case';
import { currentEnvelope } from '../domain/upcast-envelope';
import { CASE_PROJECTION_DDL } from '../infrastructure/case-projection.schema';
import { writeCaseStates } from './case-projector';
import type { Sql } from './sql';

export interface RebuildResult {
  cases: number;
  entries: number;
  elapsedMs: number;
}

/**
 * Drops the case read model and folds it again from the log, one case at a time in case order
 * (keyset over the (case_id, case_seq) index: flat memory). Runs in the caller's transaction
 * holding the chain head, so no append interleaves and the result equals the live table.
 */
export async function rebuildCaseProjection(sql: Sql, pageSize = 5000): Promise<RebuildResult> {
  const started = Date.now();
  await sql(`SELECT 1 FROM chain_head WHERE id = 1 FOR UPDATE`);
  await sql(`DROP TABLE IF EXISTS case_projection`);
  await sql(CASE_PROJECTION_DDL);
  // A new table: the audit service's role gets its rights on it again (the rebuild runs as the owner).
  for (const grant of schemaGrants('audit')) await sql(grant);
  let pending: CaseState[] = [];
  let current: CaseState | null = null;
  let cases = 0;
  let entries = 0;
  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = await sql<{ position: string; case_id: string; case_seq: number; envelope: string }>(
      `SELECT position, case_id, case_seq, envelope FROM case_log WHERE (case_id, case_seq) > ($1, $2) AND envelope IS NOT NULL
       ORDER BY case_id, case_seq LIMIT $3`,
      [after[0], after[1], pageSize],
    );
    for (const r of rows) {
      if (current?.caseId !== r.case_id) {
        if (current) pending.push(current);
        current = initialCaseState(r.case_id);
        cases++;
      }
      current = evolveCase(current, { position: Number(r.position), event: currentEnvelope(JSON.parse(r.envelope) as EventEnvelope) });
      entries++;
    }
    if (pending.length >= 500 || rows.length < pageSize) {
      await writeCaseStates(sql, pending);
      pending = [];
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1];
    after = [last.case_id, last.case_seq];
  }
  if (current) await writeCaseStates(sql, [current]);
  return { cases, entries, elapsedMs: Date.now() - started };
}
