import { randomBytes } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

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
 * Follows `topics` from their ends as they are now: resolves once the reader has joined, so
 * nothing published afterwards is missed, and hands each record to `onMessage` once. It does not
 * trust its group's committed offsets: a reader whose coordinator was lost (a Kafka node killed)
 * restarts and re-joins, and would then either skip what came since its last commit (a "latest"
 * reset) or read some records again, which a test counting copies would take for duplicates on
 * the topic. So it starts every partition at the end offset it found, and passes over any
 * offset it already handed on. Call the returned function to stop: a reader that crashed is not
 * started again once stopping (kafkajs would otherwise restart it after its disconnect, still
 * fetching when the test has ended).
 */
export async function followTopics(
  kafka: Kafka,
  topics: string[],
  onMessage: (topic: string, message: KafkaMessage) => void,
  opts: { group: string; maxWaitTimeInMs?: number; readUncommitted?: boolean },
): Promise<() => Promise<void>> {
  // The next offset to hand on, per `topic:partition`: the end of the log now, then past each record.
  const next = new Map<string, bigint>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) for (const p of await admin.fetchTopicOffsets(topic)) next.set(`${topic}:${p.partition}`, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  let stopping = false;
  const consumer = kafka.consumer({
    groupId: `${opts.group}-${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: opts.maxWaitTimeInMs ?? 50,
    readUncommitted: opts.readUncommitted ?? false,
    retry: { restartOnFailure: async () => !stopping },
  });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let joined!: () => void;
  const ready = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const key = `${topic}:${partition}`;
      const offset = BigInt(message.offset);
      if (offset < (next.get(key) ?? 0n)) return;
      next.set(key, offset + 1n);
      onMessage(topic, message);
    },
  });
  // Where each partition is to be read from; a partition created since reads from its start.
  for (const [key, offset] of next) {
    const at = key.lastIndexOf(':');
    consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset: offset.toString() });
  }
  await ready;
  return async () => {
    stopping = true;
    await consumer.disconnect();
  };
}
