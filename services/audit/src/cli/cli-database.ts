import { Client } from 'pg';
import { DatabaseRoles, roleDatabaseUrl } from '@forewarn/database';

/**
 * The audit schema of the Forewarn database, straight from Postgres: the CLI needs no broker
 * and no running service. Same variables as the services (DATABASE_URL, FOREWARN_DATABASE). As
 * whom: `verify` reads, as the auditors' read-only role; `purge` and `rebuild` rewrite records,
 * which only the owner may (the audit service itself can only append).
 */
export function auditCliRole(command: string): string {
  return command === 'verify' ? DatabaseRoles.auditor : DatabaseRoles.owner;
}

export async function connectAuditDatabase(role: string, env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const url = roleDatabaseUrl(role, env.FOREWARN_DATABASE || 'forewarn', env);
  const client = new Client({ connectionString: url, options: '-c search_path=audit', application_name: 'audit-cli' });
  await client.connect();
  return client;
}
