/**
 * Pipeline benchmark: cases/s from intake to a delivered warning at saturation, and p50/p99
 * end-to-end latency at half that rate, on the five services as real processes. A case counts
 * as delivered when its warning arrives on the FSB's warnings topic (the Kafka
 * adapter writes it in the same transaction as WarningDelivered). Reports enter through
 * intake's HTTP API (`--via http`, the default) or the partner threat-reports topic
 * (`--via kafka`). The baseline in the same run is how fast intake alone accepts them.
 *
 * It also says where the time goes: CPU seconds per case for each service, the broker,
 * PostgreSQL and the load generator over the saturation rounds, and with --profile a V8 CPU
 * profile of every service (test-output/pipeline-profiles/) summed by package.
 *
 *   npm run bench:pipeline -- --cases 3000 --concurrency 64 --rounds 1 [--via kafka] [--profile]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { partnerTopic, type PartnerCaseStatus } from '@forewarn/contracts';
import { demoReports, RunningSystem } from '@forewarn/demo';
import { kafkaPort, type KafkaPort, type RecordPublisher } from '@forewarn/eventing';
import { kafkaAs, repoRoot, testBrokers } from '@forewarn/testing';
import { benchBroker } from './bench-broker';
import { summarizeCpuProfile } from './cpu-profile-summary';
import { cpuSecondsBetween, cpuSnapshot } from './cpu-usage';
import { databaseSnapshot, describeDatabaseUsage } from './database-usage';
import { arg, flag, fmt, median, option, percentile } from './stats';

const cases = arg('cases', 3000);
const concurrency = arg('concurrency', 64);
const rounds = arg('rounds', 1);
const halfRateSeconds = arg('half-rate-seconds', 20);
const via = option('via', 'http');
const profile = flag('profile');
const profileDir = join(repoRoot, 'test-output', 'pipeline-profiles');

// The load generator's fixtures (the test principal): NCTC reports, the FSB is warned (demo partners).
// Made in main, once the broker is known (benchBroker).
let kafka: KafkaPort;
const WARNINGS = partnerTopic('FSB', 'warnings');
const STATUS = partnerTopic('NCTC', 'case-status');
/** caseId -> when its warning arrived on the partner topic. */
const arrivals = new Map<string, number>();
/** reportId -> caseId, from the RECEIVED statuses intake publishes (the Kafka path's receipt). */
const received = new Map<string, string>();

async function watch(): Promise<() => Promise<void>> {
  return kafka.follow(
    [WARNINGS, STATUS],
    ({ topic, ...message }) => {
      if (topic === WARNINGS) arrivals.set(message.key!.toString(), Date.now());
      else {
        const status = JSON.parse(message.value!.toString()) as PartnerCaseStatus;
        if (status.status === 'RECEIVED') received.set(status.reportId, status.caseId);
      }
    },
    { group: 'bench-pipeline', maxWaitTimeInMs: 20 },
  );
}

interface Submission {
  /** caseId -> when its report was sent. */
  submitted: Map<string, number>;
  start: number;
  acceptedSeconds: number;
}

/** Every report through intake's HTTP API, `concurrency` at a time (or one every `paceMs`). */
async function submitOverHttp(system: RunningSystem, prefix: string, n: number, paceMs = 0): Promise<Submission> {
  const base = demoReports(prefix).crocus;
  const submitted = new Map<string, number>();
  let next = 0;
  const start = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      if (paceMs) await sleepUntil(start + i * paceMs);
      const at = Date.now();
      const res = await system.client.submitReport({ ...base, reportId: `${prefix}-${i}` });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${JSON.stringify(res.body)}`);
      submitted.set(res.body.caseId, at);
    }
  }
  await Promise.all(Array.from({ length: paceMs ? 256 : concurrency }, worker));
  return { submitted, acceptedSeconds: (Date.now() - start) / 1000, start };
}

/** Every report onto the partner topic, in batches of `concurrency` (or one every `paceMs`). */
async function submitOverKafka(producer: RecordPublisher, prefix: string, n: number, paceMs = 0): Promise<Submission> {
  const base = demoReports(prefix).crocus;
  const sentAt = new Map<string, number>();
  const start = Date.now();
  const batch = paceMs ? 1 : concurrency;
  for (let i = 0; i < n; i += batch) {
    if (paceMs) await sleepUntil(start + i * paceMs);
    const ids = Array.from({ length: Math.min(batch, n - i) }, (_, k) => `${prefix}-${i + k}`);
    const at = Date.now();
    await producer.send({
      topic: partnerTopic('NCTC', 'threat-reports'),
      messages: ids.map((reportId) => ({ key: reportId, value: JSON.stringify({ ...base, reportId }) })),
    });
    for (const id of ids) sentAt.set(id, at);
  }
  await until(`${n} reports received by intake`, () => [...sentAt.keys()].every((id) => received.has(id)));
  const submitted = new Map([...sentAt].map(([reportId, at]) => [received.get(reportId)!, at]));
  return { submitted, acceptedSeconds: (Date.now() - start) / 1000, start };
}

async function until(what: string, done: () => boolean, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function sleepUntil(at: number): Promise<void> {
  if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
}

async function delivered(ids: Iterable<string>): Promise<number> {
  const all = [...ids];
  await until(`${all.length} warnings`, () => all.every((id) => arrivals.has(id)));
  return Math.max(...all.map((id) => arrivals.get(id)!));
}

async function main() {
  if (via !== 'http' && via !== 'kafka') throw new Error(`--via ${via}: choose http or kafka`);
  if (profile) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const stopBroker = await benchBroker();
  kafka = kafkaPort('bench-pipeline', kafkaAs());
  const system = new RunningSystem(4201, { LOG_LEVEL: 'warn' }, (service) =>
    profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${service}.cpuprofile`, '-r', join(__dirname, 'cpu-profile-exit.js')] : [],
  );
  console.log(`pipeline benchmark: ${fmt(cases)} cases x ${rounds} round(s) via ${via}, concurrency ${concurrency}, brokers ${testBrokers().join(',')}`);
  await system.start();
  const producer = kafka.publisher({ idempotent: true });
  await producer.connect();
  const stopWatching = await watch();
  const submit = (prefix: string, n: number, paceMs = 0) =>
    via === 'http' ? submitOverHttp(system, prefix, n, paceMs) : submitOverKafka(producer, prefix, n, paceMs);
  try {
    const warm = await submit(`WARM-${randomBytes(2).toString('hex')}`, 50);
    await delivered(warm.submitted.keys());
    const saturation: number[] = [];
    const accepted: number[] = [];
    const services = new Map([...system.processes].map(([name, child]) => [child.pid!, name as string]));
    const dbBefore = await databaseSnapshot(system.databaseUrl!);
    const cpuBefore = cpuSnapshot(services);
    for (let r = 1; r <= rounds; r++) {
      const run = await submit(`SAT-${r}-${randomBytes(2).toString('hex')}`, cases);
      const last = await delivered(run.submitted.keys());
      saturation.push(cases / ((last - run.start) / 1000));
      accepted.push(cases / run.acceptedSeconds);
      console.log(`round ${r}: intake accepted ${fmt(accepted[r - 1])} cases/s; delivered ${fmt(saturation[r - 1])} cases/s end to end`);
    }
    printCpu(cpuSecondsBetween(cpuBefore, cpuSnapshot(services)), cases * rounds);
    console.log('PostgreSQL over the saturation round(s):');
    for (const line of describeDatabaseUsage(dbBefore, await databaseSnapshot(system.databaseUrl!), cases * rounds)) console.log(line);
    const rate = median(saturation) / 2;
    const n = Math.max(50, Math.round(rate * halfRateSeconds));
    const paced = await submit(`HALF-${randomBytes(2).toString('hex')}`, n, 1000 / rate);
    await delivered(paced.submitted.keys());
    const latencies = [...paced.submitted].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
    console.log('medians:');
    console.log(`  intake alone accepts        : ${fmt(median(accepted))} cases/s (baseline)`);
    console.log(`  intake -> warning delivered : ${fmt(median(saturation))} cases/s at saturation (${fmt((100 * median(saturation)) / median(accepted), 1)}% of baseline)`);
    console.log(`  at ${fmt(rate)} cases/s (half)    : p50 ${fmt(percentile(latencies, 50))} ms, p99 ${fmt(percentile(latencies, 99))} ms over ${n} cases`);
  } catch (err) {
    // What the services said (warnings and errors) is what explains a stuck run.
    for (const [service, lines] of system.logs) console.error(`--- ${service}\n${lines.slice(-15).join('\n')}`);
    throw err;
  } finally {
    await stopWatching();
    await producer.disconnect();
    await system.stop();
    await stopBroker();
  }
  if (profile) printProfiles();
}

function printCpu(seconds: Map<string, number>, delivered: number) {
  const total = [...seconds.values()].reduce((a, b) => a + b, 0);
  console.log(`CPU over the saturation round(s), ${fmt(delivered)} cases (${fmt(total, 1)} CPU s in all):`);
  for (const [group, s] of seconds) {
    if (s < 0.05) continue;
    console.log(`  ${group.padEnd(27)}: ${fmt((1000 * s) / delivered, 2).padStart(6)} CPU ms/case  ${fmt((100 * s) / total, 1).padStart(5)}%`);
  }
}

function printProfiles() {
  console.log(`CPU profiles (self time by package) in ${profileDir}:`);
  for (const service of ['intake', 'assessment', 'waiver-review', 'notification', 'audit']) {
    const { busyMs, buckets } = summarizeCpuProfile(join(profileDir, `${service}.cpuprofile`));
    const top = buckets
      .filter(([name]) => name !== 'idle')
      .slice(0, 8)
      .map(([name, ms]) => `${name} ${fmt((100 * ms) / busyMs)}%`);
    console.log(`  ${service.padEnd(13)} busy ${fmt(busyMs / 1000, 1)} s: ${top.join(', ')}`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
