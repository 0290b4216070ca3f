import type { Kafka, Producer } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import { Topics } from '@forewarn/contracts';
import type { Logger } from '../logger';
import { eventingMetrics } from '../metrics';
import { errorMessage, sleep, withTimeout } from '../retry';
import { positionsOf, readPositions } from './relay-positions';

export interface OutboxRelayOptions {
  service: string;
  /** The deployment's prefix for group and transactional ids (FOREWARN_GROUP_PREFIX). */
  namespace?: string;
  batchSize?: number;
  /** Fallback poll for rows written by other processes; writers in this process wake it at once. */
  pollMs?: number;
  logger: Logger;
}

interface OutboxRow {
  position: string;
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The group offsets' metadata holds a batch's positions: the broker keeps up to 4096 bytes of it. */
const MAX_POSITIONS_TEXT = 3_000;

/**
 * How long a step of the relay may take before it is given up and the relay takes over afresh.
 * kafkajs retries inside each call, but some of its calls can wait forever after a broker was
 * lost (a three-node run saw a relay never take over again after one): a stuck relay holds back
 * every message of its service. Giving up is safe: whatever the abandoned producer had open is
 * fenced by the next one, and what it committed is read back from Kafka (takeOver).
 */
const StepTimeoutMs = { connect: 60_000, publish: 90_000, disconnect: 10_000 };

/**
 * Publishes committed outbox rows to Kafka in order, exactly once as a `read_committed`
 * consumer sees it (docs/reliability.md). Each batch goes out in one Kafka transaction together
 * with what was published: the batch's outbox positions, committed as the offset metadata of
 * the relay's own group on `forewarn.outbox-relay.v1`, as Kafka Connect's exactly-once sources
 * keep their offsets (KIP-618). The rows are marked sent only afterwards; a crash in between is
 * repaired when a relay next takes over: it first fences every earlier producer of its
 * transactional id (their open transaction is aborted, their later commits refused), then reads
 * the last committed positions back from Kafka and marks those rows sent, so nothing committed
 * is published again and nothing aborted is lost. One relay per schema is active at a time
 * (advisory lock), so a case's events keep their order with several instances of a service.
 */
export class OutboxRelay {
  private runner?: QueryRunner;
  private producer?: Producer;
  private identity?: string;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pending = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly opts: OutboxRelayOptions,
  ) {}

  start(): void {
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await this.release();
  }

  /** Called after a transaction that wrote outbox rows commits. */
  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.takeOver())) {
          await this.idle(1_000);
          continue;
        }
        const sent = await this.publishBatch();
        if (sent < (this.opts.batchSize ?? 1000) && !this.pending) await this.idle(this.opts.pollMs ?? 250);
      } catch (err) {
        this.opts.logger.error({ err: errorMessage(err) }, 'outbox relay pass failed; taking over again');
        await this.release();
        // A full second whatever is pending: writers waking it (pending) made a dead database a busy loop.
        if (!this.stopping) await sleep(1_000);
      }
    }
  }

  /**
   * Holds the schema's relay lock and a transactional producer that fenced every earlier one,
   * with the rows of the last committed batch marked sent. False while another relay holds it.
   */
  private async takeOver(): Promise<boolean> {
    if (this.runner && !this.runner.isReleased && this.producer && this.identity) return true;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [row] = await runner.query(
      `SELECT pg_try_advisory_lock(hashtext(current_schema() || '.outbox-relay')) AS locked, current_database() AS db, current_schema() AS schema`,
    );
    if (!row.locked) {
      await runner.release();
      return false;
    }
    this.runner = runner;
    // One relay identity per outbox table: a deployment's service, its database and schema.
    const identity = `${this.opts.namespace ?? ''}${this.opts.service}.outbox-relay.${row.db}.${row.schema}`;
    const producer = this.kafka.producer({ transactionalId: identity, idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, transactionTimeout: 30_000 });
    // Connecting initialises the transactional id: the broker aborts a predecessor's open
    // transaction and refuses anything it sends from now on.
    this.producer = producer;
    await withTimeout(producer.connect(), StepTimeoutMs.connect, 'the relay producer connecting');
    const last = await withTimeout(readPositions(this.kafka, identity), StepTimeoutMs.connect, 'reading the last committed positions');
    if (last.length > 0) await runner.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL AND position = ANY($1::bigint[])`, [last]);
    this.identity = identity;
    this.opts.logger.info({ relay: identity, repaired: last.length }, 'outbox relay took over');
    return true;
  }

  private async release(): Promise<void> {
    const { runner, producer } = this;
    this.runner = undefined;
    this.producer = undefined;
    this.identity = undefined;
    // A producer that cannot say goodbye in time is left behind: the next one fences it.
    await withTimeout(producer?.disconnect() ?? Promise.resolve(), StepTimeoutMs.disconnect, 'the relay producer disconnecting').catch((err) =>
      this.opts.logger.warn({ err: errorMessage(err) }, 'outbox relay producer left behind'),
    );
    if (runner && !runner.isReleased) await runner.release().catch(() => undefined);
  }

  /** Publishes one batch of unsent rows in one Kafka transaction; returns how many. */
  private async publishBatch(): Promise<number> {
    this.pending = false;
    const runner = this.runner!;
    const selected: OutboxRow[] = await runner.query(
      `SELECT position, topic, key, value, headers FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT $1`,
      [this.opts.batchSize ?? 1000],
    );
    if (selected.length === 0) {
      eventingMetrics.outboxBacklog.set({ service: this.opts.service }, 0);
      return 0;
    }
    const { rows, text } = positionsOf(selected, MAX_POSITIONS_TEXT);
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push({ key: row.key, value: row.value, headers: row.headers });
      byTopic.set(row.topic, list);
    }
    const transaction = await this.producer!.transaction();
    const publish = async () => {
      await transaction.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      await transaction.sendOffsets({
        consumerGroupId: this.identity!,
        topics: [{ topic: Topics.outboxRelay, partitions: [{ partition: 0, offset: rows[rows.length - 1].position, metadata: text } as { partition: number; offset: string }] }],
      });
      await transaction.commit();
    };
    try {
      await withTimeout(publish(), StepTimeoutMs.publish, 'publishing a batch in a Kafka transaction');
    } catch (err) {
      await withTimeout(transaction.abort(), StepTimeoutMs.disconnect, 'aborting the transaction').catch(() => undefined);
      throw err;
    }
    await runner.query(`UPDATE outbox SET sent_at = now() WHERE position = ANY($1::bigint[])`, [rows.map((r) => r.position)]);
    eventingMetrics.relayed.inc({ service: this.opts.service }, rows.length);
    // A full batch means more may be waiting: count it, so operators see a backlog build up.
    const backlog =
      selected.length === (this.opts.batchSize ?? 1000)
        ? Number((await runner.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n)
        : 0;
    eventingMetrics.outboxBacklog.set({ service: this.opts.service }, backlog);
    if (rows.length < selected.length) this.pending = true;
    return rows.length;
  }

  private idle(ms: number): Promise<void> {
    if (this.pending || this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    }).then(() => sleep(0));
  }
}
