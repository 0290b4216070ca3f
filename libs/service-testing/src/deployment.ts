import { Client } from 'pg';
import { Principals, ServiceNames, serviceGrants } from '@forewarn/contracts';
import { registerPartner, type Partner } from '@forewarn/database';
import { applyGrants, createKafka, kafkaPort, type KafkaPort } from '@forewarn/eventing';
import { DemoPartners, kafkaAs, type TestDatabase } from '@forewarn/testing';

/** The cluster's admin as a test acts it (granting a namespace, deleting a topic): never a service. */
export function adminKafkaPort(brokers?: string[]): KafkaPort {
  return kafkaPort('test-admin', { ...kafkaAs(Principals.admin), ...(brokers ? { brokers } : {}) });
}

/**
 * @deprecated The admin's raw client, kept only for e2e/replaced-broker.e2e.spec.ts (which calls
 * its `.admin()`); use adminKafkaPort. Goes once that file moves over (docs/kafka-client.md).
 */
export function adminKafka(brokers?: string[]) {
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
  return createKafka('test-admin', { ...kafkaAs(Principals.admin), ...(brokers ? { brokers } : {}) }, quiet);
}

/**
 * What provisioning grants a deployment, for a test's own one: each service may use the consumer
 * groups and transactional ids named after it under the test's group prefix, and no other.
 */
export async function grantNamespace(prefix: string, brokers?: string[]): Promise<void> {
  const grants = ServiceNames.flatMap((s) => serviceGrants(s, prefix)).filter((g) => g.resource === 'Group' || g.resource === 'TransactionalId');
  await applyGrants(adminKafkaPort(brokers), grants);
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
