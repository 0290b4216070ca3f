// Jest global setup (plain JS: jest loads it before any transform). With neither KAFKA_BROKERS
// nor DATABASE_URL set and a Docker engine answering, start Kafka and PostgreSQL with
// testcontainers; otherwise the tests use the broker `./forewarn test` started and the
// machine's PostgreSQL.
const { execSync } = require('child_process');

function dockerEngineAnswers() {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS || process.env.DATABASE_URL) return;
  if (!dockerEngineAnswers()) return;
  const { KafkaContainer } = require('@testcontainers/kafka');
  const { PostgreSqlContainer } = require('@testcontainers/postgresql');
  const kafka = await new KafkaContainer('apache/kafka:4.1.1').withKraft().start();
  const postgres = await new PostgreSqlContainer('postgres:16').withUsername('postgres').withPassword('postgres').start();
  process.env.KAFKA_BROKERS = `${kafka.getHost()}:${kafka.getMappedPort(9093)}`;
  process.env.DATABASE_URL = `postgres://postgres:postgres@${postgres.getHost()}:${postgres.getPort()}`;
  globalThis.__forewarnContainers = [kafka, postgres];
};
