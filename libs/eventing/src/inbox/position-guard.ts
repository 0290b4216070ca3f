import type { LogProbe } from '../kafka/log-probe';
import type { Logger } from '../logger';
import { errorMessage } from '../retry';
import type { PartitionWatch } from './partition-watch';

export interface PositionGuardOptions {
  groupId: string;
  consumer: string;
  /** How often the committed offsets of the assigned partitions are compared with the broker's. */
  auditEveryMs: number;
  seek: (topic: string, partition: number, offset: string) => void;
  clusterId: () => Promise<string | null>;
}

/**
 * Keeps a running consumer from skipping records of a topic deleted and re-created under it.
 *
 * Kafka drops a group's committed offsets with the topic, but a member still holds its fetch
 * position, and no Kafka client can tell a re-created topic by its name. Whatever of the new log
 * lies below that position would never be read. Two signs give it away, and either makes the
 * member read the partition again from the log's start (the inbox knows each record it handled):
 * - a partition this member committed to has no committed offset at the broker any more (checked
 *   every few seconds, so a quiet partition is caught too);
 * - after a (re)join (kafkajs re-joins when a fetch finds the topic gone), the first chunk of a
 *   partition this consumer read before, whose group has no committed offset, does not start at
 *   the log's start.
 * And one that needs no timing: after a (re)join, the record this consumer last noted handling
 * is read again (the position moves back to it) and compared with what was handled there. The
 * group coordinator drops a deleted topic's offsets a moment after the topic is gone, so a member
 * that re-joins in between resumes the new log at the old position with an offset still committed.
 */
export class PositionGuard {
  private assigned: { topic: string; partition: number }[] = [];
  /**
   * Partitions this member committed to (kept across re-joins: a deletion is what makes kafkajs
   * re-join), so the broker has a committed offset for each unless the topic was deleted.
   */
  private readonly committedHere = new Set<string>();
  private readonly checked = new Set<string>();
  private timer?: NodeJS.Timeout;
  private auditing = false;

  constructor(
    private readonly probe: LogProbe,
    private readonly watch: PartitionWatch,
    private readonly opts: PositionGuardOptions,
    private readonly logger: Logger,
  ) {}

  joined(assignment: Record<string, number[]>): void {
    this.assigned = Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
    this.checked.clear();
  }

  committed(topic: string, partition: number): void {
    this.committedHere.add(`${topic}:${partition}`);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.audit(), this.opts.auditEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Checks a partition's first chunk after a (re)join; true when it rewound (drop the chunk). */
  async firstChunk(topic: string, partition: number, firstOffset: string): Promise<boolean> {
    const key = `${topic}:${partition}`;
    if (this.checked.has(key)) return false;
    this.checked.add(key);
    const reference = await this.watch.referenceOffset(topic, partition);
    if (reference === null) return false;
    const first = BigInt(firstOffset);
    const committed = (await this.probe.committed(this.opts.groupId, [topic])).get(key) ?? -1n;
    if (committed < 0n) {
      const logStart = await this.probe.logStart(topic, partition);
      if (first <= logStart) return false;
      await this.rewind(topic, partition, firstOffset, logStart);
      return true;
    }
    if (first <= reference) return false; // the chunk holds the reference record: the watch compares it
    // Up to a few seconds of records read again (the inbox knows them), unless retention took the record.
    if (reference < (await this.probe.logStart(topic, partition))) return false;
    this.opts.seek(topic, partition, reference.toString());
    return true;
  }

  /**
   * The watch found the partition's log replaced (another record at the reference offset, or a log
   * that ends before it): read it from its start, unless this chunk begins there. True: drop the chunk.
   */
  async replaced(topic: string, partition: number, firstOffset: string): Promise<boolean> {
    const logStart = await this.probe.logStart(topic, partition);
    if (BigInt(firstOffset) <= logStart) return false;
    this.committedHere.delete(`${topic}:${partition}`);
    await this.watch.dropReference(topic, partition);
    this.opts.seek(topic, partition, logStart.toString());
    return true;
  }

  private async audit(): Promise<void> {
    if (this.auditing || this.committedHere.size === 0) return;
    this.auditing = true;
    try {
      // Only commits made before the broker is asked count: one in flight may not show yet.
      const mine = this.assigned.filter((p) => this.committedHere.has(`${p.topic}:${p.partition}`));
      const broker = await this.probe.committed(this.opts.groupId, [...new Set(mine.map((p) => p.topic))]);
      for (const p of mine) {
        const key = `${p.topic}:${p.partition}`;
        if (!this.committedHere.has(key) || (broker.get(key) ?? -1n) >= 0n) continue;
        await this.rewind(p.topic, p.partition, null, await this.probe.logStart(p.topic, p.partition));
      }
    } catch (err) {
      this.logger.warn({ err: errorMessage(err), consumer: this.opts.consumer }, 'could not compare committed offsets with the broker; trying again');
    } finally {
      this.auditing = false;
    }
  }

  private async rewind(topic: string, partition: number, firstOffset: string | null, logStart: bigint): Promise<void> {
    this.committedHere.delete(`${topic}:${partition}`);
    const clusterId = (await this.opts.clusterId()) ?? 'unknown';
    await this.watch.rewound({ clusterId, topic, partition, firstOffset, logStart: logStart.toString() });
    this.opts.seek(topic, partition, logStart.toString());
  }
}
