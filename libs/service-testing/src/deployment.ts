import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Principals, ServiceNames, serviceGrants } from '@forewarn/contracts';
import { registerPartner, type Partner } from '@forewarn/database';
import { applyGrants } from '@forewarn/eventing';
import { DemoPartners, kafkaAs, type TestDatabase } from '@forewarn/testing';

/** The cluster's admin as a test acts it (granting a namespace, deleting a topic): never a service. */
export function adminKafka(brokers?: string[]): Kafka {
  return new Kafka({ ...kafkaAs(Principals.admin), ...(brokers ? { brokers } : {}), clientId: 'test-admin', logLevel: logLevel.NOTHING });
}

/**
 * What provisioning grants a deployment, for a test's own one: each service may use the consumer
 * groups and transactional ids named after it under the test's group prefix, and no other.
 */
export async function grantNamespace(prefix: string, brokers?: string[]): Promise<void> {
  const grants = ServiceNames.flatMap((s) => serviceGrants(s, prefix)).filter((g) => g.resource === 'Group' || g.resource === 'TransactionalId');
  await applyGrants(adminKafka(brokers), grants);
}

/** Partner agencies in a test database's registry, as the partner command writes them (not as a service: it may only read). */
export async function registerPartners(db: TestDatabase, partners: readonly Partner[]): Promise<void> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    for (const p of partners) await registerPartner(async (text, params) => (await client.query(text, params)).rows, p);
  } finally {
    await client.end();
  }
}

/** The demo's partner agencies in a test database's registry (the test broker onboarded them). */
export const registerDemoPartners = (db: TestDatabase) => registerPartners(db, DemoPartners);
