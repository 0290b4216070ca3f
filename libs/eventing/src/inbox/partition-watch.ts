import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { eventingMetrics } from '../metrics';

/**
 * How a partition's log was found replaced: by another cluster (a wiped broker, a new cluster,
 * a disaster-recovery site), by a log that now ends before what this consumer handled, by
 * another record at an offset it handled, or by the group's committed offsets vanishing while
 * it read on (the topic deleted and re-created under a running consumer).
 */
export type LogReplacement = 'cluster-changed' | 'log-truncated' | 'offset-reused' | 'topic-deleted';

interface Position {
  clusterId: string;
  offset: bigint;
  recordId: string;
  persistedAt: number;
}

export interface ChunkSeen {
  clusterId: string;
  topic: string;
  partition: number;
  highWatermark: string;
  /** Every record of the chunk, in offset order, with its identity (record-identity.ts). */
  records: { offset: string; recordId: string }[];
}

/** A position is written at most this often per partition (and at once when the log was replaced). */
const PERSIST_EVERY_MS = 5_000;

/**
 * Notices when a partition's log is not the one this consumer read before, and says so once:
 * one warning in the log, `forewarn_consumer_log_replacements_total`, a row in
 * `consumer_log_replacements`. Handling is already safe without it (records are identified by
 * content as well as coordinates); this is for the operators, who must know their broker or
 * topic was replaced.
 *
 * It keeps one reference point per partition (`consumer_positions`): the cluster, an offset
 * handled and that record's identity. A redelivery in the same log reads the same record at
 * that offset; a replaced log has another cluster id, ends before it, or holds another record
 * there. The point may lag a few seconds behind: any record of the same log serves.
 */
export class PartitionWatch {
  private readonly known = new Map<string, Position | null>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumer: string,
    private readonly logger: Logger,
  ) {}

  /** After a (re)join the partitions may have moved between instances: read the points again. */
  forget(): void {
    this.known.clear();
  }

  /** Publishes when each of this consumer's partitions last saw its log replaced, across restarts. */
  async loadHistory(): Promise<void> {
    const rows: { topic: string; partition: number; kind: LogReplacement; at: number }[] = await this.dataSource.query(
      `SELECT topic, partition, kind, extract(epoch FROM max(detected_at))::float8 AS at
       FROM consumer_log_replacements WHERE consumer = $1 GROUP BY topic, partition, kind`,
      [this.consumer],
    );
    for (const r of rows) eventingMetrics.logReplacedAt.set({ consumer: this.consumer, topic: r.topic, partition: String(r.partition), kind: r.kind }, r.at);
  }

  /** The offset of the record this consumer last noted handling in the partition (null: never read it). */
  async referenceOffset(topic: string, partition: number): Promise<bigint | null> {
    const key = `${topic}:${partition}`;
    if (!this.known.has(key)) this.known.set(key, await this.load(topic, partition));
    return this.known.get(key)?.offset ?? null;
  }

  /** The log was found replaced and is read again from its start: its old reference point means nothing now. */
  async dropReference(topic: string, partition: number): Promise<void> {
    await this.deletePoint(this.dataSource.manager, topic, partition);
    this.known.set(`${topic}:${partition}`, null);
  }

  private async deletePoint(manager: EntityManager, topic: string, partition: number): Promise<void> {
    await manager.query(`DELETE FROM consumer_positions WHERE consumer = $1 AND topic = $2 AND partition = $3`, [this.consumer, topic, partition]);
  }

  /**
   * The consumer found its position stale (the topic deleted under it) and reads the partition
   * again from `logStart`: said once, and the reference point dropped, as the log it named is gone.
   */
  async rewound(r: { clusterId: string; topic: string; partition: number; firstOffset: string | null; logStart: string }): Promise<void> {
    const key = `${r.topic}:${r.partition}`;
    const before = this.known.get(key) ?? (await this.load(r.topic, r.partition));
    await this.dataSource.transaction(async (manager) => {
      await this.deletePoint(manager, r.topic, r.partition);
      if (before) await this.record(manager, 'topic-deleted', r.topic, r.partition, before, r.clusterId, r.firstOffset, null, r.logStart);
    });
    this.known.set(key, null);
    if (before) this.announce('topic-deleted', r.topic, r.partition, before, { clusterId: r.clusterId, firstOffsetNow: r.firstOffset, highWatermark: null, rewoundTo: r.logStart });
  }

  async observe(chunk: ChunkSeen): Promise<LogReplacement | null> {
    if (chunk.records.length === 0) return null;
    const key = `${chunk.topic}:${chunk.partition}`;
    const before = this.known.has(key) ? (this.known.get(key) ?? null) : await this.load(chunk.topic, chunk.partition);
    const replaced = before ? replacement(before, chunk) : null;
    const last = chunk.records[chunk.records.length - 1];
    const now = Date.now();
    if (before && !replaced && (BigInt(last.offset) <= before.offset || now - before.persistedAt < PERSIST_EVERY_MS)) {
      // The same log, and either a redelivery or a point written a moment ago: nothing to write.
      if (BigInt(last.offset) > before.offset) this.known.set(key, { ...before, offset: BigInt(last.offset), recordId: last.recordId });
      return null;
    }
    const position: Position = { clusterId: chunk.clusterId, offset: BigInt(last.offset), recordId: last.recordId, persistedAt: now };
    await this.persist(chunk, position, before, replaced);
    this.known.set(key, position);
    return replaced;
  }

  private async load(topic: string, partition: number): Promise<Position | null> {
    const [row]: { cluster_id: string; last_offset: string; last_record_id: string }[] = await this.dataSource.query(
      `SELECT cluster_id, last_offset, last_record_id FROM consumer_positions WHERE consumer = $1 AND topic = $2 AND partition = $3`,
      [this.consumer, topic, partition],
    );
    // persistedAt 0: the first chunk after a load writes the point again, as this member's.
    return row ? { clusterId: row.cluster_id, offset: BigInt(row.last_offset), recordId: row.last_record_id, persistedAt: 0 } : null;
  }

  private async persist(chunk: ChunkSeen, position: Position, before: Position | null, replaced: LogReplacement | null): Promise<void> {
    const { topic, partition } = chunk;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO consumer_positions (consumer, topic, partition, cluster_id, last_offset, last_record_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (consumer, topic, partition) DO UPDATE
           SET cluster_id = EXCLUDED.cluster_id, last_offset = EXCLUDED.last_offset, last_record_id = EXCLUDED.last_record_id, updated_at = now()`,
        [this.consumer, topic, partition, position.clusterId, position.offset.toString(), position.recordId],
      );
      if (replaced && before) await this.record(manager, replaced, topic, partition, before, chunk.clusterId, chunk.records[0].offset, chunk.highWatermark);
    });
    if (replaced && before) this.announce(replaced, topic, partition, before, { clusterId: chunk.clusterId, firstOffsetNow: chunk.records[0].offset, highWatermark: chunk.highWatermark });
  }

  private async record(
    manager: EntityManager,
    kind: LogReplacement,
    topic: string,
    partition: number,
    before: Position,
    clusterId: string,
    firstOffset: string | null,
    highWatermark: string | null,
    rewoundTo: string | null = null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO consumer_log_replacements (consumer, topic, partition, kind, previous_cluster_id, cluster_id, previous_offset, first_offset_seen, high_watermark, rewound_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [this.consumer, topic, partition, kind, before.clusterId, clusterId, before.offset.toString(), firstOffset, highWatermark, rewoundTo],
    );
  }

  private announce(kind: LogReplacement, topic: string, partition: number, before: Position, now: { clusterId: string; firstOffsetNow: string | null; highWatermark: string | null; rewoundTo?: string }): void {
    const labels = { consumer: this.consumer, topic, partition: String(partition), kind };
    eventingMetrics.logReplacements.inc(labels);
    eventingMetrics.logReplacedAt.set(labels, Date.now() / 1000);
    this.logger.warn(
      { consumer: this.consumer, topic, partition, kind, previousClusterId: before.clusterId, lastHandledOffset: before.offset.toString(), ...now },
      `${topic}[${partition}] is not the log this consumer read before (${DESCRIBE[kind]}); its records are told apart by content, so none is skipped as already handled`,
    );
  }
}

const DESCRIBE: Record<LogReplacement, string> = {
  'cluster-changed': 'the broker belongs to another Kafka cluster',
  'log-truncated': 'the log now ends before the last offset handled',
  'offset-reused': 'another record stands at an offset already handled',
  'topic-deleted': 'the group\'s committed offsets are gone: the topic was deleted and re-created; it is read again from its start',
};

function replacement(before: Position, chunk: ChunkSeen): LogReplacement | null {
  if (before.clusterId !== chunk.clusterId) return 'cluster-changed';
  if (BigInt(chunk.highWatermark) <= before.offset) return 'log-truncated';
  const there = chunk.records.find((r) => BigInt(r.offset) === before.offset);
  return there && there.recordId !== before.recordId ? 'offset-reused' : null;
}
