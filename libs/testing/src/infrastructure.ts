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
