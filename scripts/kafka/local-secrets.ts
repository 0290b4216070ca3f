import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { kafkaPasswordFile } from '@forewarn/testing';

/**
 * The principal's password file among the development secrets of this checkout (kafkaPasswordFile:
 * .run/secrets/kafka, 0600, as infra/kafka/secret.sh makes them), made with a random password on
 * first use. A production deployment keeps these in its own secret store and points the same
 * variables at them.
 */
export function ensurePasswordFile(principal: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(principal)) throw new Error(`bad principal name '${principal}'`);
  const file = kafkaPasswordFile(principal);
  if (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  chmodSync(file, 0o600);
  return file;
}
