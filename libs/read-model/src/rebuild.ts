import { byCase, type ReadModel } from './read-model';
import { casesFromLog, logCoverage } from './event-log';
import type { Sql } from './sql';

/** A table's rows, summed up: a count and an order-independent sum of 60-bit row hashes. */
export interface TableDigest {
  rows: number;
  digest: string;
}

export interface RebuildResult {
  tables: readonly string[];
  /** The tables as they were before the rebuild, and as rebuilt: equal digests, identical rows. */
  before: TableDigest;
  after: TableDigest;
  cases: number;
  events: number;
  /** Events of this service purged from the log under retention (their cases are left out). */
  purged: number;
  elapsedMs: number;
}

/** The log does not yet hold everything the service did: rebuilding now would lose it. */
export class LogBehindError extends Error {
  override readonly name = 'LogBehindError';

  constructor(readonly missing: number) {
    super(`the log lacks ${missing} event(s) this service emitted or handled (the audit service is behind); nothing was changed, try again shortly`);
  }
}

/**
 * Truncates a service's read-model tables and refills them from the log through the model's
 * own projection, in the caller's transaction (one transaction: a failure changes nothing).
 *
 * The service's writers are locked out for the duration, taking locks in the order its
 * handlers do (inbox, read model, outbox) so no handler deadlocks against the rebuild; then
 * the rebuild checks that the log holds every event the service emitted and handled. With
 * writers out and the log complete, the rebuilt tables are the live ones.
 */
export async function rebuildReadModel(sql: Sql, model: ReadModel, pageSize = 5000): Promise<RebuildResult> {
  const started = Date.now();
  const tables = model.tables.join(', ');
  await sql(`LOCK TABLE inbox IN EXCLUSIVE MODE`);
  await sql(`LOCK TABLE ${tables} IN ACCESS EXCLUSIVE MODE`);
  await sql(`LOCK TABLE outbox IN EXCLUSIVE MODE`);
  const coverage = await logCoverage(sql, model);
  if (coverage.missing > 0) throw new LogBehindError(coverage.missing);
  const before = await digestOf(sql, model.tables);
  await sql(`TRUNCATE ${tables}`);
  let cases = 0;
  let events = 0;
  for await (const batch of casesFromLog(sql, model, pageSize)) {
    await model.apply(sql, batch);
    cases += byCase(batch).size;
    events += batch.length;
  }
  const after = await digestOf(sql, model.tables);
  return { tables: model.tables, before, after, cases, events, purged: coverage.purged, elapsedMs: Date.now() - started };
}

/**
 * Every row of the tables, every column, as text, hashed and summed in Postgres: constant memory
 * however large the tables, and independent of row order (a rebuild inserts in another order).
 */
export async function digestOf(sql: Sql, tables: readonly string[]): Promise<TableDigest> {
  let rows = 0;
  let digest = 0n;
  for (const table of tables) {
    const [r] = await sql<{ rows: string; digest: string }>(
      `SELECT count(*) AS rows, coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0)::text AS digest FROM ${table} t`,
    );
    rows += Number(r.rows);
    digest += BigInt(r.digest);
  }
  return { rows, digest: digest.toString(16) };
}
