import { Topics, type ForewarnEvent, type WarningAuthorizedData } from '@forewarn/contracts';
import { kafkaPort, newEvent, type KafkaRecord, type RecordPublisher } from '@forewarn/eventing';
import { startGroupsAtEnd } from '@forewarn/service-testing';
import { kafkaAs, waitFor } from '@forewarn/testing';
import { PARTNER_ACKNOWLEDGEMENTS_CONSUMER, WARNING_AUTHORIZED_CONSUMER } from '../../src/events/consumers';
import { policy } from './reports';

/** The test's fixtures: publishing as waiver-review would, reading partners' topics (its own principal, on the test broker). */
export const kafka = kafkaPort('notification-tests', kafkaAs());

/** What waiver-review would publish. */
export function warningAuthorized(caseId: string, data: WarningAuthorizedData): ForewarnEvent<'WarningAuthorized'> {
  return newEvent('WarningAuthorized', caseId, data, {
    producer: { service: 'waiver-review', version: 'test' },
    actor: { kind: 'person', id: 'senior-reviewer-1', organisation: 'NCTC', roles: ['senior-reviewer'] },
    policyVersion: policy.version,
  });
}

/**
 * The service's two consumer groups under `prefix` (FOREWARN_GROUP_PREFIX), at the topics'
 * ends: the topics are shared and long-lived, and without this each test group would re-read
 * (and the service re-deliver) every authorization ever published.
 */
export function startServiceGroupsAtEnd(prefix: string): Promise<void> {
  return startGroupsAtEnd(prefix, [WARNING_AUTHORIZED_CONSUMER, PARTNER_ACKNOWLEDGEMENTS_CONSUMER]);
}

export async function connectProducer(): Promise<RecordPublisher> {
  const producer = kafka.publisher();
  await producer.connect();
  return producer;
}

export async function publish(producer: RecordPublisher, topic: string, key: string, value: unknown): Promise<void> {
  await producer.send({ topic, acks: -1, messages: [{ key, value: typeof value === 'string' ? value : JSON.stringify(value) }] });
}

export const publishAuthorization = (producer: RecordPublisher, event: ForewarnEvent<'WarningAuthorized'>) =>
  publish(producer, Topics.waiverReviewEvents, event.caseId, event);

export interface Recorded {
  topic: string;
  key: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the topic carries
  value: any;
  headers: Record<string, string>;
}

/**
 * Records, from its start, the messages on some topics whose key is a case this test watches.
 * The topics are shared with every other test file and service, so everything is filtered by
 * key (the caseId) and, where another notification instance could also act, by deliveryId.
 */
export class TopicRecorder {
  readonly messages: Recorded[] = [];
  private readonly keys = new Set<string>();
  private stopReading: () => Promise<void> = async () => undefined;

  /** From the topics' ends: only what this test causes, which comes later; nothing published after start() returns is missed. */
  static async start(topics: string[]): Promise<TopicRecorder> {
    const recorder = new TopicRecorder();
    recorder.stopReading = await kafka.follow(
      topics,
      ({ topic, key: rawKey, value: rawValue, headers }) => {
        const key = rawKey?.toString('utf8') ?? '';
        if (!recorder.keys.has(key)) return;
        const text = rawValue?.toString('utf8') ?? '';
        let value: unknown = text;
        try {
          value = JSON.parse(text);
        } catch {
          // kept as text
        }
        recorder.messages.push({ topic, key, value, headers: headersOf(headers) });
      },
      { group: 'notification-test-recorder', maxWaitTimeInMs: 100 },
    );
    return recorder;
  }

  watch(key: string): string {
    this.keys.add(key);
    return key;
  }

  on(topic: string, key: string): Recorded[] {
    return this.messages.filter((m) => m.topic === topic && m.key === key);
  }

  /** Notification's events about one delivery, in publication order. */
  deliveryEvents(caseId: string, deliveryId: string): ForewarnEvent[] {
    return this.on(Topics.notificationEvents, caseId)
      .map((m) => m.value as ForewarnEvent)
      .filter((e) => (e.data as { deliveryId?: string }).deliveryId === deliveryId);
  }

  /** Waits until `probe` finds something in what was recorded so far. */
  until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
    return waitFor(what, async () => probe(), timeoutMs, 50);
  }

  stop(): Promise<void> {
    return this.stopReading();
  }
}

function headersOf(headers: KafkaRecord['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}

export const settle = (ms = 1_500) => new Promise((r) => setTimeout(r, ms));
