import { randomBytes } from 'node:crypto';
import { dropDatabase, provisionDatabase, withDatabase } from '@forewarn/database';
import { testDatabaseServerUrl } from './infrastructure';

export interface TestDatabase {
  name: string;
  serverUrl: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database per test file, so files never see each other's rows: provisioned as a deployment's is (roles, schemas, registry). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  const name = `fw_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await provisionDatabase(serverUrl, name);
  return { name, serverUrl, url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}

export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString('hex')}`;
}
