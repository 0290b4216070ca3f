import { Client } from 'pg';

/**
 * The audit schema of the Forewarn database, straight from Postgres: the CLI needs no broker
 * and no running service. Same variables as the services (DATABASE_URL, FOREWARN_DATABASE).
 */
export async function connectAuditDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const url = new URL(env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432');
  url.pathname = `/${env.FOREWARN_DATABASE || 'forewarn'}`;
  const client = new Client({ connectionString: url.toString(), options: '-c search_path=audit', application_name: 'audit-cli' });
  await client.connect();
  return client;
}
