import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/**
 * Issue 4 section 2 through HTTP. The scenarios happened half an hour ago; other services on
 * the shared broker may react to them now, so questions about "then" use asOf, and checks of
 * whole lists look for this file's own events.
 */
describe('auditor APIs', () => {
  let h: AuditHarness;
  const start = minutesFromNow(-30);
  const at = (minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();
  const waivedId = newCaseId();
  const warnedId = newCaseId();
  const waived = caseScenario({ caseId: waivedId, start, path: 'waived' });
  const warned = caseScenario({ caseId: warnedId, start, path: 'warned' });

  beforeAll(async () => {
    h = await startAudit('auditor_api');
    await h.publish([...waived, ...warned]);
    await h.logged(waived);
    await h.logged(warned);
  });
  afterAll(() => h.close());

  it('gives every event of a case in order, with who, when and why', async () => {
    const { status, body } = await h.get(`/v1/audit/cases/${waivedId}/events?order=occurred`);
    expect(status).toBe(200);
    const mine = body.events.filter((e: { eventId: string }) => waived.some((w) => w.eventId === e.eventId));
    expect(mine.map((e: { type: string }) => e.type)).toEqual(['ThreatReported', 'DutyDetermined', 'WaiverReviewOpened', 'WaiverRequested', 'WaiverApproved']);
    expect(mine[3]).toMatchObject({ actor: { id: 'alice' }, occurredAt: at(3), why: expect.stringMatching(/VIOLENT_ACTOR: The audience/) });
    expect(mine[4]).toMatchObject({ actor: { id: 'bob' }, why: expect.stringMatching(/requested by alice approved/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(mine[1]).toMatchObject({ policyVersion: 'icd191-2015.1', why: expect.stringMatching(/^DUTY under icd191-2015.1/) });
    expect((await h.get(`/v1/audit/cases/${newCaseId()}/events`)).status).toBe(404);
  });

  it('folds the state of a case before and after the waiver approval, by time and by log position', async () => {
    const before = await h.get(`/v1/audit/cases/${waivedId}/state?asOf=${at(3.5)}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ asOf: at(3.5), eventsApplied: 4, state: { status: 'WAIVER_REQUESTED', waiverRequests: [{ by: 'alice', decision: null }] } });
    const after = await h.get(`/v1/audit/cases/${waivedId}/state?asOf=${at(4.5)}`);
    expect(after.body).toMatchObject({ eventsApplied: 5, state: { status: 'WAIVED', waiverRequests: [{ decision: { outcome: 'APPROVED', by: 'bob' } }] } });

    const positions = (await h.get(`/v1/audit/cases/${waivedId}/events`)).body.events;
    const positionOf = (eventId: string) => positions.find((e: { eventId: string }) => e.eventId === eventId).position;
    const byRequest = await h.get(`/v1/audit/cases/${waivedId}/state?asOf=${positionOf(waived[3].eventId)}`);
    expect(byRequest.body.state.status).toBe('WAIVER_REQUESTED');
    const byApproval = await h.get(`/v1/audit/cases/${waivedId}/state?asOf=${positionOf(waived[4].eventId)}`);
    expect(byApproval.body.state.status).toBe('WAIVED');
    expect((await h.get(`/v1/audit/cases/${waivedId}/state?asOf=last-tuesday`)).body).toMatchObject({ statusCode: 400, code: 'AUDIT.INVALID_AS_OF' });
  });

  it("reports the auditor's answers: awareness, duty, waiver grounds, requester and approver", async () => {
    const { body } = await h.get(`/v1/audit/cases/${waivedId}/report?asOf=${at(10)}`);
    expect(body.firstAwareness).toMatchObject({ at: start, from: { sourceAgency: 'NCTC', reportId: expect.any(String) }, via: 'KAFKA' });
    expect(body).toMatchObject({ dutyConsidered: true, duty: { outcome: 'DUTY', policyVersion: 'icd191-2015.1' }, warned: false });
    expect(body.waiver).toMatchObject({ waived: true, requestedBy: 'alice', approvedBy: 'bob', grounds: [{ code: 'VIOLENT_ACTOR', ground: expect.stringMatching(/terrorist/) }] });
  });

  it("reports a warning's channel, text, time and acknowledgement", async () => {
    const { body } = await h.get(`/v1/audit/cases/${warnedId}/report?asOf=${at(10)}`);
    expect(body).toMatchObject({ warned: true, status: 'ACKNOWLEDGED' });
    expect(body.warning).toMatchObject({ channel: 'LIAISON', dispatchedAt: at(5), deliveredAt: at(6), acknowledgement: { at: at(7), by: 'FSB duty officer', via: 'KAFKA' } });
    expect(body.warning.text).toMatch(/Federal Security Service/);
    expect(body.warning.text).not.toMatch(/ASSET CARDINAL|TOP SECRET/);
  });

  it('re-runs each automated decision with its recorded policy version: all match', async () => {
    const { status, body } = await h.get(`/v1/audit/cases/${warnedId}/verification`);
    expect(status).toBe(200);
    const mine = body.decisions.filter((d: { eventId: string }) => warned.some((w) => w.eventId === d.eventId));
    // Log order across topics is the order they were read in; compare as a set.
    expect(mine.map((d: { decision: string }) => d.decision).sort()).toEqual(['DELIVERY_PLAN', 'DUTY', 'WAIVER_PROPOSAL']);
    for (const d of mine) expect(d).toMatchObject({ match: true, diff: [], policyVersion: 'icd191-2015.1' });
    expect(body.chain).toMatchObject({ status: 'INTACT', breakCount: 0 });
  });

  it('exports one bundle with events, hashes, verification and report, sealed by its own hash', async () => {
    const { body } = await h.get(`/v1/audit/cases/${warnedId}/export`);
    expect(body).toMatchObject({ format: 'forewarn.audit.case-export/1', caseId: warnedId, verification: { chain: { status: 'INTACT' } }, report: { warned: true } });
    expect(body.events.length).toBeGreaterThanOrEqual(warned.length);
    for (const e of body.events) expect(e).toEqual(expect.objectContaining({ hash: expect.any(String), prevHash: expect.any(String) }));
    const { bundleSha256, ...bundle } = body;
    expect(createHash('sha256').update(canonicalize(bundle)!).digest('hex')).toBe(bundleSha256);
  });

  it('lists cases with their current state for the consoles, filtered by status', async () => {
    const all = (await h.get('/v1/audit/cases?limit=500')).body.cases;
    const mine = all.find((c: { caseId: string }) => c.caseId === warnedId);
    expect(mine).toMatchObject({ caseId: warnedId, warned: true, duty: { outcome: 'DUTY' }, firstAwareness: { sourceAgency: 'NCTC' }, legalHold: false });
    const filtered = (await h.get(`/v1/audit/cases?status=${mine.status}&limit=500`)).body.cases;
    expect(filtered.map((c: { caseId: string }) => c.caseId)).toContain(warnedId);
    expect(filtered.every((c: { status: string }) => c.status === mine.status)).toBe(true);
    expect((await h.get('/v1/audit/cases?status=BOGUS')).status).toBe(400);
  });

  it('places and lifts a legal hold, records both, and refuses the other roles', async () => {
    const path = `/v1/audit/cases/${waivedId}/legal-hold`;
    expect((await h.send('POST', path, { reason: 'litigation hold 2026-17' })).status).toBe(201);
    expect((await h.send('POST', path, { reason: 'again' })).status).toBe(409);
    expect((await h.send('POST', path, { reason: 'x' }, ['operator'])).status).toBe(403);
    expect((await h.get('/v1/audit/cases?limit=500')).body.cases.find((c: { caseId: string }) => c.caseId === waivedId).legalHold).toBe(true);
    expect((await h.send('DELETE', path, { reason: 'case closed' })).status).toBe(200);
    expect((await h.send('DELETE', path, {})).status).toBe(404);
    const { body } = await h.get(path);
    expect(body).toMatchObject({ onHold: false, history: [{ action: 'PLACED', reason: 'litigation hold 2026-17' }, { action: 'LIFTED', reason: 'case closed' }] });
    expect(body.history[0].actor).toMatchObject({ kind: 'person', roles: ['auditor'] });
  });

  it('has no route that deletes log records', async () => {
    expect((await h.send('DELETE', `/v1/audit/cases/${warnedId}/events`)).status).toBe(404);
    expect((await h.send('DELETE', `/v1/audit/cases/${warnedId}`)).status).toBe(404);
    const [{ n }] = (await h.pg.query(`SELECT count(*)::int AS n FROM case_log WHERE case_id = $1 AND envelope IS NOT NULL`, [warnedId])).rows;
    expect(n).toBeGreaterThanOrEqual(warned.length);
  });
});
