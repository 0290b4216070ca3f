/**
 * Consumer lag from Kafka's own offsets: per partition, the log end (high watermark) minus the
 * group's committed offset. Pure; the admin client calls live in kafka-lag.reader.ts.
 */

export const ForewarnServices = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'] as const;

/** A Forewarn consumer group of this deployment: `<FOREWARN_GROUP_PREFIX><service>.<what>`. */
export function forewarnGroup(groupId: string, prefix: string): { service: string; consumer: string } | null {
  if (!groupId.startsWith(prefix)) return null;
  const consumer = groupId.slice(prefix.length);
  const service = ForewarnServices.find((s) => consumer.startsWith(`${s}.`));
  return service ? { service, consumer } : null;
}

export interface CommittedOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

export interface TopicEnds {
  partition: number;
  high: string;
  low: string;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** null: the group never committed on this partition. */
  committed: number | null;
  end: number;
  lag: number;
}

/**
 * `topics` are the ones the group consumes (committed or subscribed). A partition without a
 * commit counts everything retained as lag: Forewarn consumers start from the beginning.
 */
export function partitionLags(topics: string[], committed: CommittedOffsets[], ends: Map<string, TopicEnds[]>): PartitionLag[] {
  const lags: PartitionLag[] = [];
  for (const topic of [...new Set(topics)].sort()) {
    const offsets = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    for (const end of [...(ends.get(topic) ?? [])].sort((a, b) => a.partition - b.partition)) {
      const high = Number(end.high);
      const offset = offsets.get(end.partition);
      const committedAt = offset !== undefined && offset >= 0 ? offset : null;
      const lag = Math.max(0, high - (committedAt ?? Number(end.low)));
      lags.push({ topic, partition: end.partition, committed: committedAt, end: high, lag });
    }
  }
  return lags;
}
