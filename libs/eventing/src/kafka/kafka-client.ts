import { Kafka, logLevel, type Admin, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import { EventTopics, Topics } from '@forewarn/contracts';
import type { Logger } from '../logger';
import { sleep } from '../retry';
import type { KafkaConnection } from './kafka-connection';

/** `connection` in kafkajs' terms. */
export function kafkajsConfig(clientId: string, connection: KafkaConnection): KafkaConfig {
  return { clientId, brokers: connection.brokers, ...(connection.ssl === undefined ? {} : { ssl: connection.ssl }), ...(connection.sasl ? { sasl: connection.sasl as SASLOptions } : {}) };
}

/** A kafkajs client on `connection` (brokers, TLS, SASL) whose own log lines go to our structured logger. */
export function createKafka(clientId: string, connection: KafkaConnection, logger: Logger): Kafka {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  return new Kafka({
    ...kafkajsConfig(clientId, connection),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 8 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        // kafkajs passes the error a handler threw (a QueryFailedError with its SQL parameters)
        // as `error`: under `err` the logger's serializer keeps only what failed and where.
        const { message, error, ...extra } = log;
        // Coordinator-loading errors right after a broker starts are retried by kafkajs itself.
        if (level > logLevel.ERROR) return;
        try {
          logger.warn({ kafka: extra, ...(error === undefined ? {} : { err: error }) }, `kafkajs: ${message}`);
        } catch {
          // A broken logger must never take a consumer or the relay down with it.
        }
      },
  });
}

/** Every topic Forewarn owns, with the default partition count; creating an existing one is a no-op. */
export const allTopics = [...Object.values(Topics)];

/**
 * Partitions for the topics provisioning creates (FOREWARN_TOPIC_PARTITIONS, default 6). A
 * partition is read by one member of a group at a time, so this caps the instances of a service
 * that share work; 6 splits evenly over 1, 2, 3 or 6 of them. A case keeps its order at any count
 * (the key is the caseId), but raising it on a live topic moves keys between partitions: choose
 * before go-live (docs/reliability.md).
 */
export function topicPartitions(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.FOREWARN_TOPIC_PARTITIONS ?? 6);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FOREWARN_TOPIC_PARTITIONS=${env.FOREWARN_TOPIC_PARTITIONS} is not a positive whole number`);
  return n;
}

/**
 * Creates those of `topics` that do not exist. Only a principal allowed to create topics may
 * (the admin, or a test's fixtures); a service's topics exist before it starts (provisioning).
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[] = allTopics, numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      // kafkajs' waitForLeaders retries only LEADER_NOT_AVAILABLE, and a node just started (or
      // one that has not yet heard of the new topics) answers UNKNOWN_TOPIC_OR_PARTITION: wait
      // for every partition's leader here instead.
      await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions })), waitForLeaders: false }).catch((err: Error) => {
        throw new Error(`topics ${missing.join(', ')} do not exist and could not be created (${err.message}); create them with ./forewarn's provisioning (scripts/kafka)`);
      });
      await waitForLeaders(admin, missing);
    }
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0) return;
      last = `no leader yet for ${leaderless.map((t) => t.name).join(', ')}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} were created but have no leaders after ${timeoutMs} ms (${last})`);
    await sleep(250);
  }
}

export { EventTopics };
