import type { Client } from 'pg';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/** Tampering "directly in Postgres", as a superuser would: triggers off for the session. */
async function asSuperuser<T>(pg: Client, work: () => Promise<T>): Promise<T> {
  await pg.query('SET session_replication_role = replica');
  try {
    return await work();
  } finally {
    await pg.query('SET session_replication_role = DEFAULT');
  }
}

/** Issue 4 section 6: the integrity check names an altered and a removed row. */
describe('integrity of the chain', () => {
  let h: AuditHarness;
  const caseId = newCaseId();
  const events = caseScenario({ caseId, start: minutesFromNow(-30), path: 'warned' });
  let target: { position: number; row: Record<string, unknown> };

  beforeAll(async () => {
    h = await startAudit('integrity');
    await h.publish(events);
    await h.logged(events);
    const [row] = (await h.pg.query(`SELECT * FROM case_log WHERE event_id = $1`, [events[1].eventId])).rows;
    target = { position: Number(row.position), row };
  });
  afterAll(() => h.close());

  const integrity = async () => (await h.get('/v1/audit/integrity')).body;
  const restore = () =>
    asSuperuser(h.pg, async () => {
      const r = target.row;
      await h.pg.query(`DELETE FROM case_log WHERE position = $1`, [target.position]);
      await h.pg.query(
        `INSERT INTO case_log (position, event_id, case_id, case_seq, type, occurred_at, recorded_at, producer, actor, policy_version, causation_id, envelope, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [r.position, r.event_id, r.case_id, r.case_seq, r.type, r.occurred_at, r.recorded_at, r.producer, r.actor, r.policy_version, r.causation_id, r.envelope, r.prev_hash, r.hash],
      );
    });

  it('is intact as written', async () => {
    expect(await integrity()).toMatchObject({ status: 'INTACT', breakCount: 0, firstBreak: null });
  });

  it('names a row whose content was altered', async () => {
    await asSuperuser(h.pg, () => h.pg.query(`UPDATE case_log SET envelope = replace(envelope, '"outcome":"DUTY"', '"outcome":"NO_DUTY"') WHERE position = $1`, [target.position]));
    const report = await integrity();
    expect(report).toMatchObject({ status: 'BROKEN', firstBreak: { position: target.position, kind: 'ALTERED' } });
    expect(report.firstBreak.detail).toMatch(/content does not match its stored hash/);
    const forCase = (await h.get(`/v1/audit/cases/${caseId}/verification`)).body;
    expect(forCase.chain).toMatchObject({ status: 'BROKEN', firstBreak: { position: target.position, kind: 'ALTERED' } });
    await restore();
    expect(await integrity()).toMatchObject({ status: 'INTACT' });
  });

  it('names a row that was moved to another case', async () => {
    await asSuperuser(h.pg, () => h.pg.query(`UPDATE case_log SET case_id = 'another-case' WHERE position = $1`, [target.position]));
    expect((await integrity()).firstBreak).toMatchObject({ position: target.position, kind: 'ALTERED', detail: expect.stringMatching(/case_id/) });
    await restore();
  });

  it('names a row that was removed', async () => {
    await asSuperuser(h.pg, () => h.pg.query(`DELETE FROM case_log WHERE position = $1`, [target.position]));
    const report = await integrity();
    expect(report).toMatchObject({ status: 'BROKEN', breakCount: 1, firstBreak: { position: target.position, kind: 'REMOVED' } });
    const forCase = (await h.get(`/v1/audit/cases/${caseId}/verification`)).body;
    expect(forCase.chain.status).toBe('BROKEN');
    await restore();
    expect(await integrity()).toMatchObject({ status: 'INTACT' });
  });
});
