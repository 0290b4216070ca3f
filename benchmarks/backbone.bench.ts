/**
 * Backbone benchmark: events/s through outbox write -> relay -> Kafka -> inbox consumer
 * (+ one effect row), against raw kafkajs produce + consume of the same messages on the
 * same broker in the same run. Prints each round, then medians and their ratio.
 *
 *   npm run bench:backbone -- --events 50000 --rounds 3
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { EventingRuntime, brokersFrom, createKafka, defaultLogger, ensureDatabase, dropDatabase, ensureTopics, serviceDataSourceOptions, newEvent } from '@forewarn/eventing';
import { ProbeEffects1764100000001 } from '@forewarn/testing';
import { arg, fmt, median, percentile } from './stats';

const events = arg('events', 50_000);
const rounds = arg('rounds', 3);
const writeBatch = arg('write-batch', 250);
const brokers = brokersFrom(process.env.KAFKA_BROKERS);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const pinoLogger = defaultLogger('bench');
const logger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (o: object, m?: string) => pinoLogger.warn(o, m),
  error: (o: object, m?: string) => pinoLogger.error(o, m),
};

interface Result { perSecond: number; p50: number; p99: number }

function sampleEvent(caseId: string) {
  return newEvent('WarningAcknowledged', caseId, { deliveryId: randomUUID(), via: 'API', acknowledgedBy: 'bench' }, {
    producer: { service: 'bench', version: '0' },
    actor: { kind: 'service', id: 'bench' },
  });
}

async function rawKafka(kafka: Kafka): Promise<Result> {
  const topic = `bench.raw.${randomBytes(4).toString('hex')}`;
  await ensureTopics(kafka, [topic]);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${topic}.g`, maxWaitTimeInMs: 50 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const latencies: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) latencies.push(now - Number(m.headers!.sent!.toString()));
      if (latencies.length >= events) done();
    },
  });
  await new Promise((r) => setTimeout(r, 1_000)); // let the group settle before the clock starts
  const start = Date.now();
  for (let i = 0; i < events; i += writeBatch) {
    const sent = String(Date.now());
    const messages = [];
    for (let j = i; j < Math.min(events, i + writeBatch); j++) {
      const e = sampleEvent(`case-${j % 500}`);
      messages.push({ key: e.caseId, value: JSON.stringify(e), headers: { sent } });
    }
    await producer.send({ topic, acks: -1, messages });
  }
  await finished;
  const seconds = (Date.now() - start) / 1000;
  await consumer.disconnect();
  await producer.disconnect();
  latencies.sort((a, b) => a - b);
  return { perSecond: events / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function backbone(): Promise<Result> {
  const database = `fw_bench_backbone_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, database, []);
  const dataSource = new DataSource(serviceDataSourceOptions({ url: serverUrl, database, schema: 'public', migrations: [ProbeEffects1764100000001], poolSize: 6 }));
  await dataSource.initialize();
  const topic = `bench.backbone.${randomBytes(4).toString('hex')}`;
  const runtime = new EventingRuntime({ service: 'bench', brokers, dataSource, logger, relayBatchSize: 1000 });
  await runtime.consume({
    name: `${topic}.g`,
    topics: [topic],
    chunkSize: 1000,
    // One multi-row insert of effects per batch, in the inbox transaction.
    handle: async () => undefined,
    handleBatch: async (ms, ctx) => {
      await ctx.manager.query(
        `INSERT INTO effects (message_id, case_id, produced_at) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])`,
        [ms.map((m) => m.id), ms.map((m) => m.value.caseId), ms.map((m) => m.value.occurredAt)],
      );
    },
  });
  await runtime.start();
  await new Promise((r) => setTimeout(r, 1_000));
  const start = Date.now();
  for (let i = 0; i < events; i += writeBatch) {
    await runtime.transact(async (ctx) => {
      for (let j = i; j < Math.min(events, i + writeBatch); j++) {
        const e = sampleEvent(`case-${j % 500}`);
        ctx.send({ messageId: e.eventId, topic, key: e.caseId, value: JSON.stringify(e) });
      }
    });
  }
  for (;;) {
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM effects');
    if (n >= events) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const [{ last }] = await dataSource.query('SELECT max(handled_at) AS last FROM effects');
  const seconds = (new Date(last).getTime() - start) / 1000;
  const rows: { ms: number }[] = await dataSource.query(
    `SELECT (extract(epoch FROM handled_at - produced_at) * 1000)::float8 AS ms FROM effects ORDER BY 1`,
  );
  const [{ dup }] = await dataSource.query('SELECT count(*) - count(DISTINCT message_id) AS dup FROM effects');
  if (Number(dup) !== 0) throw new Error(`duplicate effects: ${dup}`);
  await runtime.stop();
  await dataSource.destroy();
  await dropDatabase(serverUrl, database);
  const ms = rows.map((r) => r.ms);
  return { perSecond: events / seconds, p50: percentile(ms, 50), p99: percentile(ms, 99) };
}

async function main() {
  const kafka = createKafka('bench-raw', brokers, logger);
  console.log(`backbone benchmark: ${fmt(events)} events x ${rounds} rounds, write batch ${writeBatch}, brokers ${brokers.join(',')}`);
  const raw: Result[] = [];
  const bb: Result[] = [];
  for (let r = 1; r <= rounds; r++) {
    raw.push(await rawKafka(kafka));
    bb.push(await backbone());
    const [a, b] = [raw[r - 1], bb[r - 1]];
    console.log(
      `round ${r}: raw kafkajs ${fmt(a.perSecond)} ev/s (p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms) | ` +
        `backbone ${fmt(b.perSecond)} ev/s (p50 ${fmt(b.p50)} ms, p99 ${fmt(b.p99)} ms) | ratio ${fmt((100 * b.perSecond) / a.perSecond, 1)}%`,
    );
  }
  const m = (rs: Result[], k: keyof Result) => median(rs.map((x) => x[k]));
  console.log('median of rounds:');
  console.log(`  raw kafkajs produce+consume : ${fmt(m(raw, 'perSecond'))} events/s  p50 ${fmt(m(raw, 'p50'))} ms  p99 ${fmt(m(raw, 'p99'))} ms`);
  console.log(`  backbone (outbox..inbox+row): ${fmt(m(bb, 'perSecond'))} events/s  p50 ${fmt(m(bb, 'p50'))} ms  p99 ${fmt(m(bb, 'p99'))} ms`);
  console.log(`  backbone / raw              : ${fmt((100 * m(bb, 'perSecond')) / m(raw, 'perSecond'), 1)}%`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
