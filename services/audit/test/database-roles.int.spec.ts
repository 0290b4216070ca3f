import { Client } from 'pg';
import { DatabaseRoles, roleDatabaseUrl } from '@forewarn/database';
import { migrateSchema } from '@forewarn/platform';
import { createTestDatabase, type TestDatabase } from '@forewarn/testing';
import { auditMigrations } from '../src/infrastructure/migrations';

/**
 * Least privilege in PostgreSQL (libs/database database-roles.ts), on a database provisioned and
 * migrated as a deployment's is: the audit service may only append to its log, another service
 * cannot even see the audit schema, and the auditors' role only reads.
 */
describe('database roles', () => {
  let db: TestDatabase;

  /** Runs `sql` as `role`; resolves with 'ok' or PostgreSQL's error code and message. */
  async function as(role: string, sql: string): Promise<string> {
    const client = new Client({ connectionString: roleDatabaseUrl(role, db.name, { DATABASE_URL: db.serverUrl }), options: '-c search_path=audit' });
    await client.connect();
    try {
      await client.query(sql);
      return 'ok';
    } catch (err) {
      return `${(err as { code?: string }).code}: ${(err as Error).message}`;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('roles');
    await migrateSchema('audit', auditMigrations, { ...process.env, FOREWARN_DATABASE: db.name, DATABASE_URL: db.serverUrl });
  });
  afterAll(() => db.drop());

  const audit = DatabaseRoles.service('audit');

  it('lets the audit role append to the case log and read it, never change or remove a row', async () => {
    expect(await as(audit, 'SELECT count(*) FROM case_log')).toBe('ok');
    expect(await as(audit, 'INSERT INTO case_log SELECT * FROM case_log WHERE false')).toBe('ok');
    // Refused by the grants before any trigger would run, and for the checkpoints too.
    expect(await as(audit, 'UPDATE case_log SET hash = hash WHERE false')).toBe('42501: permission denied for table case_log');
    expect(await as(audit, 'DELETE FROM case_log WHERE false')).toBe('42501: permission denied for table case_log');
    expect(await as(audit, 'TRUNCATE case_log')).toBe('42501: permission denied for table case_log');
    expect(await as(audit, 'DELETE FROM checkpoints WHERE false')).toBe('42501: permission denied for table checkpoints');
    // Nor may it take the trigger away, or the table: it owns neither.
    expect(await as(audit, 'ALTER TABLE case_log DISABLE TRIGGER ALL')).toBe('42501: must be owner of table case_log');
    expect(await as(audit, 'DROP TABLE case_log')).toBe('42501: must be owner of table case_log');
    // Its working tables it may change.
    expect(await as(audit, 'UPDATE chain_head SET position = position WHERE false')).toBe('ok');
  });

  it('keeps every other service out of the audit schema, and every service from writing the partner registry', async () => {
    expect(await as(DatabaseRoles.service('notification'), 'SELECT count(*) FROM audit.case_log')).toBe('42501: permission denied for schema audit');
    expect(await as(DatabaseRoles.service('intake'), 'SELECT count(*) FROM audit.dead_letters')).toBe('42501: permission denied for schema audit');
    expect(await as(DatabaseRoles.service('intake'), 'SELECT count(*) FROM partners.partners')).toBe('ok');
    expect(await as(DatabaseRoles.service('intake'), "INSERT INTO partners.partners (code, name) VALUES ('EVIL', 'x')")).toBe('42501: permission denied for table partners');
  });

  it("gives the auditors' role reading only", async () => {
    expect(await as(DatabaseRoles.auditor, 'SELECT count(*) FROM case_log')).toBe('ok');
    expect(await as(DatabaseRoles.auditor, 'INSERT INTO case_log SELECT * FROM case_log WHERE false')).toBe('42501: permission denied for table case_log');
    expect(await as(DatabaseRoles.auditor, 'UPDATE dead_letters SET redrive_count = 0 WHERE false')).toBe('42501: permission denied for table dead_letters');
  });

  it('runs no service as a superuser, nor lets one create roles or databases', async () => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const { rows } = await admin.query(`SELECT rolname, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname LIKE 'forewarn\\_%' ORDER BY rolname`);
    await admin.end();
    expect(rows.map((r) => r.rolname)).toEqual(expect.arrayContaining([DatabaseRoles.owner, DatabaseRoles.auditor, audit, DatabaseRoles.service('notification')]));
    expect(rows.filter((r) => r.rolsuper || r.rolcreaterole || r.rolcreatedb)).toEqual([]);
  });
});
