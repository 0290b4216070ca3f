import type { DataSource } from 'typeorm';
import { sqlOf, type Sql } from '@forewarn/read-model';

// TypeORM (UPDATE/DELETE answer [rows, rowCount]) and plain pg clients, both as an Sql.
export { pgSql, sqlOf } from '@forewarn/read-model';

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
