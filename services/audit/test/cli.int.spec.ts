import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { ForewarnEvent } from '@forewarn/contracts';
import { serviceDataSourceOptions } from '@forewarn/eventing';
import { migrateSchema } from '@forewarn/platform';
import { createTestDatabase, repoRoot, type TestDatabase } from '@forewarn/testing';
import { appendToLog } from '../src/application/log-appender';
import { auditMigrations } from '../src/infrastructure/migrations';
import { sqlOf } from '../src/infrastructure/sql-adapters';
import { caseScenario } from './case-scenario';
import { newCaseId } from './support';

const cli = join(repoRoot, 'dist/services/audit/src/cli/audit-cli.js');

/**
 * Issue 4 sections 3 and 5: the compiled command line (`npx tsc -p tsconfig.build.json` first)
 * against a log this file writes with the service's own appender. No broker here: the CLI reads
 * Postgres only, and a private log keeps other services' traffic out of the exit codes.
 */
describe('audit CLI', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const start = '2024-03-07T10:00:00.000Z';
  const [warned, waived, noDuty] = (['warned', 'waived', 'no-duty'] as const).map((path) => caseScenario({ caseId: newCaseId(), start, path }));
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, ['-r', join(repoRoot, 'scripts/register-paths.js'), cli, ...args], { env: { ...process.env, FOREWARN_DATABASE: db.name, ...env } }, (error, out, err) =>
        resolve({ code: error ? Number(error.code) : 0, out, err }),
      );
    });
  const append = (events: ForewarnEvent[]) => ds.transaction((m) => appendToLog(sqlOf(m), events.map((e) => ({ raw: e, event: e })), { checkpointEvery: 5 }));

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npx tsc -p tsconfig.build.json first`);
    db = await createTestDatabase('audit_cli');
    // As a deployment is: the owner migrates; the CLI then verifies as the auditors' role, purges and rebuilds as the owner.
    await migrateSchema('audit', auditMigrations, { ...process.env, FOREWARN_DATABASE: db.name });
    ds = new DataSource(serviceDataSourceOptions({ url: db.serverUrl, database: db.name, schema: 'audit', migrations: auditMigrations }));
    await ds.initialize();
    await append([...warned, ...waived]);
    await append(noDuty);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('verifies the whole log and one case: summary, exit 0', async () => {
    const all = await run(['verify', '--all', '--progress']);
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/events read\s+15\b/);
    expect(all.out).toMatch(/decisions verified\s+6\b/);
    expect(all.out).toMatch(/mismatches\s+0\b/);
    expect(all.out).toMatch(/chain\s+INTACT/);
    expect(all.err).toMatch(/verifying \[#+\] 100% 15\/15/);
    const one = await run(['verify', '--case', warned[0].caseId, '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out)).toMatchObject({ eventsRead: 8, decisionsVerified: 3, mismatches: 0, chain: { status: 'INTACT' } });
  });

  it('exits 1 on a broken chain and names the row', async () => {
    const [row] = await ds.query(`SELECT position, envelope FROM case_log WHERE event_id = $1`, [waived[4].eventId]);
    await ds.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(`UPDATE case_log SET envelope = replace(envelope, '"bob"', '"mallory"') WHERE position = $1`, [row.position]);
    });
    const broken = await run(['verify', '--all']);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(new RegExp(`BROKEN: 1 problem\\(s\\); first at position ${row.position}: ALTERED`));
    await ds.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(`UPDATE case_log SET envelope = $2 WHERE position = $1`, [row.position, row.envelope]);
    });
    expect((await run(['verify', '--all'])).code).toBe(0);
  });

  it('exits 1 on a decision the rules would not have made, with its diff', async () => {
    const forged = caseScenario({ caseId: newCaseId(), start, path: 'warned' }).slice(0, 2) as [ForewarnEvent, ForewarnEvent<'DutyDetermined'>];
    forged[1] = { ...forged[1], data: { ...forged[1].data, outcome: 'NO_DUTY' } };
    await append(forged);
    const one = await run(['verify', '--case', forged[0].caseId]);
    expect(one.code).toBe(1);
    expect(one.out).toMatch(/mismatches\s+1\b/);
    expect(one.out).toMatch(/MISMATCH DutyDetermined .*\n\s+\/outcome: recorded "NO_DUTY" \| recomputed "DUTY"/);
    expect((await run(['verify', '--all'])).code).toBe(1);
  });

  it('purges only what is past retention and not on hold, and the chain still verifies', async () => {
    await ds.query(`INSERT INTO legal_holds (case_id, reason, placed_by) VALUES ($1, 'litigation', 'ann')`, [waived[0].caseId]);
    const future = new Date(Date.now() + 60_000).toISOString();
    const retained = await run(['purge', '--before', future]); // default retention: five years
    expect(retained.code).toBe(0);
    expect(retained.out).toMatch(/limited by the retention period/);
    expect(retained.out).toMatch(/cases purged\s+0/);

    const dry = await run(['purge', '--before', future, '--dry-run'], { AUDIT_RETENTION_DAYS: '0' });
    expect(dry.out).toMatch(/dry run[\s\S]*cases purged\s+3[\s\S]*entries purged\s+12[\s\S]*kept on legal hold\s+1/);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM case_log WHERE envelope IS NULL`);
    expect(n).toBe(0);

    const purged = await run(['purge', '--before', future, '--by', 'records-officer'], { AUDIT_RETENTION_DAYS: '0' });
    expect(purged.code).toBe(0);
    expect(purged.out).toMatch(/cases purged\s+3[\s\S]*entries purged\s+12 \(purge run \d+\)/);
    const left = await ds.query(`SELECT case_id, count(*)::int AS n, count(envelope)::int AS kept FROM case_log GROUP BY case_id`);
    expect(left.find((r: { case_id: string }) => r.case_id === waived[0].caseId)).toMatchObject({ n: 5, kept: 5 });
    expect(left.filter((r: { kept: number }) => r.kept === 0)).toHaveLength(3);

    const after = await run(['verify', '--all']);
    expect(after.code).toBe(0); // the forged decision went with its case; the chain still links
    expect(after.out).toMatch(/events read\s+17 \(12 purged under retention\)/);
    expect(after.out).toMatch(/chain\s+INTACT/);
  });

  it('rebuilds the read model identical to what the live path wrote', async () => {
    const before = await ds.query(`SELECT * FROM case_projection ORDER BY case_id`);
    const rebuilt = await run(['rebuild']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(/rebuilt from the log: 1 cases, 5 entries/);
    expect(await ds.query(`SELECT * FROM case_projection ORDER BY case_id`)).toEqual(before);
  });

  it('exits 2 on bad usage', async () => {
    expect((await run(['verify'])).code).toBe(2);
    expect((await run(['verify', '--all', '--case', 'x'])).code).toBe(2);
    expect((await run(['purge'])).code).toBe(2);
    expect((await run(['purge', '--before', 'soon'])).code).toBe(2);
    expect((await run(['explode'])).code).toBe(2);
  });
});
