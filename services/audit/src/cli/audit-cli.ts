/**
 * The auditors' command line (issue 4 sections 3-5), straight against Postgres:
 *   audit verify --all | --case <caseId> [--progress] [--json] [--threads N]
 *   audit purge --before <ISO instant> [--dry-run] [--by <person>]
 *   audit rebuild [--service <name>]
 * Exit status: 0 all verified, 1 a decision mismatch or a broken chain, 2 usage or failure.
 * A rebuild exits 1 when the log is behind the service (nothing changed).
 */
import { availableParallelism, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Client } from 'pg';
import { LogSource } from '../application/log-source';
import { purgeLog } from '../application/log-purger';
import { verifyCase, verifyWholeLog } from '../application/log-verifier';
import type { ReaderConnection } from '../application/slice-reader';
import { rebuildCaseProjection } from '../application/projection-rebuilder';
import { DEFAULT_RETENTION_DAYS } from '../domain/retention';
import { pgSql } from '../infrastructure/sql-adapters';
import { auditCliRole, connectAuditDatabase } from './cli-database';
import { ProgressBar } from './progress-bar';
import { rebuildService, REBUILDABLE_SERVICES } from './rebuild-service';
import { formatVerifySummary } from './verify-output';

const USAGE = `Usage:
  audit verify (--all | --case <caseId>) [--progress] [--json] [--threads N]
  audit purge --before <ISO instant> [--dry-run] [--by <person>]
  audit rebuild [--service audit|${REBUILDABLE_SERVICES.join('|')}]
Reads FOREWARN_DATABASE (default forewarn) on DATABASE_URL; purge honours AUDIT_RETENTION_DAYS (default ${DEFAULT_RETENTION_DAYS}).
Exit status: 0 verified, 1 mismatch or broken chain (rebuild: the log is behind; nothing changed), 2 usage error or failure.`;

type Out = { out: (s: string) => void; err: (s: string) => void };
const std: Out = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

export async function main(argv: string[], io: Out = std): Promise<number> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        all: { type: 'boolean' },
        case: { type: 'string' },
        progress: { type: 'boolean' },
        json: { type: 'boolean' },
        before: { type: 'string' },
        'dry-run': { type: 'boolean' },
        by: { type: 'string' },
        threads: { type: 'string' },
        service: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`audit: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'verify' && !values.all === !values.case) return usage(io, 'verify needs exactly one of --all or --case <caseId>');
  if (command === 'purge' && typeof values.before !== 'string') return usage(io, 'purge needs --before <ISO instant>');
  if (!['verify', 'purge', 'rebuild'].includes(command)) return usage(io, `unknown command ${command}`);
  if (command === 'rebuild' && typeof values.service === 'string' && values.service !== 'audit') {
    const service = REBUILDABLE_SERVICES.find((s) => s === values.service);
    return service ? rebuildService(service) : usage(io, `rebuild --service takes audit, ${REBUILDABLE_SERVICES.join(', ')}; not ${values.service}`);
  }

  const client = await connectAuditDatabase(auditCliRole(command));
  const sql = pgSql(client);
  try {
    if (command === 'verify') {
      // One snapshot for the whole walk, however long it takes; writers keep appending meanwhile.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const showBar = values.progress === true || (process.stderr.isTTY && !values.json);
      const bar = showBar ? new ProgressBar(process.stderr, 'verifying') : null;
      const source = new LogSource(sql);
      const summary = values.case
        ? await verifyCase(source, String(values.case))
        : await verifyWholeLog(source, { threads: verifyThreads(values.threads), readers: readersOf(client), onProgress: (read, total) => bar?.update(read, total) });
      if (bar && values.all) bar.finish(summary.eventsRead, summary.chain.head.position);
      await client.query('ROLLBACK');
      if (values.case && summary.eventsRead === 0) {
        io.err(`audit: no event of case ${values.case} is in the log`);
        return 2;
      }
      io.out(values.json ? JSON.stringify(summary, null, 2) : formatVerifySummary(summary));
      return summary.mismatches > 0 || summary.chain.status !== 'INTACT' ? 1 : 0;
    }
    await client.query('BEGIN');
    if (command === 'purge') {
      const result = await purgeLog(sql, {
        before: String(values.before),
        retentionDays: Number(process.env.AUDIT_RETENTION_DAYS ?? DEFAULT_RETENTION_DAYS),
        runBy: typeof values.by === 'string' ? values.by : userInfo().username,
        dryRun: values['dry-run'] === true,
        nowMs: Date.now(),
      });
      await client.query('COMMIT');
      io.out(values.json ? JSON.stringify(result, null, 2) : formatPurge(result));
      return 0;
    }
    const rebuilt = await rebuildCaseProjection(sql);
    await client.query('COMMIT');
    io.out(`audit rebuild: case_projection rebuilt from the log: ${rebuilt.cases} cases, ${rebuilt.entries} entries in ${(rebuilt.elapsedMs / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    io.err(`audit ${command}: ${(err as { code?: string }).code ? `${(err as { code: string }).code}: ` : ''}${(err as Error).message}`);
    return 2;
  } finally {
    await client.end();
  }
}

/** Reader threads (each reads, hashes and replays its slices of the log): by default one per core. */
function verifyThreads(flag: unknown): number {
  const wanted = Number(typeof flag === 'string' ? flag : (process.env.AUDIT_VERIFY_THREADS ?? availableParallelism()));
  return Number.isInteger(wanted) && wanted >= 0 ? wanted : 1;
}

/** The same database, as this client reached it, for the verifier's readers (a connection each). */
function readersOf(client: Client): ReaderConnection {
  const { host, port, user, password, database, ssl } = client;
  return { host, port, user, password, database, ssl, options: '-c search_path=audit' };
}

function usage(io: Out, message: string): number {
  io.err(`audit: ${message}\n${USAGE}`);
  return 2;
}

function formatPurge(r: Awaited<ReturnType<typeof purgeLog>>): string {
  return [
    `audit purge${r.dryRun ? ' (dry run: nothing removed)' : ''}`,
    `  cutoff              ${r.cutoff} (limited by ${r.limitedBy === 'retention' ? 'the retention period' : '--before'})`,
    `  cases purged        ${r.cases}`,
    `  entries purged      ${r.entries}${r.purgeRunId ? ` (purge run ${r.purgeRunId})` : ''}`,
    `  kept on legal hold  ${r.heldCasesKept} case(s)`,
  ].join('\n');
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`audit: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
