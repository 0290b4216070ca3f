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
import { EventingRuntime, createKafka, defaultLogger, provisionDatabase, dropDatabase, ensureTopics, serviceDataSourceOptions, newEvent } from '@forewarn/eventing';
import { kafkaAs, ProbeEffects1764100000001 } from '@forewarn/testing';
import { benchBroker } from './bench-broker';
import { cpuSecondsBetween, cpuSnapshot } from './cpu-usage';
import { arg, fmt, median, percentile } from './stats';

const events = arg('events', 50_000);
const rounds = arg('rounds', 3);
const writeBatch = arg('write-batch', 250);
// The test suite's principal (SCRAM-SHA-512 over TLS), as on the brokers ./forewarn test provisions;
// set in main, once the broker is known.
let connection: ReturnType<typeof kafkaAs>;
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const pinoLogger = defaultLogger('bench');
const logger = {
  info: () => undefined,
  debug: () => undefined,
  warn: (o: object, m?: string) => pinoLogger.warn(o, m),
  error: (o: object, m?: string) => pinoLogger.error(o, m),
};

interface Result { perSecond: number; p50: number; p99: number; cpu: Map<string, number> }

/** `run`, with the CPU seconds each process group spent on it, per 1,000 events (CPU ms per 1,000). */
async function measured(run: () => Promise<Omit<Result, 'cpu'>>): Promise<Result> {
  const before = cpuSnapshot(new Map());
  const result = await run();
  const spent = cpuSecondsBetween(before, cpuSnapshot(new Map()));
  return { ...result, cpu: new Map([...spent].map(([group, s]) => [group, (1000 * 1000 * s) / events])) };
}

const CPU_GROUPS = ['benchmark (load + watcher)', 'kafka broker', 'postgresql'];
const cpuLine = (r: Result) => CPU_GROUPS.map((g) => `${g === 'benchmark (load + watcher)' ? 'clients' : g.replace('kafka ', '')} ${fmt(r.cpu.get(g) ?? 0, 1)}`).join(', ');

function sampleEvent(caseId: string) {
  return newEvent('WarningAcknowledged', caseId, { deliveryId: randomUUID(), via: 'API', acknowledgedBy: 'bench' }, {
    producer: { service: 'bench', version: '0' },
    actor: { kind: 'service', id: 'bench' },
  });
}

async function rawKafka(kafka: Kafka): Promise<Omit<Result, 'cpu'>> {
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

async function backbone(): Promise<Omit<Result, 'cpu'>> {
  const database = `fw_bench_backbone_${randomBytes(4).toString('hex')}`;
  await provisionDatabase(serverUrl, database);
  const dataSource = new DataSource(serviceDataSourceOptions({ url: serverUrl, database, schema: 'public', migrations: [ProbeEffects1764100000001], poolSize: 6 }));
  await dataSource.initialize();
  const topic = `bench.backbone.${randomBytes(4).toString('hex')}`;
  const runtime = new EventingRuntime({ service: 'bench', kafka: connection, dataSource, logger, relayBatchSize: 1000 });
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
  const stopBroker = await benchBroker();
  connection = kafkaAs();
  const kafka = createKafka('bench-raw', connection, logger);
  console.log(`backbone benchmark: ${fmt(events)} events x ${rounds} rounds, write batch ${writeBatch}, brokers ${connection.brokers.join(',')} (SCRAM-SHA-512 over TLS)`);
  const raw: Result[] = [];
  const bb: Result[] = [];
  try {
    for (let r = 1; r <= rounds; r++) {
      raw.push(await measured(() => rawKafka(kafka)));
      bb.push(await measured(backbone));
      const [a, b] = [raw[r - 1], bb[r - 1]];
      console.log(
        `round ${r}: raw kafkajs ${fmt(a.perSecond)} ev/s (p50 ${fmt(a.p50)} ms, p99 ${fmt(a.p99)} ms) | ` +
          `backbone ${fmt(b.perSecond)} ev/s (p50 ${fmt(b.p50)} ms, p99 ${fmt(b.p99)} ms) | ratio ${fmt((100 * b.perSecond) / a.perSecond, 1)}%`,
      );
      console.log(`  CPU ms per 1,000 events: raw ${cpuLine(a)} | backbone ${cpuLine(b)}`);
    }
  } finally {
    await stopBroker();
  }
  const m = (rs: Result[], k: 'perSecond' | 'p50' | 'p99') => median(rs.map((x) => x[k]));
  const cpu = (rs: Result[]) => CPU_GROUPS.map((g) => `${g === 'benchmark (load + watcher)' ? 'clients' : g.replace('kafka ', '')} ${fmt(median(rs.map((x) => x.cpu.get(g) ?? 0)), 1)}`).join(', ');
  console.log('median of rounds:');
  console.log(`  raw kafkajs produce+consume : ${fmt(m(raw, 'perSecond'))} events/s  p50 ${fmt(m(raw, 'p50'))} ms  p99 ${fmt(m(raw, 'p99'))} ms  CPU ms/1,000 events: ${cpu(raw)}`);
  console.log(`  backbone (outbox..inbox+row): ${fmt(m(bb, 'perSecond'))} events/s  p50 ${fmt(m(bb, 'p50'))} ms  p99 ${fmt(m(bb, 'p99'))} ms  CPU ms/1,000 events: ${cpu(bb)}`);
  console.log(`  backbone / raw              : ${fmt((100 * m(bb, 'perSecond')) / m(raw, 'perSecond'), 1)}%`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
