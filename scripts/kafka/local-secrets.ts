import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@forewarn/testing';

/**
 * The development secrets of this checkout: one password file per Kafka principal under
 * .run/secrets/kafka (FOREWARN_SECRETS_DIR), 0600, as infra/kafka/secret.sh makes them. A
 * production deployment keeps these in its own secret store and points the same variables at them.
 */
export const secretsDir = () => process.env.FOREWARN_SECRETS_DIR ?? join(repoRoot, '.run', 'secrets');

export function passwordFile(principal: string): string {
  return join(secretsDir(), 'kafka', `${principal}.password`);
}

/** The principal's password file, made with a random password on first use. */
export function ensurePasswordFile(principal: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(principal)) throw new Error(`bad principal name '${principal}'`);
  const file = passwordFile(principal);
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    mkdirSync(join(secretsDir(), 'kafka'), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  chmodSync(file, 0o600);
  return file;
}
