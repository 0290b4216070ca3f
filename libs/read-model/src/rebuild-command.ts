import { Client } from 'pg';
import { DatabaseRoles, roleDatabaseUrl } from '@forewarn/database';
import type { ReadModel } from './read-model';
import { LogBehindError, rebuildReadModel } from './rebuild';
import { pgSql } from './sql';

type Out = { out: (s: string) => void; err: (s: string) => void };
const std: Out = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/**
 * A service's `rebuild` command: straight against Postgres (FOREWARN_DATABASE on DATABASE_URL,
 * like the services), no broker and no running service needed. It runs as the owner: it reads
 * the audit log, which no other service may, and truncates the service's tables. Exit status 0
 * rebuilt, 1 the log is behind (nothing changed), 2 failure (nothing changed).
 */
export async function runRebuildCommand(model: ReadModel, env: NodeJS.ProcessEnv = process.env, io: Out = std): Promise<number> {
  const url = roleDatabaseUrl(DatabaseRoles.owner, env.FOREWARN_DATABASE || 'forewarn', env);
  const client = new Client({ connectionString: url, options: `-c search_path=${model.schema}`, application_name: `${model.service}-rebuild` });
  try {
    await client.connect();
    await client.query('BEGIN');
    // Waiting behind a long transaction is fine; waiting forever is not.
    await client.query(`SET LOCAL lock_timeout = '${Number(env.REBUILD_LOCK_TIMEOUT_MS) || 60_000}ms'`);
    const r = await rebuildReadModel(pgSql(client), model);
    await client.query('COMMIT');
    const rate = r.elapsedMs > 0 ? ` (${Math.round((r.events * 1000) / r.elapsedMs).toLocaleString('en-US')} events/s)` : '';
    io.out(
      [
        `${model.service} rebuild: ${r.tables.join(', ')} rebuilt from the log`,
        `  cases   ${r.cases.toLocaleString('en-US')}`,
        `  events  ${r.events.toLocaleString('en-US')}${r.purged > 0 ? ` (${r.purged.toLocaleString('en-US')} purged under retention, left out)` : ''}`,
        `  took    ${(r.elapsedMs / 1000).toFixed(1)} s${rate}`,
        r.before.rows === r.after.rows && r.before.digest === r.after.digest
          ? `  identical to the tables it replaced (${r.after.rows.toLocaleString('en-US')} rows, digest ${r.after.digest})`
          : `  differs from the tables it replaced: ${r.before.rows.toLocaleString('en-US')} rows (digest ${r.before.digest}) before, ${r.after.rows.toLocaleString('en-US')} (digest ${r.after.digest}) now`,
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    const code = (err as { code?: string }).code;
    io.err(`${model.service} rebuild: ${code ? `${code}: ` : ''}${(err as Error).message}`);
    return err instanceof LogBehindError ? 1 : 2;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** For a service's rebuild entry point: run the command and set the exit status. */
export function rebuildMain(model: ReadModel): void {
  runRebuildCommand(model).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`${model.service} rebuild: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
