import { register } from 'prom-client';
import { PartitionWatch, type ChunkSeen, type Logger } from '../src';
import { openBackbone, type Backbone } from './support';

/**
 * The watch against the real database: a replaced log (another cluster, a log that ends before
 * what was handled, another record at a handled offset) is said once; a redelivery, before or
 * after a restart, is not a replacement.
 */
describe('noticing a replaced partition log', () => {
  let bb: Backbone;
  const warnings: { obj: Record<string, unknown>; msg?: string }[] = [];
  const logger: Logger = { info: () => undefined, debug: () => undefined, error: () => undefined, warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }) };
  const consumer = `watch-test-${Date.now()}`;
  const chunk = (clusterId: string, from: number, to: number, label: string, highWatermark = to + 1): ChunkSeen => ({
    clusterId,
    topic: 'partner.topic',
    partition: 1,
    highWatermark: String(highWatermark),
    records: Array.from({ length: to - from + 1 }, (_, i) => ({ offset: String(from + i), recordId: `partner.topic:1:${from + i}:${label}` })),
  });
  const counted = async (kind: string) =>
    (await register.getSingleMetric('forewarn_consumer_log_replacements_total')!.get()).values.find((v) => v.labels.consumer === consumer && v.labels.kind === kind)?.value ?? 0;
  const rows = () => bb.dataSource.query(`SELECT kind, previous_cluster_id, cluster_id, previous_offset::int, first_offset_seen::int FROM consumer_log_replacements WHERE consumer = $1 ORDER BY id`, [consumer]);

  beforeAll(async () => {
    bb = await openBackbone('partition_watch', { relay: false });
  });

  afterAll(async () => bb.close());

  it('takes redeliveries and restarts in its stride, and says once when the log was replaced, and how', async () => {
    let watch = new PartitionWatch(bb.dataSource, consumer, logger);
    expect(await watch.observe(chunk('cluster-A', 0, 4, 'a'))).toBeNull();
    expect(await watch.observe(chunk('cluster-A', 2, 6, 'a'))).toBeNull(); // redelivered from a lagging commit
    // A restart: the point is read back from the database; the same log's records still match it.
    watch = new PartitionWatch(bb.dataSource, consumer, logger);
    expect(await watch.observe(chunk('cluster-A', 3, 8, 'a'))).toBeNull();
    expect(warnings).toEqual([]);

    // The broker wiped (another cluster): said once, not again for the next chunk of it.
    expect(await watch.observe(chunk('cluster-B', 0, 2, 'b'))).toBe('cluster-changed');
    expect(await watch.observe(chunk('cluster-B', 3, 5, 'b'))).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].obj).toMatchObject({ consumer, topic: 'partner.topic', partition: 1, kind: 'cluster-changed', previousClusterId: 'cluster-A', clusterId: 'cluster-B', lastHandledOffset: '8', firstOffsetNow: '0' });
    expect(warnings[0].msg).toContain('the broker belongs to another Kafka cluster');

    // The topic deleted and re-created on the same cluster, read by a restarted consumer.
    watch = new PartitionWatch(bb.dataSource, consumer, logger);
    expect(await watch.observe(chunk('cluster-B', 0, 9, 'c'))).toBe('offset-reused');
    // And again, its new log shorter than what was handled.
    expect(await watch.observe(chunk('cluster-B', 0, 3, 'd'))).toBe('log-truncated');
    expect(warnings.map((w) => w.obj.kind)).toEqual(['cluster-changed', 'offset-reused', 'log-truncated']);

    expect(await rows()).toEqual([
      { kind: 'cluster-changed', previous_cluster_id: 'cluster-A', cluster_id: 'cluster-B', previous_offset: 8, first_offset_seen: 0 },
      // The point is written at most every few seconds: the one read back is offset 2, not 5.
      { kind: 'offset-reused', previous_cluster_id: 'cluster-B', cluster_id: 'cluster-B', previous_offset: 2, first_offset_seen: 0 },
      { kind: 'log-truncated', previous_cluster_id: 'cluster-B', cluster_id: 'cluster-B', previous_offset: 9, first_offset_seen: 0 },
    ]);
    expect(await counted('cluster-changed')).toBe(1);
    expect(await counted('offset-reused')).toBe(1);
    expect(await counted('log-truncated')).toBe(1);

    // A stale position found (the topic deleted under the member): said, and the point dropped.
    expect(await watch.referenceOffset('partner.topic', 1)).toBe(3n);
    await watch.rewound({ clusterId: 'cluster-B', topic: 'partner.topic', partition: 1, firstOffset: '7', logStart: '0' });
    expect(warnings.map((w) => w.obj.kind)).toEqual(['cluster-changed', 'offset-reused', 'log-truncated', 'topic-deleted']);
    expect(warnings[3].obj).toMatchObject({ lastHandledOffset: '3', firstOffsetNow: '7', rewoundTo: '0' });
    expect(await new PartitionWatch(bb.dataSource, consumer, logger).referenceOffset('partner.topic', 1)).toBeNull();
    expect(await counted('topic-deleted')).toBe(1);
  });

  it('publishes when each partition last saw its log replaced, after a restart too', async () => {
    const gauge = register.getSingleMetric('forewarn_consumer_log_replaced_timestamp_seconds')!;
    gauge.reset();
    await new PartitionWatch(bb.dataSource, consumer, logger).loadHistory();
    const values = (await gauge.get()).values.filter((v) => v.labels.consumer === consumer);
    expect(values.map((v) => v.labels.kind).sort()).toEqual(['cluster-changed', 'log-truncated', 'offset-reused', 'topic-deleted']);
    for (const v of values) expect(Math.abs(v.value - Date.now() / 1000)).toBeLessThan(120);
  });
});
