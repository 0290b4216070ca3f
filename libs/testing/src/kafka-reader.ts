import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';

/** Reads a topic from the beginning with a throwaway group; collects messages that match. */
export async function collectMessages(
  kafka: Kafka,
  topic: string,
  until: (messages: KafkaMessage[]) => boolean,
  timeoutMs = 30_000,
  filter: (m: KafkaMessage) => boolean = () => true,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
  const found: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topic}: ${found.length} matching messages`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (filter(message)) found.push(message);
          if (until(found)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/**
 * Every message on `topic` from its start, as a consumer of that isolation level reads it: once
 * at least `min` have come and then none for `quietMs` (so late duplicates are counted too).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  opts: { min: number; quietMs?: number; timeoutMs?: number; readUncommitted?: boolean },
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100, readUncommitted: opts.readUncommitted ?? false });
  const found: KafkaMessage[] = [];
  let lastAt = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        found.push(message);
        lastAt = Date.now();
      },
    });
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    while (found.length < opts.min || Date.now() - lastAt < (opts.quietMs ?? 2_000)) {
      if (Date.now() > deadline) throw new Error(`timed out reading ${topic}: ${found.length} messages, wanted at least ${opts.min}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/**
 * Follows `topics` from their ends as they are now, with a throwaway group: resolves once the group
 * has joined, so nothing published afterwards is missed. The caller disconnects the consumer.
 */
export async function followTopics(
  kafka: Kafka,
  topics: string[],
  onMessage: (topic: string, message: KafkaMessage) => void,
  opts: { group: string; maxWaitTimeInMs?: number; readUncommitted?: boolean },
): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `${opts.group}-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 50, readUncommitted: opts.readUncommitted ?? false });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: false });
  let joined!: () => void;
  const ready = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ eachMessage: async ({ topic, message }) => onMessage(topic, message) });
  await ready;
  return consumer;
}
