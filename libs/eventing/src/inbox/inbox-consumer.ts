import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '@forewarn/database';
import { parseJson, readEvent, type ForewarnEvent, type Validation } from '@forewarn/contracts';
import type { Logger } from '../logger';
import { errorForLog } from '../log-secrecy';
import { eventingMetrics } from '../metrics';
import { backoffDelay, defaultBackoff, errorMessage, isRetriable, sleep, type BackoffOptions } from '../retry';
import { publishDeadLetters, type DeadLetterDelivery, type DeadLetterInput } from './dead-letter-publisher';
import { membershipError } from '../kafka/group-membership';
import { TransactionContext, type HandlerContext } from './handler-context';
import { readRedrive, retakeClaim, type Redrive } from './redrive';
import { recordId } from './record-identity';
import { PartitionWatch } from './partition-watch';
import { LogProbe } from '../kafka/log-probe';
import { PositionGuard } from './position-guard';
import { DatabaseReturn } from './database-return';
import type { PartnerDirectory } from '../partners/partner-directory';

export { RedriveHeaders, readRedrive, redriveHeaders, type Redrive } from './redrive';

export interface Consumed<T> {
  /** Inbox key: the eventId for envelopes, the record's identity for partner messages (which have no id). */
  id: string;
  /** The Kafka record this delivery is: coordinates and content digest (record-identity.ts). */
  recordId: string;
  type: string;
  value: T;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Set when an operator re-drove this message from the dead letters. */
  redrive?: Redrive;
}

/** A record as read from Kafka, before it is decoded: what a decoder sees of it. */
export interface RawRecord {
  key?: Buffer | null;
  value: Buffer | null;
  offset: string;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/** Where a raw message was read, and the identity of its record (record-identity.ts). */
export interface RecordRef {
  topic: string;
  partition: number;
  id: string;
}

export interface InboxConsumerOptions<T> {
  /** Inbox consumer name; also the default consumer group id. */
  name: string;
  groupId?: string;
  /** The topics, or a function naming them now (topics that come and go: one per partner agency). */
  topics: string[] | (() => Promise<string[]>);
  /** With a topics function: how often to ask it again (default 10 s). */
  refreshTopicsMs?: number;
  /** Reads a raw message; a failure is dead-lettered with these errors. Default: Forewarn envelope. */
  decode?: (message: RawRecord, record: RecordRef) => Validation<{ id: string; type: string; value: T }>;
  /** Which decoded messages this consumer acts on; the rest are passed over (offset still moves). */
  accepts?: (message: { type: string; value: T }) => boolean;
  handle: (message: Consumed<T>, ctx: HandlerContext) => Promise<void>;
  /** Optional faster path for a whole batch in one transaction (multi-row inserts). */
  handleBatch?: (messages: Consumed<T>[], ctx: HandlerContext) => Promise<void>;
  backoff?: BackoffOptions;
  /** Messages per database transaction on the fast path. */
  chunkSize?: number;
  fromBeginning?: boolean;
  /** How often the committed offsets are compared with the broker's, to catch a topic deleted under it. */
  positionAuditMs?: number;
  /** How long the group waits for a silent (killed) member before rebalancing its partitions. */
  sessionTimeoutMs?: number;
  /** Wraps each message's handling, e.g. to put its caseId into the log context. */
  around?: <R>(message: Consumed<T>, fn: () => Promise<R>) => Promise<R>;
}

/** Decoder for Forewarn envelopes: schema-checked and upcast to the current version. */
export function decodeEnvelope(message: RawRecord): Validation<{ id: string; type: string; value: ForewarnEvent }> {
  const parsed = parseJson(message.value?.toString('utf8') ?? '');
  if (!parsed.ok) return parsed;
  const read = readEvent(parsed.value);
  return read.ok ? { ok: true, value: { id: read.value.eventId, type: read.value.type, value: read.value } } : read;
}

/**
 * Kafka consumer with an idempotent inbox. Each handled message id is inserted into `inbox`
 * in the same transaction as the handler's effects and outgoing messages, with the identity of
 * the record that carried it (record-identity.ts); offsets are committed only after that
 * transaction. A redelivered message finds its id and is skipped, so effects happen exactly
 * once however often Kafka redelivers. A dead-lettered message's id is claimed too; only an
 * operator's re-drive addressed to this consumer takes that claim over (see redrive.ts). Each
 * chunk is also shown to the PartitionWatch, which says so when a partition's log was replaced
 * (docs/inbox.md).
 *
 * Services reach it through Nest: their `@EventPattern` handlers run on it through the
 * EventTransport (transport/event-transport.ts). Nest's own Kafka transport handles one message
 * at a time and commits offsets on its own schedule; this needs batch consumption, the inbox
 * insert inside the handler's transaction, the commit strictly after it, and dead-lettering
 * that lets the partition move on. kafkajs' eachBatch with manual commits gives exactly that.
 */
export class InboxConsumer<T = ForewarnEvent> {
  private consumer?: Consumer;
  private stopping = false;
  private readonly watch: PartitionWatch;
  private readonly probe: LogProbe;
  /** The cluster the group's broker belongs to, read again at every (re)join. */
  private clusterId?: Promise<string | null>;
  private readonly guard: PositionGuard;
  private subscribed: string[] = [];
  private topicsTimer?: NodeJS.Timeout;
  /** The re-subscription under way, if any. */
  private retargeting?: Promise<void>;
  private readonly database: DatabaseReturn;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly opts: InboxConsumerOptions<T>,
    private readonly logger: Logger,
    private readonly partners: PartnerDirectory,
    private readonly onCommitted: () => void = () => undefined,
  ) {
    this.watch = new PartitionWatch(dataSource, opts.name, logger);
    this.probe = new LogProbe(kafka);
    this.database = new DatabaseReturn(dataSource);
    this.guard = new PositionGuard(
      this.probe,
      this.watch,
      {
        groupId: opts.groupId ?? opts.name,
        consumer: opts.name,
        auditEveryMs: opts.positionAuditMs ?? 10_000,
        seek: (topic, partition, offset) => this.consumer?.seek({ topic, partition, offset }),
        clusterId: async () => (await this.clusterId) ?? null,
      },
      logger,
    );
  }

  async start(): Promise<void> {
    await this.watch.loadHistory();
    this.guard.start();
    if (typeof this.opts.topics === 'function') {
      // Topics that come and go (one per partner agency): follow them, re-subscribing on a change.
      this.topicsTimer = setInterval(() => void this.retarget(), this.opts.refreshTopicsMs ?? 10_000);
      this.topicsTimer.unref();
    }
    await this.connect();
  }

  /** The topics to read now: the fixed list, or what the function says (ordered, for comparing). */
  private async topics(): Promise<string[]> {
    return [...new Set(typeof this.opts.topics === 'function' ? await this.opts.topics() : this.opts.topics)].sort();
  }

  /** A new kafkajs consumer on the current topics (none while there are no topics). */
  private async connect(): Promise<void> {
    const topics = await this.topics();
    this.subscribed = topics;
    if (topics.length === 0) return;
    const consumer = this.kafka.consumer({
      groupId: this.opts.groupId ?? this.opts.name,
      sessionTimeout: this.opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
      // kafkajs finds a re-created topic's partitions only when it refreshes metadata (default
      // every 5 min); until then a consumer whose topic came back reads nothing of it.
      metadataMaxAge: 10_000,
      // Topics are made by provisioning, never by reading them (the broker refuses it anyway).
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Synchronous, before the first fetch of the new generation: a broker replaced under a
      // running consumer is seen at the re-join it forces.
      this.watch.forget();
      this.guard.joined(payload.memberAssignment);
      this.clusterId = this.readClusterId();
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: this.opts.fromBeginning ?? true });
    if (this.stopping) {
      // Stopped while this one connected (a restart racing stop): it must not run on, unowned.
      await consumer.disconnect();
      return;
    }
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts after retriable crashes; after any other a consumer must not stop
      // silently with its partitions unread: start it again (the inbox absorbs redeliveries).
      if (this.stopping) return;
      eventingMetrics.consumerRestarts.inc({ consumer: this.opts.name, by: payload.restart ? 'kafkajs' : 'forewarn' });
      if (payload.restart) {
        this.logger.warn({ err: errorMessage(payload.error), consumer: this.opts.name }, 'consumer crashed; kafkajs restarts it');
        return;
      }
      this.logger.error({ err: errorMessage(payload.error), consumer: this.opts.name }, 'consumer crashed; restarting it');
      setTimeout(() => void this.restart(consumer), 1_000);
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.guard.stop();
    clearInterval(this.topicsTimer);
    // A re-subscription under way may be connecting a new consumer: let it finish, then stop that one.
    await this.retargeting;
    await this.consumer?.disconnect();
    await this.probe.close();
  }

  private async restart(crashed: Consumer): Promise<void> {
    if (this.stopping || this.consumer !== crashed) return;
    try {
      await crashed.disconnect();
      await this.connect();
    } catch (err) {
      this.logger.error({ err: errorMessage(err), consumer: this.opts.name }, 'consumer restart failed; trying again');
      setTimeout(() => void this.restart(this.consumer ?? crashed), 5_000);
    }
  }

  /** Re-subscribes when the topics changed (a partner onboarded or removed). */
  private retarget(): Promise<void> {
    if (this.stopping || this.retargeting) return this.retargeting ?? Promise.resolve();
    this.retargeting = this.resubscribe().finally(() => (this.retargeting = undefined));
    return this.retargeting;
  }

  private async resubscribe(): Promise<void> {
    try {
      const topics = await this.topics();
      if (topics.join() === this.subscribed.join()) return;
      this.logger.info({ consumer: this.opts.name, topics }, 'topics changed; subscribing again');
      const old = this.consumer;
      this.consumer = undefined;
      await old?.disconnect();
      if (!this.stopping) await this.connect();
    } catch (err) {
      this.logger.error({ err: errorMessage(err), consumer: this.opts.name }, 'could not follow the topics; trying again');
      this.subscribed = [];
    }
  }

  /** Commits past `offset`; a lost group membership is thrown as kafkajs' own, so it re-joins. */
  private async commit(topic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
      this.guard.committed(topic, partition);
    } catch (err) {
      throw membershipError(err) ?? err;
    }
  }

  /** Null when the broker cannot say now; the next (re)join asks again, and nothing waits for it. */
  private async readClusterId(): Promise<string | null> {
    try {
      return await this.probe.clusterId();
    } catch (err) {
      this.logger.warn({ err: errorMessage(err), consumer: this.opts.name }, 'could not read the Kafka cluster id; replaced logs go unnoticed until the next re-join');
      return null;
    }
  }

  private get decode() {
    return this.opts.decode ?? (decodeEnvelope as unknown as NonNullable<InboxConsumerOptions<T>['decode']>);
  }

  /**
   * A batch, or, when the database cannot be reached, its partition paused until it answers:
   * the message is not at fault, so nothing is retried, dead-lettered or crashed over, and the
   * fetch position stays at the first message not yet handled.
   */
  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    try {
      await this.consumeBatch(payload);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      const resume = payload.pause();
      const labels = { consumer: this.opts.name };
      eventingMetrics.pausedPartitions.inc(labels);
      this.logger.warn({ err: errorForLog(err), consumer: this.opts.name, topic: payload.batch.topic, partition: payload.batch.partition }, 'database unreachable; partition paused until it answers');
      void this.database.answered(() => this.stopping).then(() => {
        eventingMetrics.pausedPartitions.dec(labels);
        if (this.stopping) return;
        this.logger.info({ consumer: this.opts.name, topic: payload.batch.topic, partition: payload.batch.partition }, 'database answers again; partition resumed');
        resume();
      });
    }
  }

  private async consumeBatch({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    eventingMetrics.consumerLag.set({ consumer: this.opts.name, topic, partition: String(partition) }, Number(batch.offsetLag()));
    const chunkSize = this.opts.chunkSize ?? 500;
    const clusterId = (await this.clusterId) ?? null;
    // A stale position (the topic deleted under this member): read again from the log's start.
    if (this.opts.fromBeginning !== false && batch.messages.length > 0 && (await this.guard.firstChunk(topic, partition, batch.messages[0].offset))) return;
    for (let i = 0; i < batch.messages.length; i += chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + chunkSize);
      const records = chunk.map((message) => ({ offset: message.offset, recordId: recordId(topic, partition, message) }));
      const replaced = clusterId ? await this.watch.observe({ clusterId, topic, partition, highWatermark: batch.highWatermark, records }) : null;
      // Another cluster keeps its own group offsets; a replaced log of this one may hold records below this chunk.
      if (replaced && replaced !== 'cluster-changed' && (await this.guard.replaced(topic, partition, chunk[0].offset))) return;
      const letters: DeadLetterInput[] = [];
      const work: Consumed<T>[] = [];
      for (const [n, message] of chunk.entries()) {
        const record = { topic, partition, id: records[n].recordId };
        const decoded = this.decode(message, record);
        if (!decoded.ok) {
          letters.push(this.letter(record, message, 'SCHEMA_INVALID', decoded.errors, 0));
          continue;
        }
        const { id, type, value } = decoded.value;
        if (this.opts.accepts && !this.opts.accepts({ type, value })) continue;
        const redrive = readRedrive(message.headers) ?? undefined;
        work.push({ id, recordId: record.id, type, value, topic, partition, offset: message.offset, key: message.key?.toString('utf8') ?? null, redrive });
      }
      const delivery = { logger: this.logger, heartbeat, stillOwned: () => isRunning() && !isStale() };
      if (!(await publishDeadLetters(this.producer, letters, delivery))) return;
      if (work.length > 0 && !(await this.handleChunk(work, chunk, delivery))) return;
      const last = chunk[chunk.length - 1].offset;
      // Only now, with the transaction committed: move the fetch position, then the group's offset.
      resolveOffset(last);
      await this.commit(topic, partition, last);
      await heartbeat();
    }
  }

  /**
   * Fast path: the whole chunk in one transaction. On any failure, fall back to one by one.
   * False when the partition moved to another member before the chunk was done.
   */
  private async handleChunk(work: Consumed<T>[], raw: KafkaMessage[], delivery: DeadLetterDelivery): Promise<boolean> {
    const timer = eventingMetrics.handlerSeconds.startTimer({ consumer: this.opts.name, mode: 'batch' });
    let emitted = 0;
    try {
      await this.dataSource.transaction(async (manager) => {
        const ctx = new TransactionContext(manager, this.partners);
        const fresh = await this.claim(manager, work);
        if (this.opts.handleBatch && fresh.length > 0) await this.opts.handleBatch(fresh, ctx);
        else for (const m of fresh) await this.wrap(m, () => this.opts.handle(m, ctx));
        emitted = ctx.emitted;
        await ctx.flush();
        this.count(work, fresh);
      });
      timer();
      if (emitted > 0) this.onCommitted();
      return true;
    } catch (err) {
      timer();
      // Not the messages' fault: one by one would only fail the same way.
      if (isDatabaseUnavailable(err)) throw err;
      this.logger.warn({ err: errorForLog(err), consumer: this.opts.name, topic: work[0].topic, partition: work[0].partition, offset: work[0].offset, messages: work.length }, 'batch failed; handling one by one');
      for (const m of work) if (!(await this.handleOne(m, raw, delivery))) return false;
      return true;
    }
  }

  /** Slow path: one transaction per message, retried with backoff, dead-lettered when hopeless. */
  private async handleOne(m: Consumed<T>, raw: KafkaMessage[], delivery: DeadLetterDelivery): Promise<boolean> {
    const backoff = this.opts.backoff ?? defaultBackoff;
    for (let attempt = 1; ; attempt++) {
      try {
        let emitted = 0;
        await this.dataSource.transaction(async (manager) => {
          const ctx = new TransactionContext(manager, this.partners);
          const fresh = await this.claim(manager, [m]);
          if (fresh.length > 0) await this.wrap(m, () => this.opts.handle(m, ctx));
          emitted = ctx.emitted;
          await ctx.flush();
          this.count([m], fresh);
        });
        if (emitted > 0) this.onCommitted();
        return true;
      } catch (err) {
        if (isDatabaseUnavailable(err)) throw err;
        const retriable = isRetriable(err);
        if (!retriable || attempt >= backoff.maxAttempts) {
          const message = raw.find((r) => r.offset === m.offset)!;
          this.logger.error({ err: errorForLog(err), ...this.coordinates(m), attempt }, 'dead-lettering message');
          const letter = this.letter({ topic: m.topic, partition: m.partition, id: m.recordId }, message, retriable ? 'RETRIES_EXHAUSTED' : 'REJECTED', [errorMessage(err)], attempt);
          if (!(await publishDeadLetters(this.producer, [letter], delivery))) return false;
          // Remember it as handled, so a redelivery does not retry and dead-letter it again
          // (a failed re-drive moves the claim to itself, so its own letter can be re-driven).
          await this.dataSource.transaction((manager) => this.claim(manager, [m]));
          eventingMetrics.handled.inc({ consumer: this.opts.name, type: m.type, result: 'dead_lettered' });
          return true;
        }
        eventingMetrics.retries.inc({ consumer: this.opts.name });
        this.logger.warn({ err: errorForLog(err), ...this.coordinates(m), attempt }, 'handler failed; retrying');
        await delivery.heartbeat();
        await sleep(backoffDelay(attempt, backoff));
        if (!delivery.stillOwned()) return false;
      }
    }
  }

  /**
   * Records the ids in the inbox; returns the messages not handled before. A re-drive of a
   * letter this consumer dead-lettered counts as not handled before: its claim moves to it.
   */
  private async claim(manager: import('typeorm').EntityManager, work: Consumed<T>[]): Promise<Consumed<T>[]> {
    const retaken = new Set<Consumed<T>>();
    for (const m of work) {
      if (m.redrive?.consumer === this.opts.name && (await retakeClaim(manager, this.opts.name, m, m.redrive))) retaken.add(m);
    }
    const rest = work.filter((m) => !retaken.has(m));
    const rows: { message_id: string }[] = rest.length === 0 ? [] : await manager.query(
      `INSERT INTO inbox (consumer, message_id, record_id, topic, partition, "offset")
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[])
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [this.opts.name, rest.map((m) => m.id), rest.map((m) => m.recordId), rest.map((m) => m.topic), rest.map((m) => m.partition), rest.map((m) => m.offset)],
    );
    const claimed = new Set(rows.map((r) => r.message_id));
    // The same id twice within one chunk (a duplicate publish) is handled once.
    const seen = new Set<string>();
    return work.filter((m) => (retaken.has(m) || claimed.has(m.id)) && !seen.has(m.id) && seen.add(m.id));
  }

  private count(all: Consumed<T>[], fresh: Consumed<T>[]): void {
    for (const m of fresh) eventingMetrics.handled.inc({ consumer: this.opts.name, type: m.type, result: 'handled' });
    const dup = all.length - fresh.length;
    if (dup > 0) eventingMetrics.handled.inc({ consumer: this.opts.name, type: 'any', result: 'duplicate' }, dup);
  }

  /** Which message a line is about: identifiers only, never its content (log-secrecy.ts). */
  private coordinates(m: Consumed<T>) {
    return { consumer: this.opts.name, messageId: m.id, messageType: m.type, topic: m.topic, partition: m.partition, offset: m.offset };
  }

  private wrap(m: Consumed<T>, fn: () => Promise<void>): Promise<void> {
    return this.opts.around ? this.opts.around(m, fn) : fn();
  }

  private letter(record: RecordRef, message: KafkaMessage, reason: DeadLetterInput['reason'], errors: string[], attempts: number): DeadLetterInput {
    return {
      reason,
      errors,
      recordId: record.id,
      originalTopic: record.topic,
      partition: record.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      consumer: this.opts.name,
      attempts,
    };
  }
}
