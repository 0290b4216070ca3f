import { rebuildCaseProjection } from '../src/application/projection-rebuilder';
import { pgSql } from '../src/infrastructure/sql-adapters';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/** Issue 4 section 4: the audit read model is dropped and rebuilt from the log, identical. */
describe('rebuilding the case read model', () => {
  let h: AuditHarness;
  const cases = (['warned', 'waived', 'no-duty'] as const).map((path) => caseScenario({ caseId: newCaseId(), start: minutesFromNow(-30), path }));

  beforeAll(async () => {
    h = await startAudit('rebuild');
    await h.publish(cases.flat());
    for (const events of cases) await h.logged(events);
  });
  afterAll(() => h.close());

  const snapshot = async () => (await h.pg.query(`SELECT * FROM case_projection ORDER BY case_id`)).rows;

  it('ends identical to the live table, with the live service still appending', async () => {
    // Holding the chain head keeps the live consumer from appending between the two snapshots.
    await h.pg.query('BEGIN');
    await h.pg.query('SELECT 1 FROM chain_head FOR UPDATE');
    const live = await snapshot();
    expect(live.length).toBeGreaterThanOrEqual(cases.length);
    await h.pg.query('DROP TABLE case_projection');
    expect((await h.pg.query(`SELECT to_regclass('case_projection') AS t`)).rows[0].t).toBeNull();
    const result = await rebuildCaseProjection(pgSql(h.pg), 7); // a small page, so cases span pages
    const rebuilt = await snapshot();
    await h.pg.query('COMMIT');

    expect(result.cases).toBe(live.length);
    expect(rebuilt).toEqual(live);
    const warned = rebuilt.find((r) => r.case_id === cases[0][0].caseId);
    expect(warned.state.dispatches[0].channel).toBe('LIAISON');
  });

  it('keeps serving the live path after the rebuild', async () => {
    const events = caseScenario({ caseId: newCaseId(), start: minutesFromNow(-10), path: 'no-duty' });
    await h.publish(events);
    await h.logged(events);
    const [row] = (await h.pg.query(`SELECT status, event_count FROM case_projection WHERE case_id = $1`, [events[0].caseId])).rows;
    // Other services may already have added their own events to the new case.
    expect(row.event_count).toBeGreaterThanOrEqual(events.length);
    expect(row.status).not.toBe('UNKNOWN');
  });
});
