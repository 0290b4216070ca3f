/**
 * Pipeline benchmark: cases/s from intake (HTTP) to a delivered warning at saturation, and
 * p50/p99 end-to-end latency at half that rate, on the five services as real processes.
 * A case counts as delivered when its warning arrives on the public partner-warnings topic
 * (the Kafka adapter writes it in the same transaction as WarningDelivered). The baseline
 * in the same run is how fast intake alone accepts the same submissions.
 *
 *   npm run bench:pipeline -- --cases 3000 --concurrency 64 --rounds 1
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Topics } from '@forewarn/contracts';
import { demoReports, RunningSystem } from '@forewarn/demo';
import { testBrokers } from '@forewarn/testing';
import { arg, fmt, median, percentile } from './stats';

const cases = arg('cases', 3000);
const concurrency = arg('concurrency', 64);
const rounds = arg('rounds', 1);
const halfRateSeconds = arg('half-rate-seconds', 20);

const arrivals = new Map<string, number>();

async function watchWarnings(): Promise<() => Promise<void>> {
  const kafka = new Kafka({ brokers: testBrokers(), clientId: 'bench-pipeline', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-pipeline-${randomBytes(3).toString('hex')}`, maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.partnerWarnings, fromBeginning: false });
  let joined!: () => void;
  const ready = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: async ({ message }) => {
      arrivals.set(message.key!.toString(), Date.now());
    },
  });
  await ready;
  return () => consumer.disconnect();
}

async function submitAll(system: RunningSystem, prefix: string, n: number, paceMs = 0) {
  const base = demoReports(prefix).crocus;
  const submitted = new Map<string, number>();
  let next = 0;
  const start = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      if (paceMs) {
        const due = start + i * paceMs;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      }
      const at = Date.now();
      const res = await system.client.submitReport({ ...base, reportId: `${prefix}-${i}` });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
      submitted.set(res.body.caseId, at);
    }
  }
  await Promise.all(Array.from({ length: paceMs ? 256 : concurrency }, worker));
  return { submitted, acceptedSeconds: (Date.now() - start) / 1000, start };
}

async function delivered(ids: Iterable<string>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  const all = [...ids];
  while (all.some((id) => !arrivals.has(id))) {
    if (Date.now() > deadline) throw new Error(`${all.filter((id) => !arrivals.has(id)).length} cases not delivered in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Math.max(...all.map((id) => arrivals.get(id)!));
}

async function main() {
  const system = new RunningSystem(4201, { LOG_LEVEL: 'warn' });
  console.log(`pipeline benchmark: ${fmt(cases)} cases x ${rounds} round(s), concurrency ${concurrency}, brokers ${testBrokers().join(',')}`);
  await system.start();
  const stop = await watchWarnings();
  try {
    const warm = await submitAll(system, `WARM-${randomBytes(2).toString('hex')}`, 50);
    await delivered(warm.submitted.keys());
    const saturation: number[] = [];
    const accepted: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const run = await submitAll(system, `SAT-${r}-${randomBytes(2).toString('hex')}`, cases);
      const last = await delivered(run.submitted.keys());
      saturation.push(cases / ((last - run.start) / 1000));
      accepted.push(cases / run.acceptedSeconds);
      console.log(`round ${r}: intake accepted ${fmt(accepted[r - 1])} cases/s; delivered ${fmt(saturation[r - 1])} cases/s end to end`);
    }
    const rate = median(saturation) / 2;
    const n = Math.max(50, Math.round(rate * halfRateSeconds));
    const paced = await submitAll(system, `HALF-${randomBytes(2).toString('hex')}`, n, 1000 / rate);
    await delivered(paced.submitted.keys());
    const latencies = [...paced.submitted].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
    console.log('medians:');
    console.log(`  intake alone accepts        : ${fmt(median(accepted))} cases/s (baseline)`);
    console.log(`  intake -> warning delivered : ${fmt(median(saturation))} cases/s at saturation (${fmt((100 * median(saturation)) / median(accepted), 1)}% of baseline)`);
    console.log(`  at ${fmt(rate)} cases/s (half)    : p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms over ${n} cases`);
  } finally {
    await stop();
    await system.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
