import { randomBytes } from 'node:crypto';
import { AssignerProtocol, Kafka, logLevel, type Admin, type Consumer, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import type { Grant } from '@forewarn/contracts';
import type { EventingRuntime } from '../eventing-runtime';
import type { Logger } from '../logger';
import { aclEntries, aclFilters, principalFilters } from './access-control';
import { createKafka, ensureTopics, kafkajsConfig } from './kafka-client';
import type { KafkaConnection } from './kafka-connection';

/**
 * The Kafka port: everything code outside libs/eventing (services' consoles, scripts, tests,
 * benchmarks, the demo) may do with Kafka, in Forewarn's own types. Only this directory knows
 * the client library (kafkajs today); a switch of library changes libs/eventing/src/** (and the
 * transitional leftovers listed in docs/kafka-client.md). The services' own consuming and publishing go through
 * EventingRuntime (inbox, outbox), not through this port.
 */

/** A record as read from a topic. */
export interface KafkaRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | string | undefined>;
}

/** A record to publish. */
export interface OutgoingRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer>;
  partition?: number;
}

export interface PublishRequest {
  topic: string;
  messages: OutgoingRecord[];
  /** -1 (default): every in-sync replica. */
  acks?: -1 | 0 | 1;
}

/** Where a published batch landed, per partition. */
export interface PublishedAt {
  topic: string;
  partition: number;
  /** The batch's first offset on that partition. */
  offset: string;
}

export interface RecordPublisher {
  connect(): Promise<void>;
  send(request: PublishRequest): Promise<PublishedAt[]>;
  disconnect(): Promise<void>;
}

export interface PartitionOffsets {
  partition: number;
  /** The first offset the log still holds. */
  low: string;
  /** The log end (high watermark). */
  high: string;
}

export interface GroupOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

export interface GroupDescription {
  groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, ... */
  state: string;
  /** Each member with the topics it subscribed to (decoded from the consumer protocol). */
  members: { memberId: string; topics: string[] }[];
}

/** What a connected admin client may ask or change; close() it when done. */
export interface KafkaAdminPort {
  clusterId(): Promise<string>;
  listTopics(): Promise<string[]>;
  /** Creates those of `topics` that do not exist and waits for their leaders. */
  ensureTopics(topics: readonly string[], numPartitions?: number): Promise<void>;
  /** Creates one topic; rejects if it exists or cannot be created now. */
  createTopic(topic: string, numPartitions: number): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  topicOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** Each partition's replica count. */
  topicReplicas(topics: string[]): Promise<{ topic: string; partition: number; replicas: number }[]>;
  /** Named configuration values of a topic. */
  topicConfig(topic: string, names: string[]): Promise<Record<string, string | undefined>>;
  /** The group's committed offsets ('-1': none), for `topics` or every topic it committed on. */
  groupOffsets(groupId: string, topics?: string[]): Promise<GroupOffsets[]>;
  setGroupOffsets(groupId: string, topic: string, partitions: { partition: number; offset: string }[]): Promise<void>;
  listGroups(): Promise<string[]>;
  describeGroups(groupIds: string[]): Promise<GroupDescription[]>;
  /** Creates ACLs for the grants (DENY ones with permission 'Deny'); an existing one is left. */
  createAcls(grants: readonly Grant[], permission?: AclPermission): Promise<void>;
  /** Deletes exactly the ACLs of these grants. */
  deleteAcls(grants: readonly Grant[], permission?: AclPermission): Promise<void>;
  /** Deletes every ACL of these principals. */
  revokePrincipals(principals: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export type AclPermission = 'Allow' | 'Deny';

/** What a try (publish, join, connect) came to: done, or the broker's or client's refusal. */
export type AccessOutcome = { ok: true } | { ok: false; code: string; message: string };

export interface ReadOptions {
  timeoutMs?: number;
  /** Read aborted transactions' records too (default: read_committed). */
  readUncommitted?: boolean;
  /** Per partition, the offset to start from (default: the beginning). */
  from?: { partition: number; offset: string }[];
}

export interface FollowOptions {
  /** The reader's group, made unique per call. */
  group: string;
  maxWaitTimeInMs?: number;
  readUncommitted?: boolean;
}

export interface SubscribeOptions {
  groupId: string;
  fromBeginning?: boolean;
  readUncommitted?: boolean;
}

export interface KafkaPortOptions {
  /** Where the client's own log lines go (default: nowhere). */
  logger?: Logger;
  /** Retries of a failed request (default: the client's own policy). */
  retries?: number;
}

declare const clientBrand: unique symbol;
/** The client library's own client, opaque outside this file (made by kafkaPort / runtimeKafka). */
export interface KafkaClientHandle {
  readonly [clientBrand]: true;
}
interface Clients {
  kafka: Kafka;
  debugKafka?: () => { kafka: Kafka; lines: string[] };
}
const handle = (clients: Clients) => clients as unknown as KafkaClientHandle;

/** One client identity on one connection: what callers outside libs/eventing use of Kafka. */
export class KafkaPort {
  private readonly kafka: Kafka;
  private readonly debugKafka?: () => { kafka: Kafka; lines: string[] };

  /** Made by kafkaPort() or runtimeKafka(), not by callers. */
  constructor(client: KafkaClientHandle) {
    const clients = client as unknown as Clients;
    this.kafka = clients.kafka;
    this.debugKafka = clients.debugKafka;
  }

  /** A publisher (idempotent: at most once per record per producer session, in order). */
  publisher(opts: { idempotent?: boolean; autoCreateTopics?: boolean } = {}): RecordPublisher {
    const idempotent = opts.idempotent ?? false;
    return publisherOf(this.kafka.producer({ idempotent, ...(idempotent ? { maxInFlightRequests: 1 } : {}), allowAutoTopicCreation: opts.autoCreateTopics ?? false }));
  }

  /** Publishes one batch on a short-lived publisher. */
  async publish(request: PublishRequest): Promise<PublishedAt[]> {
    const publisher = this.publisher();
    await publisher.connect();
    try {
      return await publisher.send(request);
    } finally {
      await publisher.disconnect().catch(() => undefined);
    }
  }

  /** A connected admin client. */
  async admin(): Promise<KafkaAdminPort> {
    const admin = this.kafka.admin();
    await admin.connect();
    return adminPort(this.kafka, admin);
  }

  /** Runs `work` on an admin client closed afterwards. */
  async withAdmin<R>(work: (admin: KafkaAdminPort) => Promise<R>): Promise<R> {
    const admin = await this.admin();
    try {
      return await work(admin);
    } finally {
      await admin.close().catch(() => undefined);
    }
  }

  ensureTopics(topics: readonly string[], numPartitions = 3): Promise<void> {
    return ensureTopics(this.kafka, topics, numPartitions);
  }

  /**
   * Reads `topic` (from `opts.from`, else its beginning) with a throwaway group until `done`
   * says so; rejects after `timeoutMs` (default 30 s).
   */
  async scan(topic: string, done: (record: KafkaRecord) => boolean, opts: ReadOptions = {}): Promise<void> {
    const from = (partition: number) => BigInt(opts.from?.find((p) => p.partition === partition)?.offset ?? '0');
    const consumer = this.kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100, readUncommitted: opts.readUncommitted ?? false });
    const timeoutMs = opts.timeoutMs ?? 30_000;
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out reading ${topic}`)), timeoutMs);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              // The seek below may land after a first fetch from the beginning: skip what precedes it.
              if (BigInt(message.offset) >= from(partition) && done(recordOf(topic, partition, message))) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .then(() => opts.from?.forEach((p) => consumer.seek({ topic, partition: p.partition, offset: p.offset })))
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  /** Reads `topic` from its beginning; collects the records that pass `filter` until `until` holds for them. */
  async collect(topic: string, until: (found: KafkaRecord[]) => boolean, timeoutMs = 30_000, filter: (r: KafkaRecord) => boolean = () => true): Promise<KafkaRecord[]> {
    const found: KafkaRecord[] = [];
    await this.scan(topic, (r) => {
      if (filter(r)) found.push(r);
      return until(found);
    }, { timeoutMs }).catch((err: Error) => {
      throw new Error(`${err.message}: ${found.length} matching messages`);
    });
    return found;
  }

  /**
   * Every record on `topic` from its start, as a reader of that isolation level reads it: once at
   * least `min` have come and then none for `quietMs` (so late duplicates are counted too).
   */
  async readTopic(topic: string, opts: { min: number; quietMs?: number; timeoutMs?: number; readUncommitted?: boolean }): Promise<KafkaRecord[]> {
    const consumer = this.kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 100, readUncommitted: opts.readUncommitted ?? false });
    const found: KafkaRecord[] = [];
    let lastAt = Date.now();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          found.push(recordOf(topic, partition, message));
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
   * nothing published afterwards is missed, and hands each record to `onRecord` once. It does not
   * trust its group's committed offsets: a reader whose coordinator was lost (a Kafka node killed)
   * restarts and re-joins, and would then either skip what came since its last commit (a "latest"
   * reset) or read some records again, which a test counting copies would take for duplicates on
   * the topic. So it starts every partition at the end offset it found, and passes over any
   * offset it already handed on. Call the returned function to stop: a reader that crashed is not
   * started again once stopping (the client would otherwise restart it after its disconnect,
   * still fetching when the test has ended).
   */
  async follow(topics: string[], onRecord: (record: KafkaRecord) => void, opts: FollowOptions): Promise<() => Promise<void>> {
    // The next offset to hand on, per `topic:partition`: the end of the log now, then past each record.
    const next = new Map<string, bigint>();
    await this.withAdmin(async (admin) => {
      for (const topic of topics) for (const p of await admin.topicOffsets(topic)) next.set(`${topic}:${p.partition}`, BigInt(p.high));
    });
    let stopping = false;
    const consumer = this.kafka.consumer({
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
        onRecord(recordOf(topic, partition, message));
      },
    });
    // Where each partition is to be read from; a partition created since reads from its start.
    // Only a shortcut: the offsets above skip what came before. A consumer restarting under a
    // broker's loss refuses a seek ("not initialized"); it then reads from the start, skipping.
    for (const [key, offset] of next) {
      const at = key.lastIndexOf(':');
      try {
        consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset: offset.toString() });
      } catch {
        break;
      }
    }
    await ready;
    return async () => {
      stopping = true;
      await consumer.disconnect();
    };
  }

  /** Consumes `topics` as a member of `groupId` (committing as it goes) until the returned function is called. */
  async subscribe(topics: string[], onRecord: (record: KafkaRecord) => void | Promise<void>, opts: SubscribeOptions): Promise<() => Promise<void>> {
    const consumer = this.kafka.consumer({ groupId: opts.groupId, maxWaitTimeInMs: 100, readUncommitted: opts.readUncommitted ?? false });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: opts.fromBeginning ?? true });
    await consumer.run({ eachMessage: async ({ topic, partition, message }) => onRecord(recordOf(topic, partition, message)) });
    return () => consumer.disconnect();
  }

  /**
   * Commits `offsets` on `topic` as `groupId`'s position, so a consumer joining later starts
   * there. A short-lived member commits them (an admin's set-offsets waits out a 5-second
   * fetch); it is never restarted after a crash (on a fresh broker the group coordinator is
   * still loading): a restart after our disconnect would leave a member holding partitions,
   * paused. A crash fails the attempt and a new member tries again.
   */
  async commitGroupPosition(groupId: string, topic: string, offsets: { partition: number; offset: string }[], attempts = 5): Promise<void> {
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
        await consumer.commitOffsets(offsets.map((p) => ({ topic, ...p })));
        return;
      } catch (err) {
        if (attempt >= attempts) throw err;
      } finally {
        await consumer.disconnect();
      }
    }
  }

  /** Publishes one record without retrying: whether the broker took it, or its refusal. */
  async tryPublish(topic: string, record: OutgoingRecord): Promise<AccessOutcome> {
    const producer = this.kafka.producer();
    try {
      await producer.connect();
      await producer.send({ topic, messages: [messageOf(record)] });
      return { ok: true };
    } catch (err) {
      return refusal(err);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  /**
   * Joins `groupId` to read `topic`: ok once the group was joined, else the refusal. A group the
   * broker refuses is reported as GROUP_AUTHORIZATION_FAILED (kafkajs itself only says that no
   * coordinator was found: the broker's answer is read from its debug log).
   */
  async tryJoin(topic: string, groupId: string): Promise<AccessOutcome> {
    const debug = this.debugKafka?.();
    const outcome = await joinOnce(debug?.kafka ?? this.kafka, topic, groupId);
    if (!outcome.ok && debug?.lines.some((l) => /Not authorized to access group/.test(l))) {
      return { ok: false, code: 'GROUP_AUTHORIZATION_FAILED', message: outcome.message };
    }
    return outcome;
  }

  /** Connects and asks for the cluster's metadata: whether this connection (TLS, credentials) is accepted. */
  async tryConnect(): Promise<AccessOutcome> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return { ok: true };
    } catch (err) {
      return refusal(err);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/**
 * A port on `connection` as `clientId`. Its client logs nothing unless given a logger; with
 * `retries: 0` a refused request fails at once (access tests).
 */
export function kafkaPort(clientId: string, connection: KafkaConnection, opts: KafkaPortOptions = {}): KafkaPort {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const retry = opts.retries === undefined ? {} : { retry: { retries: opts.retries } };
  const kafka = opts.logger ? createKafka(clientId, connection, opts.logger) : new Kafka({ ...kafkajsConfig(clientId, connection), ...retry, logLevel: logLevel.NOTHING });
  const debugKafka = () => {
    const lines: string[] = [];
    const kafka = new Kafka({
      ...kafkajsConfig(clientId, connection),
      ...retry,
      logLevel: logLevel.DEBUG,
      logCreator: () => (entry) => void lines.push(`${entry.log.message} ${String((entry.log as { error?: unknown }).error ?? '')}`),
    });
    return { kafka, lines };
  };
  return new KafkaPort(handle({ kafka, debugKafka }));
}

/**
 * @deprecated Transitional: a port on a raw client made by createKafka, for callers not yet moved
 * to kafkaPort() (scripts/partners.ts). Goes with them (docs/kafka-client.md).
 */
export function kafkaPortOf(client: KafkaPort | Kafka): KafkaPort {
  return client instanceof KafkaPort ? client : new KafkaPort(handle({ kafka: client }));
}

/** The port on a runtime's own client (its principal, its connection). */
export function runtimeKafka(runtime: EventingRuntime): KafkaPort {
  return new KafkaPort(handle({ kafka: runtime.kafka }));
}

/** The runtime's own connected idempotent publisher (the one its dead letters go through). */
export function runtimePublisher(runtime: EventingRuntime): RecordPublisher {
  return publisherOf(runtime.producer);
}

function publisherOf(producer: Producer): RecordPublisher {
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async send({ topic, messages, acks }) {
      const meta = await producer.send({ topic, acks: acks ?? -1, messages: messages.map(messageOf) });
      return meta.map((m) => ({ topic: m.topicName, partition: m.partition, offset: m.baseOffset ?? m.offset ?? '0' }));
    },
  };
}

function messageOf(r: OutgoingRecord) {
  return { key: r.key ?? null, value: r.value, ...(r.headers ? { headers: r.headers } : {}), ...(r.partition === undefined ? {} : { partition: r.partition }) };
}

function recordOf(topic: string, partition: number, m: KafkaMessage): KafkaRecord {
  return { topic, partition, offset: m.offset, key: m.key ?? null, value: m.value ?? null, headers: headersOf(m.headers) };
}

function headersOf(headers: IHeaders | undefined): Record<string, Buffer | string | undefined> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

function refusal(err: unknown): AccessOutcome {
  for (let e = err as { type?: string; cause?: unknown; originalError?: unknown } | undefined; e; e = (e.cause ?? e.originalError) as typeof e) {
    if (e.type) return { ok: false, code: e.type, message: (err as Error).message };
  }
  return { ok: false, code: (err as Error).name, message: (err as Error).message };
}

async function joinOnce(kafka: Kafka, topic: string, groupId: string): Promise<AccessOutcome> {
  const consumer: Consumer = kafka.consumer({ groupId, retry: { retries: 0, restartOnFailure: async () => false } });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<AccessOutcome>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve({ ok: true }));
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(refusal(payload.error)));
    });
    await consumer.run({ eachMessage: async () => undefined });
    return await joined;
  } catch (err) {
    return refusal(err);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

function subscribedTopics(metadata: Buffer): string[] {
  try {
    return AssignerProtocol.MemberMetadata.decode(metadata)?.topics ?? [];
  } catch {
    return [];
  }
}

function adminPort(kafka: Kafka, admin: Admin): KafkaAdminPort {
  return {
    clusterId: async () => (await admin.describeCluster()).clusterId,
    listTopics: () => admin.listTopics(),
    ensureTopics: (topics, numPartitions = 3) => ensureTopics(kafka, topics, numPartitions),
    async createTopic(topic, numPartitions) {
      await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
    },
    deleteTopics: (topics) => admin.deleteTopics({ topics }),
    topicOffsets: async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, low: p.low, high: p.high })),
    async topicReplicas(topics) {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return metadata.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionId, replicas: p.replicas.length })));
    },
    async topicConfig(topic, names) {
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: names }] });
      return Object.fromEntries(names.map((n) => [n, resources[0]?.configEntries.find((c) => c.configName === n)?.configValue]));
    },
    groupOffsets: async (groupId, topics) =>
      (await admin.fetchOffsets({ groupId, ...(topics ? { topics } : {}) })).map((t) => ({ topic: t.topic, partitions: t.partitions.map((p) => ({ partition: p.partition, offset: p.offset })) })),
    setGroupOffsets: (groupId, topic, partitions) => admin.setOffsets({ groupId, topic, partitions }),
    listGroups: async () => (await admin.listGroups()).groups.map((g) => g.groupId),
    async describeGroups(groupIds) {
      const { groups } = await admin.describeGroups(groupIds);
      return groups.map((g) => ({ groupId: g.groupId, state: g.state, members: g.members.map((m) => ({ memberId: m.memberId, topics: subscribedTopics(m.memberMetadata) })) }));
    },
    async createAcls(grants, permission = 'Allow') {
      if (grants.length > 0) await admin.createAcls({ acl: aclEntries(grants, permission) });
    },
    async deleteAcls(grants, permission = 'Allow') {
      if (grants.length > 0) await admin.deleteAcls({ filters: aclFilters(grants, permission) });
    },
    async revokePrincipals(principals) {
      if (principals.length > 0) await admin.deleteAcls({ filters: principalFilters(principals) });
    },
    close: () => admin.disconnect(),
  };
}
