import type { ClientBase } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Sql } from '../application/sql';

/**
 * TypeORM's query() answers UPDATE/DELETE with [rows, rowCount] and everything else with rows;
 * application code always gets rows.
 */
export function sqlOf(m: EntityManager | QueryRunner | DataSource): Sql {
  return async (text, params) => {
    const result = await m.query(text, params);
    const structured = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
    return structured ? result[0] : result;
  };
}

export function pgSql(client: ClientBase): Sql {
  return async (text, params) => (await client.query(text, params as unknown[])).rows;
}

/** A read-only snapshot on its own connection: a long walk sees one consistent log. */
export async function inSnapshot<T>(dataSource: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await work(sqlOf(runner));
  } finally {
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
