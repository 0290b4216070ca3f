import type { ClientBase } from 'pg';

/**
 * What a projection needs from a connection: run SQL, get rows. The live path passes its
 * TypeORM transaction, the rebuild a plain pg client, so both run the very same projection.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sql = <T = any>(text: string, params?: unknown[]) => Promise<T[]>;

/** TypeORM's query() answers UPDATE/DELETE with [rows, rowCount]; a projection always gets rows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function sqlOf(m: { query(text: string, params?: unknown[]): Promise<any> }): Sql {
  return async (text, params) => {
    const result = await m.query(text, params);
    const structured = Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
    return structured ? result[0] : result;
  };
}

export function pgSql(client: ClientBase): Sql {
  return async (text, params) => (await client.query(text, params as unknown[])).rows;
}
