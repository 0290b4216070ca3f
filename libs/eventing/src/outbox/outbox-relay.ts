import type { Producer } from 'kafkajs';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';
import { eventingMetrics } from '../metrics';
import { errorMessage, sleep } from '../retry';

export interface OutboxRelayOptions {
  service: string;
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

/**
 * Publishes committed outbox rows to Kafka in order, then marks them sent. A crash between
 * publish and mark re-publishes those rows on restart (at-least-once); consumers' inboxes
 * make the effect exactly-once. One relay per schema is active at a time (advisory lock), so
 * a case's events keep their order even with several instances of a service.
 */
export class OutboxRelay {
  private runner?: QueryRunner;
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pending = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
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
    if (this.runner && !this.runner.isReleased) await this.runner.release();
  }

  /** Called after a transaction that wrote outbox rows commits. */
  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.holdLock())) {
          await this.idle(1_000);
          continue;
        }
        const sent = await this.publishBatch();
        if (sent < (this.opts.batchSize ?? 1000) && !this.pending) await this.idle(this.opts.pollMs ?? 250);
      } catch (err) {
        this.opts.logger.error({ err: errorMessage(err) }, 'outbox relay pass failed; retrying');
        await this.dropRunner();
        await this.idle(1_000);
      }
    }
  }

  private async holdLock(): Promise<boolean> {
    if (this.runner && !this.runner.isReleased) return true;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [row] = await runner.query(`SELECT pg_try_advisory_lock(hashtext(current_schema() || '.outbox-relay')) AS locked`);
    if (!row.locked) {
      await runner.release();
      return false;
    }
    this.runner = runner;
    return true;
  }

  private async dropRunner(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    if (runner && !runner.isReleased) await runner.release().catch(() => undefined);
  }

  /** Publishes one batch of unsent rows; returns how many. */
  async publishBatch(): Promise<number> {
    this.pending = false;
    const runner = this.runner!;
    const rows: OutboxRow[] = await runner.query(
      `SELECT position, topic, key, value, headers FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT $1`,
      [this.opts.batchSize ?? 1000],
    );
    if (rows.length === 0) {
      eventingMetrics.outboxBacklog.set({ service: this.opts.service }, 0);
      return 0;
    }
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push({ key: row.key, value: row.value, headers: row.headers });
      byTopic.set(row.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
    await runner.query(`UPDATE outbox SET sent_at = now() WHERE position = ANY($1::bigint[])`, [rows.map((r) => r.position)]);
    eventingMetrics.relayed.inc({ service: this.opts.service }, rows.length);
    // A full batch means more may be waiting: count it, so operators see a backlog build up.
    const backlog =
      rows.length === (this.opts.batchSize ?? 1000)
        ? Number((await runner.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n)
        : 0;
    eventingMetrics.outboxBacklog.set({ service: this.opts.service }, backlog);
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
