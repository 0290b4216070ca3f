import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './child-process';

/**
 * Where tests find Kafka and PostgreSQL. Explicit settings win; otherwise the local broker
 * that `./forewarn test` starts from infra/kafka, and the machine's PostgreSQL.
 */
export function testBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
}

export function testDatabaseServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
}

/** A principal's password file among this checkout's secrets (infra/kafka/secret.sh, FOREWARN_SECRETS_DIR). */
export const kafkaPasswordFile = (principal: string) => join(process.env.FOREWARN_SECRETS_DIR ?? join(repoRoot, '.run', 'secrets'), 'kafka', `${principal}.password`);
/** The local brokers' CA (infra/kafka/tls.sh). */
const caFile = () => process.env.KAFKA_SSL_CA_FILE ?? join(process.env.FOREWARN_TLS_DIR ?? join(repoRoot, '.run', 'tls'), 'ca.pem');

/** The test suite's own principal on the test broker: its fixtures publish and read as anyone may. */
export const TEST_PRINCIPAL = 'forewarn-test';

/** The environment that makes a Forewarn process connect to the test broker as `principal`. */
export function kafkaEnv(principal = TEST_PRINCIPAL): Record<string, string> {
  return {
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_SSL_CA_FILE: caFile(),
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD_FILE: kafkaPasswordFile(principal),
  };
}

/** A connection to the test broker as `principal` (SCRAM-SHA-512 over TLS), a KafkaConnection for @forewarn/eventing's kafkaPort(). The demo uses it too, with the checkout's secrets. */
export function kafkaAs(principal = TEST_PRINCIPAL, password?: string) {
  const env = kafkaEnv(principal);
  return {
    brokers: testBrokers(),
    ssl: { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')], rejectUnauthorized: true as const },
    sasl: { mechanism: 'scram-sha-512' as const, username: principal, password: password ?? readFileSync(env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim() },
  };
}
