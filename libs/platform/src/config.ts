import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServiceName } from '@forewarn/contracts';
import { DatabaseRoles, roleDatabaseUrl, type ServiceSchema } from '@forewarn/database';
import { CURRENT_POLICY_VERSION, getPolicy } from '@forewarn/policy';

/** Each service's default HTTP port; the services themselves are named in libs/contracts (ServiceNames). */
export const ServicePorts: Record<ServiceName, number> = {
  intake: 3001,
  assessment: 3002,
  'waiver-review': 3003,
  notification: 3004,
  audit: 3005,
};

export type { ServiceName };

export interface PlatformConfig {
  service: ServiceName;
  /** The monorepo's version: all services ship together. Stamped on events as `producer.version`. */
  version: string;
  port: number;
  /** Its own role's connection to the Forewarn database (database-roles.ts roleDatabaseUrl). */
  databaseUrl: string;
  /** The policy version this service decides by: FOREWARN_POLICY_VERSION, or the current one. */
  policyVersion: string;
}

/** Everything a service reads from its environment, with local-development defaults. */
export function loadConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  if (!(service in ServicePorts)) {
    throw new Error(`Unknown service '${service}'. Known: ${Object.keys(ServicePorts).join(', ')}`);
  }
  // Each service has its own variable so all five can run on one machine.
  const portVariable = `${service.toUpperCase().replace(/-/g, '_')}_PORT`;
  return {
    service,
    version: rootPackageVersion(),
    port: parsePort(portVariable, env[portVariable], ServicePorts[service]),
    databaseUrl: roleDatabaseUrl(DatabaseRoles.service(schemaOf(service)), databaseName(env), env),
    policyVersion: getPolicy(env.FOREWARN_POLICY_VERSION || CURRENT_POLICY_VERSION).version,
  };
}

/** The Postgres database every service shares, each in its own schema (FOREWARN_DATABASE). */
export function databaseName(env: NodeJS.ProcessEnv = process.env): string {
  return env.FOREWARN_DATABASE || 'forewarn';
}

/** A service's own schema: its name in snake case (waiver-review -> waiver_review). */
export function schemaOf(service: ServiceName): ServiceSchema {
  return service.replace(/-/g, '_') as ServiceSchema;
}

function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable}=${value} is not a TCP port`);
  }
  return port;
}

let version: string | undefined;

// Walks up rather than importing package.json, so the same code works from src/ (jest) and dist/.
function rootPackageVersion(): string {
  if (version) return version;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'forewarn' && pkg.version) return (version = pkg.version);
    }
    if (dirname(dir) === dir) throw new Error(`Cannot find the forewarn package.json above ${__dirname}`);
  }
}
