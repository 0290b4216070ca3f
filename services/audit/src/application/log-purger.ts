import { purgeCutoff } from '../domain/retention';
import type { Sql } from './sql';

export interface PurgeRequest {
  before: string;
  retentionDays: number;
  runBy: string;
  dryRun: boolean;
  nowMs: number;
}

export interface PurgeResult {
  dryRun: boolean;
  cutoff: string;
  limitedBy: 'before' | 'retention';
  cases: number;
  entries: number;
  heldCasesKept: number;
  purgeRunId: number | null;
}

/**
 * Retention: removes the content of every entry of each case whose last entry was recorded
 * before the cutoff, unless the case is on legal hold. Each entry keeps its position, ids and
 * hashes (and the purge run it belongs to, whose digest covers them), so the chain around it
 * still verifies and a redelivered event is still recognised. Whole cases only: a half-purged
 * case history would answer the auditor's questions wrongly. One transaction, holding the
 * chain head, in the caller's transaction.
 */
export async function purgeLog(sql: Sql, req: PurgeRequest): Promise<PurgeResult> {
  const { cutoff, limitedBy } = purgeCutoff(req.before, req.nowMs, req.retentionDays);
  await sql(`SELECT 1 FROM chain_head WHERE id = 1 FOR UPDATE`);
  await sql(`DROP TABLE IF EXISTS pg_temp.purge_cases`);
  await sql(
    `CREATE TEMP TABLE purge_cases ON COMMIT DROP AS
       SELECT case_id, EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = l.case_id) AS held
       FROM case_log l WHERE purge_run_id IS NULL GROUP BY case_id HAVING max(recorded_at) < $1`,
    [cutoff],
  );
  const [counts] = await sql<{ cases: number; held: number; entries: number; digest: string }>(
    `SELECT (SELECT count(*)::int FROM purge_cases WHERE NOT held) AS cases,
            (SELECT count(*)::int FROM purge_cases WHERE held) AS held,
            count(*)::int AS entries,
            encode(sha256(convert_to(coalesce(string_agg(hash || E'\\n', '' ORDER BY position), ''), 'UTF8')), 'hex') AS digest
     FROM case_log WHERE purge_run_id IS NULL AND case_id IN (SELECT case_id FROM purge_cases WHERE NOT held)`,
  );
  const result: PurgeResult = { dryRun: req.dryRun, cutoff, limitedBy, cases: counts.cases, entries: counts.entries, heldCasesKept: counts.held, purgeRunId: null };
  if (req.dryRun || counts.entries === 0) return result;
  const [run] = await sql<{ id: string }>(
    `INSERT INTO purge_runs (requested_before, cutoff, retention_days, run_by, cases, entries, digest) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [req.before, cutoff, req.retentionDays, req.runBy, counts.cases, counts.entries, counts.digest],
  );
  // The append-only trigger lets exactly this through: content blanked, hashes and ids kept.
  await sql(`SET LOCAL audit.purge = 'on'`);
  await sql(
    `UPDATE case_log SET envelope = NULL, type = NULL, occurred_at = NULL, producer = NULL, actor = NULL, policy_version = NULL,
            causation_id = NULL, purge_run_id = $1
     WHERE purge_run_id IS NULL AND case_id IN (SELECT case_id FROM purge_cases WHERE NOT held)`,
    [run.id],
  );
  await sql(`SET LOCAL audit.purge = 'off'`);
  await sql(`DELETE FROM case_projection WHERE case_id IN (SELECT case_id FROM purge_cases WHERE NOT held)`);
  await sql(`DELETE FROM log_gaps WHERE case_id IN (SELECT case_id FROM purge_cases WHERE NOT held)`);
  return { ...result, purgeRunId: Number(run.id) };
}
