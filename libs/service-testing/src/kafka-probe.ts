import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage, type Producer } from 'kafkajs';
import type { ForewarnEvent } from '@forewarn/contracts';
import { ensureTopics } from '@forewarn/eventing';
import { kafkaAs, waitFor } from '@forewarn/testing';

type Mark = { partition: number; offset: string }[];

/**
 * The test's side of Kafka: produce events as another service would, wait until a consumer
 * group has committed past them, and find messages on a topic. The topics are shared with
 * every other run on this broker, so a test file marks where each topic ends when it starts:
 * its reads, and its service's consumer groups, begin there (the service neither re-decides
 * nor re-announces the whole history), and lookups go by caseId and eventId.
 */
export class KafkaProbe {
  readonly kafka = new Kafka({ ...kafkaAs(), clientId: `probe-${randomBytes(3).toString('hex')}`, logLevel: logLevel.NOTHING });
  private producer?: Producer;
  private readonly marks = new Map<string, Mark>();

  async mark(topics: string[]): Promise<void> {
    await ensureTopics(this.kafka, topics);
    await this.withAdmin(async (admin) => {
      for (const topic of topics) {
        this.marks.set(topic, (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })));
      }
    });
  }

  /**
   * Commits the mark as `groupId`'s position, so the service's consumer, joining later, starts
   * there. A short-lived member commits it: admin.setOffsets waits out a 5-second fetch. kafkajs
   * must never restart that member after a crash (on a fresh broker the group coordinator is
   * still loading): a restart after our disconnect would leave a member holding partitions,
   * paused, for the life of the test. A crash fails the attempt and a new member tries again.
   */
  async startGroupAtMark(groupId: string, topic: string, attempts = 5): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 5, restartOnFailure: async () => false } });
      try {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        // run() returns before the member has joined; pausing or committing earlier fails.
        const joined = new Promise<void>((resolve, reject) => {
          consumer.on(consumer.events.GROUP_JOIN, () => resolve());
          consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        });
        await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => undefined });
        await joined;
        consumer.pause([{ topic }]);
        await consumer.commitOffsets(this.marks.get(topic)!.map((p) => ({ topic, ...p })));
        return;
      } catch (err) {
        if (attempt >= attempts) throw err;
      } finally {
        await consumer.disconnect();
      }
    }
  }

  async produce(topic: string, event: ForewarnEvent): Promise<{ partition: number; offset: string }> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: true });
      await this.producer.connect();
    }
    const [meta] = await this.producer.send({ topic, acks: -1, messages: [{ key: event.caseId, value: JSON.stringify(event) }] });
    return { partition: meta.partition, offset: meta.baseOffset ?? meta.offset ?? '0' };
  }

  /** Resolves once `groupId` has committed an offset past `at` (the message was handled and its effects committed). */
  consumed(groupId: string, topic: string, at: { partition: number; offset: string }, timeoutMs = 30_000): Promise<void> {
    return this.withAdmin(async (admin) => {
      await waitFor(`${groupId} to pass ${topic}[${at.partition}]@${at.offset}`, async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const committed = offsets?.partitions.find((p) => p.partition === at.partition)?.offset ?? '-1';
        return BigInt(committed) > BigInt(at.offset);
      }, timeoutMs, 200);
    });
  }

  /** Waits until every given eventId is on the topic; returns those envelopes, in the order asked. */
  async onTopic(topic: string, eventIds: string[], timeoutMs = 30_000): Promise<ForewarnEvent[]> {
    const seen = new Map<string, ForewarnEvent>();
    await this.read(topic, timeoutMs, (m) => {
      const event = parse(m.value) as ForewarnEvent | undefined;
      if (event && eventIds.includes(event.eventId)) seen.set(event.eventId, event);
      return seen.size === new Set(eventIds).size;
    });
    return eventIds.map((id) => seen.get(id)!);
  }

  /** Waits for a partner message (no eventId) with this key that matches. */
  async partnerMessage<T>(topic: string, key: string, match: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
    let found: T | undefined;
    await this.read(topic, timeoutMs, (m) => {
      const value = parse(m.value) as T | undefined;
      if (m.key?.toString() === key && value !== undefined && match(value)) found = value;
      return found !== undefined;
    });
    return found!;
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** Reads `topic` from its mark (or its beginning) with a throwaway group until `done` says so. */
  private async read(topic: string, timeoutMs: number, done: (m: KafkaMessage) => boolean): Promise<void> {
    const mark = this.marks.get(topic) ?? [];
    const from = (partition: number) => BigInt(mark.find((p) => p.partition === partition)?.offset ?? '0');
    const consumer = this.kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out reading ${topic}`)), timeoutMs);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              // The seek below may land after a first fetch from the beginning: skip what precedes the mark.
              if (BigInt(message.offset) >= from(partition) && done(message)) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .then(() => mark.forEach((p) => consumer.seek({ topic, partition: p.partition, offset: p.offset })))
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  private async withAdmin<R>(work: (admin: ReturnType<Kafka['admin']>) => Promise<R>): Promise<R> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }
}

function parse(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return undefined;
  }
}
