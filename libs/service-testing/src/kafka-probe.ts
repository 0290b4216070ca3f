import { randomBytes } from 'node:crypto';
import type { ForewarnEvent } from '@forewarn/contracts';
import { kafkaPort, type KafkaPort, type KafkaRecord, type RecordPublisher } from '@forewarn/eventing';
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
  readonly kafka: KafkaPort = kafkaPort(`probe-${randomBytes(3).toString('hex')}`, kafkaAs());
  private producer?: RecordPublisher;
  private readonly marks = new Map<string, Mark>();

  async mark(topics: string[]): Promise<void> {
    await this.kafka.ensureTopics(topics);
    await this.kafka.withAdmin(async (admin) => {
      for (const topic of topics) {
        this.marks.set(topic, (await admin.topicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })));
      }
    });
  }

  /**
   * Commits the mark as `groupId`'s position, so the service's consumer, joining later, starts
   * there (by a short-lived member of the group: KafkaPort.commitGroupPosition).
   */
  startGroupAtMark(groupId: string, topic: string, attempts = 5): Promise<void> {
    return this.kafka.commitGroupPosition(groupId, topic, this.marks.get(topic)!, attempts);
  }

  async produce(topic: string, event: ForewarnEvent): Promise<{ partition: number; offset: string }> {
    if (!this.producer) {
      this.producer = this.kafka.publisher({ autoCreateTopics: true });
      await this.producer.connect();
    }
    const [meta] = await this.producer.send({ topic, acks: -1, messages: [{ key: event.caseId, value: JSON.stringify(event) }] });
    return { partition: meta.partition, offset: meta.offset };
  }

  /** Resolves once `groupId` has committed an offset past `at` (the message was handled and its effects committed). */
  consumed(groupId: string, topic: string, at: { partition: number; offset: string }, timeoutMs = 30_000): Promise<void> {
    return this.kafka.withAdmin(async (admin) => {
      await waitFor(`${groupId} to pass ${topic}[${at.partition}]@${at.offset}`, async () => {
        const [offsets] = await admin.groupOffsets(groupId, [topic]);
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
  private read(topic: string, timeoutMs: number, done: (m: KafkaRecord) => boolean): Promise<void> {
    return this.kafka.scan(topic, done, { timeoutMs, from: this.marks.get(topic) });
  }
}

function parse(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return undefined;
  }
}
