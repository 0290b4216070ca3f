/**
 * Audit verify benchmark (issue 4 section 7): generates a case log of --events entries (default
 * 1,000,000) with valid chained hashes and real decisions into a fresh database, then, in a
 * child process so its memory is the verifier's alone, runs a plain streaming read of the same
 * rows (baseline) and the streaming verifier the CLI uses. Prints events/s, decisions verified,
 * peak RSS at 25/50/75/100 % of the log, and the verify/baseline ratio.
 *
 *   npx tsc -p tsconfig.build.json && node -r ./scripts/register-paths.js dist/benchmarks/audit-verify.bench.js \
 *     [--events 1000000] [--threads N] [--keep | --database <kept bench database>]
 */
/* eslint-disable @nx/enforce-module-boundaries -- services have no package alias; the benchmark must run the service's own verifier and appender format */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase, serviceDataSourceOptions, withDatabase } from '@forewarn/eventing';
import { LogSource } from '../services/audit/src/application/log-source';
import { verifyWholeLog } from '../services/audit/src/application/log-verifier';
import { CaseLog1764500000000 } from '../services/audit/src/infrastructure/migrations/1764500000000-case-log';
import { AuditOperations1764500000001 } from '../services/audit/src/infrastructure/migrations/1764500000001-audit-operations';
import { pgSql } from '../services/audit/src/infrastructure/sql-adapters';
import { writeLog } from './audit/log-generator';
import { arg, fmt } from './stats';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const mb = (bytes: number) => `${fmt(bytes / 1048576, 0)} MB`;

async function connect(database: string): Promise<Client> {
  const client = new Client({ connectionString: withDatabase(serverUrl, database), options: '-c search_path=audit' });
  await client.connect();
  return client;
}

/** One verify run, sampling peak RSS as the walk passes 25/50/75/100 % of the log. */
async function timedVerify(client: Client, source: LogSource, total: number, threads: number) {
  const marks = [0.25, 0.5, 0.75, 1];
  const samples: string[] = [];
  let peak = 0;
  const cpu = process.cpuUsage();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const summary = await verifyWholeLog(source, {
    threads,
    onProgress: (done) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      while (marks.length > 0 && done >= marks[0] * total) samples.push(`${marks.shift()! * 100}%: ${mb(peak)}`);
    },
  });
  await client.query('ROLLBACK');
  const used = process.cpuUsage(cpu);
  return { summary, samples, rate: summary.eventsRead / (summary.elapsedMs / 1000), mainCpu: (used.user + used.system) / 1e6 };
}

/** Child process: baseline read, then the verifier in this thread and on worker threads. */
async function verifyPhase(database: string, threads: number): Promise<void> {
  const client = await connect(database);
  const source = new LogSource(pgSql(client));
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const total = (await source.head()).position;
  const readStart = Date.now();
  let read = 0;
  for await (const page of source.pages(5000)) read += page.rows.length;
  const readRate = read / ((Date.now() - readStart) / 1000);
  await client.query('ROLLBACK');
  console.log(`baseline: streaming read of the same rows, no verification: ${fmt(readRate)} rows/s (${fmt(read)} rows)`);
  let failed = false;
  for (const t of [0, threads]) {
    const { summary, samples, rate, mainCpu } = await timedVerify(client, source, total, t);
    const label = t === 0 ? 'verify, one thread       ' : `verify, ${t} worker thread(s)`;
    console.log(`${label}: ${fmt(rate)} events/s (${fmt(summary.elapsedMs / 1000, 1)} s; main thread CPU ${fmt(mainCpu, 1)} s) = ${fmt((100 * rate) / readRate, 1)}% of baseline`);
    console.log(`  decisions verified ${fmt(summary.decisionsVerified)}, mismatches ${summary.mismatches}, chain ${summary.chain.status} (${fmt(summary.chain.checked)} entries)`);
    console.log(`  peak RSS at ${samples.join(' | ')}`);
    failed ||= summary.mismatches > 0 || summary.chain.status !== 'INTACT';
  }
  await client.end();
  if (failed) process.exitCode = 1;
}

async function main(): Promise<void> {
  const threads = arg('threads', Math.max(1, availableParallelism() - 1));
  const phase = process.argv.indexOf('--verify-database');
  if (phase >= 0) return verifyPhase(process.argv[phase + 1], threads);
  const existing = process.argv.indexOf('--database');

  const events = arg('events', 1_000_000);
  const database = existing >= 0 ? process.argv[existing + 1] : `fw_bench_audit_${randomBytes(4).toString('hex')}`;
  if (existing < 0) await generate(database, events);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other sessions share it)`);
  try {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--verify-database', database, '--threads', String(threads)], { stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
    // The same walk through the CLI, start-up included, as an auditor would run it.
    const cli = join(__dirname, '..', 'services', 'audit', 'src', 'cli', 'audit-cli.js');
    const cliStart = Date.now();
    const out = execFileSync(process.execPath, [...process.execArgv, cli, 'verify', '--all', '--threads', String(threads)], { env: { ...process.env, FOREWARN_DATABASE: database } }).toString();
    console.log(`audit verify --all --threads ${threads} (the CLI, wall clock incl. start-up): ${fmt((Date.now() - cliStart) / 1000, 1)} s\n${out.trim()}`);
  } finally {
    if (!process.argv.includes('--keep') && existing < 0) await dropDatabase(serverUrl, database);
  }
}

async function generate(database: string, events: number): Promise<void> {
  console.log(`audit verify benchmark: ${fmt(events)} events into ${database}`);
  await ensureDatabase(serverUrl, database, ['audit']);
  const ds = new DataSource(serviceDataSourceOptions({ url: serverUrl, database, schema: 'audit', migrations: [CaseLog1764500000000, AuditOperations1764500000001] }));
  await ds.initialize();
  await ds.destroy();
  const client = await connect(database);
  const genStart = Date.now();
  // Bulk load: the unique indexes are built once at the end instead of row by row.
  await client.query('ALTER TABLE case_log DROP CONSTRAINT case_log_event_id_key, DROP CONSTRAINT case_log_case_id_case_seq_key');
  await writeLog(client, events, (written) => process.stderr.isTTY && process.stderr.write(`\rgenerating ${fmt(written)} / ${fmt(events)}`));
  await client.query('ALTER TABLE case_log ADD UNIQUE (event_id), ADD UNIQUE (case_id, case_seq)');
  await client.query('ANALYZE case_log');
  const [{ size }] = (await client.query(`SELECT pg_size_pretty(pg_total_relation_size('case_log')) AS size`)).rows;
  await client.end();
  const genSeconds = (Date.now() - genStart) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`generated ${fmt(events)} entries (${size} on disk) in ${fmt(genSeconds, 1)} s (${fmt(events / genSeconds)} /s)`);
}

main().then(
  () => undefined,
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
