import { Client } from 'pg';
import { DatabaseRoles, PARTNERS_SCHEMA, ServiceSchemas } from './database-roles';
import { PARTNER_REGISTRY_DDL } from './partner-registry';

/** postgres://user@host:port[/db] -> the same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

// Made meanwhile by another process: the same role, database, schema or table, already there.
const concurrent = (err: { code?: string }) => {
  if (!['42710', '42P04', '42P06', '42P07', '23505'].includes(err.code ?? '')) throw err;
};

/**
 * Makes the database ready for the services, as an administrator (DATABASE_URL: a role that may
 * create roles and databases): the roles of database-roles.ts, the database, every service's
 * schema and the partner registry, all owned by the owner role (objects made before it existed
 * are handed over), and the registry readable by every service. The services' own tables come
 * from their migrations, which the owner runs (`main.js migrate`). Idempotent; safe to run
 * concurrently from many processes.
 */
export async function provisionDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const roles = [DatabaseRoles.owner, DatabaseRoles.auditor, ...ServiceSchemas.map(DatabaseRoles.service)];
    for (const role of roles) {
      const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (found.rowCount === 0) await admin.query(`CREATE ROLE ${quoteIdent(role)} LOGIN`).catch(concurrent);
    }
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(database)}`).catch(concurrent);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: withDatabase(serverUrl, database) });
  await db.connect();
  try {
    const owner = quoteIdent(DatabaseRoles.owner);
    const services = ServiceSchemas.map((s) => quoteIdent(DatabaseRoles.service(s))).join(', ');
    await db.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
    await db.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${owner}, ${quoteIdent(DatabaseRoles.auditor)}, ${services}`);
    // The purge works through a temporary table; nothing else needs one.
    await db.query(`GRANT TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${owner}`);
    for (const schema of [...ServiceSchemas, PARTNERS_SCHEMA]) {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${owner}`).catch(concurrent);
      await adopt(db, schema);
    }
    // The registry is the owner's, like every table; each service may read it.
    await db.query(`SET ROLE ${owner}`);
    for (const ddl of PARTNER_REGISTRY_DDL) await db.query(ddl).catch(concurrent);
    await db.query('RESET ROLE');
    await db.query(`GRANT USAGE ON SCHEMA ${PARTNERS_SCHEMA} TO ${services}`);
    await db.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${PARTNERS_SCHEMA} TO ${services}`);
  } finally {
    await db.end();
  }
}

/** Hands a schema, and everything in it made by another role (a database from before roles), to the owner. */
async function adopt(db: Client, schema: string): Promise<void> {
  const owner = quoteIdent(DatabaseRoles.owner);
  await db.query(`ALTER SCHEMA ${quoteIdent(schema)} OWNER TO ${owner}`);
  const { rows } = await db.query<{ kind: string; name: string }>(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind, quote_ident(c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'S') AND pg_get_userbyid(c.relowner) <> $2
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT 'FUNCTION', quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')'
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2`,
    [schema, DatabaseRoles.owner],
  );
  for (const r of rows) await db.query(`ALTER ${r.kind} ${quoteIdent(schema)}.${r.name} OWNER TO ${owner}`);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
