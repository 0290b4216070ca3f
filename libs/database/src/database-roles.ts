/**
 * Who may do what in Forewarn's PostgreSQL database: every role's rights, as data a reviewer
 * reads in one place (docs/security.md renders it), applied by provision-database.ts and by each
 * service's migration step.
 *
 * - The owner owns every schema and table and runs the migrations; no service runs as it.
 * - Each service logs in as its own role, with reads and writes on its own schema only, and
 *   reads of the partner registry.
 * - The audit role may only append to the case log and its checkpoints (and the other append-only
 *   records): no UPDATE, DELETE or TRUNCATE, on top of the trigger that refuses them.
 * - The auditors' role reads the audit schema and writes nothing.
 */
export const DatabaseRoles = {
  owner: 'forewarn_owner',
  auditor: 'forewarn_auditor',
  service: (schema: ServiceSchema) => `forewarn_${schema}`,
} as const;

/** Each service's own schema: its name in snake case. */
export const ServiceSchemas = ['intake', 'assessment', 'waiver_review', 'notification', 'audit'] as const;
export type ServiceSchema = (typeof ServiceSchemas)[number];

/** The partner registry's schema, owned like the others, read by every service. */
export const PARTNERS_SCHEMA = 'partners';

/** Tables their own service may only add rows to (and read): the record of what happened. */
export const AppendOnlyTables: Partial<Record<ServiceSchema, readonly string[]>> = {
  audit: ['case_log', 'checkpoints', 'legal_hold_history', 'purge_runs'],
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statements that give a service's role its rights on its schema, after its migrations (by
 * the owner, who owns the tables): everything on its tables but TRUNCATE, less what is append-only.
 */
export function schemaGrants(schema: ServiceSchema): string[] {
  const role = quote(DatabaseRoles.service(schema));
  const s = quote(schema);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`,
    ...(AppendOnlyTables[schema] ?? []).map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${quote(t)} FROM ${role}`),
    ...(schema === 'audit' ? [`GRANT USAGE ON SCHEMA ${s} TO ${quote(DatabaseRoles.auditor)}`, `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${quote(DatabaseRoles.auditor)}`] : []),
  ];
}

/**
 * The URL a role connects with: `<ROLE>_DATABASE_URL` when set (in production, with its
 * password: docs/security.md), else DATABASE_URL's server with the role as its user and no
 * password (these machines trust local connections). `database` replaces the URL's database.
 */
export function roleDatabaseUrl(role: string, database: string, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[`${role.toUpperCase()}_DATABASE_URL`];
  const url = new URL(own || env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432');
  if (!own) {
    url.username = role;
    url.password = '';
  }
  url.pathname = `/${database}`;
  return url.toString();
}

/** The rights as docs/security.md shows them (scripts/generate-security-tables.ts). */
export function databaseGrantsMarkdown(): string {
  const rows = [
    `| ${DatabaseRoles.owner} | owns every schema (${[...ServiceSchemas, PARTNERS_SCHEMA].join(', ')}) and table; runs the migrations, the rebuilds and the purge | — |`,
    ...ServiceSchemas.map((s) => {
      const appendOnly = AppendOnlyTables[s];
      return `| ${DatabaseRoles.service(s)} | SELECT, INSERT, UPDATE, DELETE on the tables of \`${s}\`; SELECT on \`${PARTNERS_SCHEMA}.partners\` | ${appendOnly ? `INSERT and SELECT only on ${appendOnly.join(', ')}; ` : ''}no TRUNCATE, no DDL, no other schema |`;
    }),
    `| ${DatabaseRoles.auditor} | SELECT on the tables of \`audit\` (the auditors' CLI: verify) | nothing else |`,
  ];
  const statements = ServiceSchemas.flatMap(schemaGrants);
  return [
    '| role | may | may not |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'The grants each migration step applies, as the owner:',
    '',
    '```sql',
    ...statements.map((s) => `${s};`),
    '```',
  ].join('\n');
}
