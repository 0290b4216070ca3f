import { entryHash, GENESIS_HASH } from '../src/domain/chain-hash';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/** Issue 4 section 1: the log, against the real broker and database. */
describe('the case log', () => {
  let h: AuditHarness;
  beforeAll(async () => (h = await startAudit('case_log')));
  afterAll(() => h.close());

  it('stores an event delivered twice by Kafka once, with per-case order and a verifiable hash chain', async () => {
    const caseId = newCaseId();
    const events = caseScenario({ caseId, start: minutesFromNow(-30), path: 'warned' });
    await h.publish([events[0], events[0], ...events.slice(1)]); // the first one twice in a row
    await h.logged(events);
    await h.publish([events[0], events[3]]); // and again, long after it was stored
    const sentinel = caseScenario({ caseId: newCaseId(), start: minutesFromNow(-30), path: 'no-duty' });
    await h.publish(sentinel);
    await h.logged(sentinel);

    // Other services on the shared broker may add their own events to this case: look at ours.
    const all = (await h.pg.query(`SELECT * FROM case_log WHERE case_id = $1 ORDER BY position`, [caseId])).rows;
    expect(all.map((r) => r.case_seq)).toEqual(all.map((_, i) => i + 1));
    const rows = all.filter((r) => events.some((e) => e.eventId === r.event_id));
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.eventId).sort());
    // Kafka orders a case within a topic only; the log keeps each topic's order.
    for (const topicEvents of [events.slice(2, 4), events.slice(4)]) {
      const logged = rows.map((r) => r.event_id).filter((id) => topicEvents.some((e) => e.eventId === id));
      expect(logged).toEqual(topicEvents.map((e) => e.eventId));
    }
    for (const r of rows) {
      expect(entryHash({ position: Number(r.position), eventId: r.event_id, caseSeq: r.case_seq, envelopeText: r.envelope, prevHash: r.prev_hash })).toBe(r.hash);
      const [prev] = (await h.pg.query(`SELECT hash FROM case_log WHERE position = $1`, [Number(r.position) - 1])).rows;
      expect(r.prev_hash).toBe(prev?.hash ?? GENESIS_HASH);
    }
    expect(rows.find((r) => r.event_id === events[1].eventId)).toMatchObject({ type: 'DutyDetermined', policy_version: 'icd191-2015.1', actor: 'assessment@0.1.0', producer: 'assessment@0.1.0' });
  });

  it('is append-only in Postgres: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const refused = (sql: string) => h.pg.query(sql).then(() => 'allowed', (err: { code: string }) => err.code);
    expect(await refused(`UPDATE case_log SET envelope = '{}' WHERE position = 1`)).toBe('42501');
    expect(await refused(`UPDATE case_log SET envelope = NULL, purge_run_id = 1 WHERE position = 1`)).toBe('42501'); // no purge flag
    expect(await refused(`DELETE FROM case_log WHERE position = 1`)).toBe('42501');
    expect(await refused(`TRUNCATE case_log`)).toBe('42501');
    expect(await refused(`TRUNCATE checkpoints`)).toBe('42501');
  });

  it('writes a checkpoint every AUDIT_CHECKPOINT_EVERY entries (default 1000)', async () => {
    const [{ head }] = (await h.pg.query(`SELECT position AS head FROM chain_head`)).rows;
    const checkpoints = (await h.pg.query(`SELECT c.position, c.hash = l.hash AS same FROM checkpoints c JOIN case_log l USING (position)`)).rows;
    expect(checkpoints).toHaveLength(Math.floor(Number(head) / 1000));
    expect(checkpoints.every((c) => c.same)).toBe(true);
  });

  it('records a missing cause and a skipped step, shows them, and closes both when the event arrives', async () => {
    const caseId = newCaseId();
    const [reported, duty] = caseScenario({ caseId, start: minutesFromNow(-30), path: 'no-duty' });
    await h.publish([duty]);
    await h.logged([duty]);
    const open = await h.get('/v1/audit/gaps?status=open&limit=1000');
    expect(open.status).toBe(200);
    const mine = open.body.filter((g: { caseId: string }) => g.caseId === caseId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'MISSING_CAUSE', expected: reported.eventId, eventId: duty.eventId, status: 'PENDING' }),
        expect.objectContaining({ kind: 'MISSING_PREDECESSOR', expected: 'ThreatReported', eventId: duty.eventId, status: 'PENDING' }),
      ]),
    );
    await h.publish([reported]);
    await h.logged([reported]);
    const history = await h.get(`/v1/audit/cases/${caseId}/events`);
    expect(history.body.gaps).toHaveLength(2);
    for (const g of history.body.gaps) expect(g).toMatchObject({ status: 'RESOLVED', resolvedBy: { eventId: reported.eventId } });
  });

  it('refuses callers without a token (401) or without the auditor role (403)', async () => {
    expect((await fetch(`${h.url}/v1/audit/integrity`)).status).toBe(401);
    expect((await h.get('/v1/audit/integrity', ['operator'])).status).toBe(403);
    expect((await h.get('/v1/audit/cases', ['analyst'])).status).toBe(403);
  });
});
