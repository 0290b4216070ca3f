import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { ForewarnEvent } from '@forewarn/contracts';
import { serviceDataSourceOptions } from '@forewarn/eventing';
import { getPolicy } from '@forewarn/policy';
import { createTestDatabase, type TestDatabase } from '@forewarn/testing';
import { appendToLog } from '../src/application/log-appender';
import { purgeLog } from '../src/application/log-purger';
import { LogSource } from '../src/application/log-source';
import { verifyWholeLog, type VerifyOptions, type VerifySummary } from '../src/application/log-verifier';
import { auditMigrations } from '../src/infrastructure/migrations';
import { pgSql, sqlOf } from '../src/infrastructure/sql-adapters';
import { caseScenario } from './case-scenario';
import { newCaseId } from './support';

/**
 * Issue 4 section 7: the sliced walk (readers on their own connections in an exported
 * snapshot, binary COPY, links checked in order afterwards) must report exactly what the page
 * walk reports, whatever was done to the log. Slices of 2 and 4 rows, with 1 and 3 readers,
 * put slice boundaries next to every kind of tampering, and make windows widen over removed
 * rows and be read on past their cap. (Under ts-jest the readers run in this thread;
 * the compiled CLI in cli.int.spec.ts runs them on worker threads.)
 */
describe('sliced verification walk', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let pg: Client;
  const start = '2024-03-07T10:00:00.000Z';
  const cases = (['warned', 'waived', 'no-duty', 'warned'] as const).map((path) => caseScenario({ caseId: newCaseId(), start, path }));
  const append = (events: ForewarnEvent[]) => ds.transaction((m) => appendToLog(sqlOf(m), events.map((e) => ({ raw: e, event: e })), { checkpointEvery: 5 }));
  type Row = Record<string, string | number | null>;
  const tamper = (sql: string, params: unknown[] = []) =>
    ds.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });

  const columns = ['position', 'event_id', 'case_id', 'case_seq', 'type', 'occurred_at', 'recorded_at', 'producer', 'actor', 'policy_version', 'causation_id', 'envelope', 'prev_hash', 'hash', 'purge_run_id'];
  const insertRow = (r: Row) =>
    tamper(`INSERT INTO case_log (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, columns.map((c) => r[c]));

  async function walk(opts: VerifyOptions): Promise<Omit<VerifySummary, 'elapsedMs'>> {
    await pg.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const { elapsedMs, ...summary } = await verifyWholeLog(new LogSource(pgSql(pg)), opts);
      void elapsedMs;
      return summary;
    } finally {
      await pg.query('ROLLBACK');
    }
  }
  /** Both walks; returns the sliced one's summary after checking it equals the page walk's. */
  async function bothWalks(opts: VerifyOptions = {}) {
    const paged = await walk({ ...opts, pageSize: 7 });
    const readers = { connectionString: db.url, options: '-c search_path=audit' };
    for (const [threads, sliceRows] of [[1, 2], [3, 4]]) expect(await walk({ ...opts, readers, threads, sliceRows })).toEqual(paged);
    return paged;
  }

  beforeAll(async () => {
    db = await createTestDatabase('audit_slices');
    ds = new DataSource(serviceDataSourceOptions({ url: db.serverUrl, database: db.name, schema: 'audit', migrations: auditMigrations }));
    await ds.initialize();
    for (const events of cases) await append(events);
    pg = new Client({ connectionString: db.url, options: '-c search_path=audit' });
    await pg.connect();
  });
  afterAll(async () => {
    await pg.end();
    await ds.destroy();
    await db.drop();
  });

  it('agrees on an intact log: every row, every decision', async () => {
    const s = await bothWalks();
    expect(s).toMatchObject({ eventsRead: 23, decisionsVerified: 9, mismatches: 0, chain: { status: 'INTACT', checked: 23 } });
  });

  it('agrees on altered content, a moved row, a rewritten hash and a wrong checkpoint', async () => {
    const [a, b, c, d] = [3, 4, 9, 10];
    const saved = (await ds.query(`SELECT position, case_id, envelope, hash FROM case_log WHERE position = ANY($1) ORDER BY position`, [[a, b, c, d]])) as { position: string; case_id: string; envelope: string; hash: string }[];
    await tamper(`UPDATE case_log SET envelope = envelope || ' ' WHERE position = $1`, [a]);
    await tamper(`UPDATE case_log SET case_id = 'another-case' WHERE position = $1`, [b]);
    await tamper(`UPDATE case_log SET hash = repeat('a', 64) WHERE position = $1`, [c]);
    await tamper(`UPDATE checkpoints SET hash = repeat('b', 64) WHERE position = $1`, [d]);
    const s = await bothWalks();
    expect(s.chain.status).toBe('BROKEN');
    expect(s.chain.breaks.map((x) => x.position)).toEqual(expect.arrayContaining([a, b, c, d]));
    for (const r of saved) await tamper(`UPDATE case_log SET case_id = $2, envelope = $3, hash = $4 WHERE position = $1`, [r.position, r.case_id, r.envelope, r.hash]);
    const [cp] = (await ds.query(`SELECT hash FROM case_log WHERE position = $1`, [d])) as { hash: string }[];
    await tamper(`UPDATE checkpoints SET hash = $2 WHERE position = $1`, [d, cp.hash]);
    expect((await bothWalks()).chain.status).toBe('INTACT');
  });

  it('agrees on removed rows (one, and a run wider than a slice) and rows inserted past the head, near and far', async () => {
    const gone = [6, 12, 13, 14, 15, 16, 17, 18, 19];
    const removed = (await ds.query(`SELECT * FROM case_log WHERE position = ANY($1) ORDER BY position`, [gone])) as Row[];
    await tamper(`DELETE FROM case_log WHERE position = ANY($1)`, [gone]);
    const [last] = (await ds.query(`SELECT * FROM case_log ORDER BY position DESC LIMIT 1`)) as Row[];
    for (const n of [1, 2, 3]) await insertRow({ ...last, position: String(Number(last.position) + n), event_id: `forged-near-${n}`, case_seq: 1000 + n, prev_hash: last.hash });
    await insertRow({ ...last, position: '9000000000000000000', event_id: 'forged-far', case_seq: 1009, prev_hash: last.hash });
    const s = await bothWalks();
    expect(s.chain.breaks.map((x) => x.kind)).toEqual(expect.arrayContaining(['REMOVED', 'INSERTED']));
    expect(s.eventsRead).toBe(23 - gone.length + 4);
    await tamper(`DELETE FROM case_log WHERE event_id LIKE 'forged-%'`);
    for (const r of removed) await insertRow(r);
    expect((await bothWalks()).chain.status).toBe('INTACT');
  });

  it('agrees on decisions a what-if policy would not have made, and on a purge and its digest', async () => {
    const whatIf = await bothWalks({ policyFor: (v) => ({ ...getPolicy(v), inScopeThreatTypes: ['KIDNAPPING'] }) });
    expect(whatIf.mismatches).toBeGreaterThan(0);
    await ds.transaction((m) => purgeLog(sqlOf(m), { before: new Date(Date.now() + 60_000).toISOString(), retentionDays: 0, runBy: 'test', dryRun: false, nowMs: Date.now() }));
    const purged = await bothWalks();
    expect(purged).toMatchObject({ purgedEntries: 23, decisionsVerified: 0, chain: { status: 'INTACT' } });
    await tamper(`UPDATE purge_runs SET digest = repeat('c', 64)`);
    expect((await bothWalks()).chain.firstBreak).toMatchObject({ kind: 'ALTERED', detail: expect.stringMatching(/purge run/) });
  });
});
