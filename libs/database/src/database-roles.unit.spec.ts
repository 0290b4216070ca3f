import { DatabaseRoles, roleDatabaseUrl, schemaGrants } from './database-roles';

describe('roleDatabaseUrl', () => {
  it('Given only the administrator URL, Then the same server as the role, with no password (local trust)', () => {
    expect(roleDatabaseUrl('forewarn_intake', 'forewarn', { DATABASE_URL: 'postgres://postgres:secret@db:5432' })).toBe('postgres://forewarn_intake@db:5432/forewarn');
    expect(roleDatabaseUrl(DatabaseRoles.owner, 'fw', {})).toBe('postgres://forewarn_owner@127.0.0.1:5432/fw');
  });

  it("Given the role's own URL (production, with its password), Then that, on the deployment's database", () => {
    const env = { DATABASE_URL: 'postgres://postgres@db:5432', FOREWARN_AUDITOR_DATABASE_URL: 'postgres://forewarn_auditor:pw@replica:5433/x?sslmode=verify-full' };
    expect(roleDatabaseUrl(DatabaseRoles.auditor, 'forewarn', env)).toBe('postgres://forewarn_auditor:pw@replica:5433/forewarn?sslmode=verify-full');
  });
});

describe('schemaGrants', () => {
  it("gives a service its own schema's rows, never TRUNCATE, and the audit role append-only on the log", () => {
    expect(schemaGrants('intake')).toEqual([
      'GRANT USAGE ON SCHEMA "intake" TO "forewarn_intake"',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "intake" TO "forewarn_intake"',
      'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "intake" TO "forewarn_intake"',
    ]);
    expect(schemaGrants('audit')).toEqual(expect.arrayContaining([
      'REVOKE UPDATE, DELETE, TRUNCATE ON "audit"."case_log" FROM "forewarn_audit"',
      'REVOKE UPDATE, DELETE, TRUNCATE ON "audit"."checkpoints" FROM "forewarn_audit"',
      'GRANT SELECT ON ALL TABLES IN SCHEMA "audit" TO "forewarn_auditor"',
    ]));
  });
});
