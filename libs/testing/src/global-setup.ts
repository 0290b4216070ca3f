import { dockerEngineAnswers } from './infrastructure';

/**
 * Jest global setup. With neither KAFKA_BROKERS nor DATABASE_URL set and a Docker engine
 * answering, start Kafka and PostgreSQL with testcontainers; otherwise use the local
 * broker (started by `./forewarn test`) and the machine's PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS || process.env.DATABASE_URL || process.env.FOREWARN_LOCAL_KAFKA === '1') return;
  if (!dockerEngineAnswers()) return;
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const kafka = await new KafkaContainer('apache/kafka:4.1.1').withKraft().start();
  const postgres = await new PostgreSqlContainer('postgres:16').withUsername('postgres').withPassword('postgres').start();
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.DATABASE_URL = `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}`;
  (globalThis as { __forewarnContainers?: unknown[] }).__forewarnContainers = [kafka, postgres];
}
