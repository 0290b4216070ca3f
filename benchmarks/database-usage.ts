/**
 * What the system asked of PostgreSQL between two snapshots: transactions committed in its
 * database, and rows inserted, updated and deleted in each service's schema (from the
 * cumulative statistics views, which PostgreSQL flushes about once a second).
 */
import { Client } from 'pg';

export interface DatabaseSnapshot {
  commits: number;
  rows: Map<string, { inserted: number; updated: number; deleted: number }>;
}

export async function databaseSnapshot(url: string): Promise<DatabaseSnapshot> {
  // Statistics reach the views up to a second after the transactions that made them.
  await new Promise((r) => setTimeout(r, 1_500));
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [db] = (await client.query(`SELECT xact_commit::bigint AS commits FROM pg_stat_database WHERE datname = current_database()`)).rows;
    const tables = await client.query(
      `SELECT schemaname AS schema, sum(n_tup_ins)::bigint AS inserted, sum(n_tup_upd)::bigint AS updated, sum(n_tup_del)::bigint AS deleted
       FROM pg_stat_user_tables GROUP BY schemaname ORDER BY schemaname`,
    );
    return {
      commits: Number(db.commits),
      rows: new Map(tables.rows.map((r) => [r.schema as string, { inserted: Number(r.inserted), updated: Number(r.updated), deleted: Number(r.deleted) }])),
    };
  } finally {
    await client.end();
  }
}

/** Per case: transactions, and rows written per schema, between two snapshots. */
export function describeDatabaseUsage(before: DatabaseSnapshot, after: DatabaseSnapshot, cases: number): string[] {
  const per = (n: number) => (n / cases).toFixed(1);
  const lines = [`  transactions committed     : ${per(after.commits - before.commits)} per case (all services)`];
  for (const [schema, now] of after.rows) {
    const was = before.rows.get(schema) ?? { inserted: 0, updated: 0, deleted: 0 };
    lines.push(
      `  ${`rows written in ${schema}`.padEnd(27)}: ${per(now.inserted - was.inserted)} inserted, ${per(now.updated - was.updated)} updated, ${per(now.deleted - was.deleted)} deleted per case`,
    );
  }
  return lines;
}
