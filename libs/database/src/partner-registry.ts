import { Client } from 'pg';
import { DatabaseRoles, roleDatabaseUrl } from './database-roles';

/**
 * The partner agencies Forewarn exchanges messages with (`partners.partners`), written by the
 * partner command (`./forewarn partner add|remove`) and read by the services: which agencies'
 * inbound topics to read, whose status topic a case's news goes to, and which agency's topic a
 * warning goes to. The broker holds the agencies' credentials and ACLs; this holds what they are.
 */
export interface Partner {
  /** Its code: capitals, digits and dashes, as in its topics' names (PARTNER_CODE in libs/contracts). */
  code: string;
  name: string;
  /** Delivery channels it carries for any recipient (DIPLOMATIC, DOMESTIC_LAW_ENFORCEMENT, LIAISON). */
  channels: string[];
  /** Recipients it is: a warning to a protector of one of these names goes to it, on any channel. */
  protects: string[];
}

export type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** The registry of the deployment's database (FOREWARN_DATABASE), as its owner: the services may only read it. */
export async function withPartnerRegistry<T>(work: (query: Query) => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const client = new Client({ connectionString: roleDatabaseUrl(DatabaseRoles.owner, env.FOREWARN_DATABASE || 'forewarn', env) });
  await client.connect();
  try {
    return await work(async (text, params) => (await client.query(text, params)).rows);
  } finally {
    await client.end();
  }
}

/** In the `partners` schema, which provisioning makes (provision-database.ts). */
export const PARTNER_REGISTRY_DDL = [
  `CREATE TABLE IF NOT EXISTS partners.partners (
     code       text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,31}$'),
     name       text NOT NULL,
     channels   text[] NOT NULL DEFAULT '{}',
     protects   text[] NOT NULL DEFAULT '{}',
     added_at   timestamptz NOT NULL DEFAULT now(),
     removed_at timestamptz
   )`,
];

const toPartner = (r: Record<string, unknown>): Partner => ({ code: String(r.code), name: String(r.name), channels: r.channels as string[], protects: r.protects as string[] });

export async function activePartners(query: Query): Promise<Partner[]> {
  return (await query(`SELECT code, name, channels, protects FROM partners.partners WHERE removed_at IS NULL ORDER BY code`)).map(toPartner);
}

/** Adds the agency, or brings it back with these details. */
export async function registerPartner(query: Query, p: Partner): Promise<void> {
  await query(
    `INSERT INTO partners.partners (code, name, channels, protects) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, channels = EXCLUDED.channels, protects = EXCLUDED.protects, removed_at = NULL`,
    [p.code, p.name, p.channels, p.protects],
  );
}

/** Marks it removed (kept for the record: old cases name it); false when no such active partner. */
export async function removePartner(query: Query, code: string): Promise<boolean> {
  return (await query(`UPDATE partners.partners SET removed_at = now() WHERE code = $1 AND removed_at IS NULL RETURNING code`, [code])).length > 0;
}

/**
 * Which agency receives a warning: the one that is the recipient (a protector it answers to), or
 * else the one that carries the warning's channel. Null when none does: no partner topic to send to.
 */
export function routeWarning(partners: readonly Partner[], channel: string, recipient: string): Partner | null {
  return partners.find((p) => p.protects.includes(recipient)) ?? partners.find((p) => p.channels.includes(channel)) ?? null;
}
