/**
 * Audit verify benchmark (issue 4 section 7): generates a case log of --events entries (default
 * 1,000,000) with valid chained hashes and real decisions into a fresh database, then runs
 * --rounds rounds (default 3), each variant in a fresh child process so its memory is its own:
 *   baseline  the same rows read raw: one binary COPY stream, split into fields, nothing checked
 *   verify    the CLI's verifier: --threads readers (default one per core) in one snapshot
 *   previous  the page walk with one worker thread (the verifier before slices; the service's
 *             integrity walk still uses it)
 * Prints events/s, process CPU and peak RSS at 25/50/75/100 % of the log per round, then the
 * medians and the verify/baseline ratio, then the CLI's own run (wall clock incl. start-up).
 *
 *   npx tsc -p tsconfig.build.json && node -r ./scripts/register-paths.js dist/benchmarks/audit-verify.bench.js \
 *     [--events 1000000] [--rounds 3] [--threads N] [--keep | --database <kept bench database>]
 */
/* eslint-disable @nx/enforce-module-boundaries -- services have no package alias; the benchmark must run the service's own verifier and appender format */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, provisionDatabase, withDatabase } from '@forewarn/eventing';
import { migrateSchema } from '@forewarn/platform';
import { copyBinary } from '../services/audit/src/application/binary-copy';
import { LogSource } from '../services/audit/src/application/log-source';
import { verifyWholeLog } from '../services/audit/src/application/log-verifier';
import { ENTRY_FIELDS, ENTRY_SELECT } from '../services/audit/src/application/raw-entry';
import { auditMigrations } from '../services/audit/src/infrastructure/migrations';
import { pgSql } from '../services/audit/src/infrastructure/sql-adapters';
import { writeLog } from './audit/log-generator';
import { arg, fmt, median } from './stats';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const VARIANTS = ['baseline', 'verify', 'previous'] as const;
type Variant = (typeof VARIANTS)[number];

/** What one child process reports for one variant. */
interface Run {
  variant: Variant;
  rows: number;
  ms: number;
  cpuS: number;
  /** Peak RSS (MB) by 25, 50, 75 and 100 % of the log. */
  rss: number[];
  decisions?: number;
  mismatches?: number;
  chain?: string;
}

const connection = (database: string) => ({ connectionString: withDatabase(serverUrl, database), options: '-c search_path=audit' });

/** Peak RSS as the walk passes each quarter of the log. */
function quarterSampler(total: number) {
  const marks = [0.25, 0.5, 0.75, 1];
  const rss: number[] = [];
  let peak = 0;
  return {
    rss,
    sample(done: number) {
      peak = Math.max(peak, process.memoryUsage().rss);
      while (marks.length > 0 && done >= marks[0] * total) {
        marks.shift();
        rss.push(Math.round(peak / 1048576));
      }
    },
  };
}

/** Child process: one variant, one snapshot, one JSON line on stdout. */
async function phase(variant: Variant, database: string, threads: number): Promise<void> {
  const client = new Client(connection(database));
  await client.connect();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const source = new LogSource(pgSql(client));
  const total = (await source.head()).position;
  const q = quarterSampler(total);
  const cpu = process.cpuUsage();
  const started = Date.now();
  let run: Omit<Run, 'cpuS' | 'rss' | 'ms'>;
  if (variant === 'baseline') {
    let rows = 0;
    await copyBinary(client, `${ENTRY_SELECT} WHERE l.position > 0 ORDER BY l.position`, ENTRY_FIELDS, () => {
      if (++rows % 10_000 === 0) q.sample(rows);
    });
    q.sample(rows);
    run = { variant, rows };
  } else {
    const summary = await verifyWholeLog(source, {
      threads: variant === 'verify' ? threads : 1,
      readers: variant === 'verify' ? connection(database) : undefined,
      onProgress: (done) => q.sample(done),
    });
    run = { variant, rows: summary.eventsRead, decisions: summary.decisionsVerified, mismatches: summary.mismatches, chain: summary.chain.status };
  }
  const ms = Date.now() - started;
  const used = process.cpuUsage(cpu);
  await client.query('ROLLBACK');
  await client.end();
  process.stdout.write(`${JSON.stringify({ ...run, ms, cpuS: (used.user + used.system) / 1e6, rss: q.rss })}\n`);
}

function runPhase(variant: Variant, database: string, threads: number): Run {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--phase', variant, '--verify-database', database, '--threads', String(threads)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`${variant} phase failed (${child.status})`);
  return JSON.parse(child.stdout.toString().trim().split('\n').pop()!) as Run;
}

const rate = (r: Run) => r.rows / (r.ms / 1000);
const load = () => loadavg()[0].toFixed(1);

async function main(): Promise<void> {
  const threads = arg('threads', availableParallelism());
  const p = process.argv.indexOf('--phase');
  if (p >= 0) return phase(process.argv[p + 1] as Variant, process.argv[process.argv.indexOf('--verify-database') + 1], threads);
  const existing = process.argv.indexOf('--database');
  const events = arg('events', 1_000_000);
  const rounds = arg('rounds', 3);
  const database = existing >= 0 ? process.argv[existing + 1] : `fw_bench_audit_${randomBytes(4).toString('hex')}`;
  if (existing < 0) await generate(database, events);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other sessions share it); verify with ${threads} reader thread(s)`);
  let failed = false;
  try {
    const runs: Record<Variant, Run[]> = { baseline: [], verify: [], previous: [] };
    console.log('| round | load | raw read rows/s | verify ev/s | verify / raw | previous ev/s | verify CPU s | verify peak RSS MB at 25/50/75/100 % | previous peak RSS MB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
    for (let round = 1; round <= rounds; round++) {
      const at = load();
      for (const v of VARIANTS) runs[v].push(runPhase(v, database, threads));
      const [b, v, prev] = VARIANTS.map((k) => runs[k][round - 1]);
      failed ||= [v, prev].some((r) => r.mismatches !== 0 || r.chain !== 'INTACT' || r.rows !== b.rows);
      console.log(
        `| ${round} | ${at} | ${fmt(rate(b))} | ${fmt(rate(v))} | ${fmt((100 * rate(v)) / rate(b), 1)}% | ${fmt(rate(prev))} | ${fmt(v.cpuS, 1)} | ${v.rss.join(' / ')} | ${prev.rss.join(' / ')} |`,
      );
    }
    const med = (v: Variant) => median(runs[v].map(rate));
    console.log(
      `| **median** | | **${fmt(med('baseline'))}** | **${fmt(med('verify'))}** | **${fmt((100 * med('verify')) / med('baseline'), 1)}%** | **${fmt(med('previous'))}** | ${fmt(median(runs.verify.map((r) => r.cpuS)), 1)} | | |`,
    );
    const v = runs.verify[0];
    console.log(`rows ${fmt(v.rows)}, decisions re-run ${fmt(v.decisions ?? 0)} per walk, mismatches ${v.mismatches}, chain ${v.chain}; verify = ${fmt(med('verify') / med('previous'), 2)} x previous (medians)`);
    // The same walk through the CLI, start-up included, as an auditor would run it.
    const cli = join(__dirname, '..', 'services', 'audit', 'src', 'cli', 'audit-cli.js');
    const cliStart = Date.now();
    const out = execFileSync(process.execPath, [...process.execArgv, cli, 'verify', '--all', '--threads', String(threads)], { env: { ...process.env, FOREWARN_DATABASE: database } }).toString();
    console.log(`audit verify --all --threads ${threads} (the CLI, wall clock incl. start-up, load ${load()}): ${fmt((Date.now() - cliStart) / 1000, 1)} s\n${out.trim()}`);
  } finally {
    if (!process.argv.includes('--keep') && existing < 0) await dropDatabase(serverUrl, database);
  }
  if (failed) process.exitCode = 1;
}

async function generate(database: string, events: number): Promise<void> {
  console.log(`audit verify benchmark: ${fmt(events)} events into ${database}`);
  await provisionDatabase(serverUrl, database);
  // As a release does it (the owner role, then the roles' grants), so the CLI's auditor role can read it.
  await migrateSchema('audit', auditMigrations, { ...process.env, FOREWARN_DATABASE: database });
  const client = new Client(connection(database));
  await client.connect();
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
