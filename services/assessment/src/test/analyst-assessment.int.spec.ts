import { randomUUID } from 'node:crypto';
import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { waitFor } from '@forewarn/testing';
import { KafkaProbe } from '@forewarn/service-testing';
import { makeReport, threatReported } from '@forewarn/service-testing';
import { emitted, http, startService, tokenFor, type RunningService } from './service-harness';

jest.setTimeout(60_000);

/** A case the rule cannot decide waits for an analyst; the analyst's POST decides it, over HTTP with real tokens. */
describe('assessment: cases waiting for an analyst', () => {
  let svc: RunningService;
  const probe = new KafkaProbe();
  const alice = tokenFor('alice', ['analyst']);
  const auditor = tokenFor('audrey', ['auditor']);
  const submitter = tokenFor('sam', ['agency-submitter'], 'partner-agency');
  const call = (method: string, path: string, token?: string, body?: unknown) => http(svc.url, method, path, token, body);
  const credible = { credibility: 'CREDIBLE', specific: true, notes: 'Corroborated by a second source.' };
  let waiting: ForewarnEvent<'ThreatReported'>;

  beforeAll(async () => {
    svc = await startService('analyst', probe);
    waiting = threatReported(makeReport(new Date().toISOString(), (r) => (r.threat.credibility = 'UNDETERMINED')));
    await probe.produce(Topics.intakeEvents, waiting);
    await waitFor('the case to wait for an analyst', async () => (await call('GET', `/v1/cases/${waiting.caseId}/assessment`, alice)).status === 200);
  });
  afterAll(async () => {
    await probe.close();
    await svc?.close();
  });

  it('puts the undetermined case on the analysts\' worklist, with why it waits', async () => {
    const view = await call('GET', `/v1/cases/${waiting.caseId}/assessment`, auditor);
    expect(view.body).toMatchObject({ state: 'NEEDS_ANALYST', outcome: 'NEEDS_ANALYST', reasons: [{ code: 'DUTY.CREDIBILITY_UNDETERMINED' }] });
    const list = await call('GET', '/v1/cases?state=NEEDS_ANALYST', alice);
    expect(list.status).toBe(200);
    expect(list.body.cases).toContainEqual(
      expect.objectContaining({ caseId: waiting.caseId, state: 'NEEDS_ANALYST', threat: expect.objectContaining({ type: 'INTENTIONAL_KILLING' }) }),
    );
  });

  it('refuses callers without a token (401) and without the role (403)', async () => {
    expect((await call('GET', '/v1/cases')).status).toBe(401);
    expect((await call('POST', `/v1/cases/${waiting.caseId}/assessment`, 'not-a-token', credible)).status).toBe(401);
    expect((await call('POST', `/v1/cases/${waiting.caseId}/assessment`, auditor, credible)).status).toBe(403);
    expect((await call('GET', '/v1/cases', submitter)).status).toBe(403);
    expect((await call('GET', `/v1/cases/${waiting.caseId}/assessment`, submitter)).status).toBe(403);
  });

  it('rejects a malformed assessment or case id with 400 and an unknown case with 404', async () => {
    const bad = await call('POST', `/v1/cases/${waiting.caseId}/assessment`, alice, { credibility: 'MAYBE', specific: 'yes', notes: 'x'.repeat(4001) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['credibility', 'notes', 'specific']);
    const malformed = await call('POST', '/v1/cases/no-such-case/assessment', alice, credible);
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'caseId', messages: ['caseId must be a UUID'] }] } });
    const unknown = await call('POST', `/v1/cases/${randomUUID()}/assessment`, alice, credible);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'ASSESSMENT.CASE_NOT_FOUND' } });
  });

  it('records the analyst\'s assessment and decides DUTY with it, with the analyst as actor', async () => {
    const response = await call('POST', `/v1/cases/${waiting.caseId}/assessment`, alice, credible);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ state: 'DUTY', outcome: 'DUTY', decidedBy: 'POLICY_WITH_ANALYST', assessment: { by: 'alice' } });

    const mine = await waitFor('the analyst step on the outbox, published', async () => {
      const events = await emitted(svc.dataSource, waiting.caseId, Topics.assessmentEvents);
      return events.length === 3 ? events : undefined;
    });
    const [first, recorded, duty] = await probe.onTopic(Topics.assessmentEvents, mine.map((e) => e.eventId));
    expect(first).toMatchObject({ type: 'DutyDetermined', data: { outcome: 'NEEDS_ANALYST' } });
    expect(recorded).toMatchObject({
      type: 'AnalystAssessmentRecorded',
      actor: { kind: 'person', id: 'alice', organisation: 'NCTC', roles: ['analyst'] },
      causationId: first.eventId,
      correlationId: waiting.correlationId,
      data: { assessment: credible },
    });
    expect(duty).toMatchObject({
      type: 'DutyDetermined',
      actor: { kind: 'person', id: 'alice' },
      causationId: recorded.eventId,
      policyVersion: expect.any(String),
      data: { outcome: 'DUTY', decidedBy: 'POLICY_WITH_ANALYST', facts: { analyst: { credibility: 'CREDIBLE', specific: true } } },
    });
  });

  it('refuses a second assessment with 409 ASSESSMENT.NOT_AWAITING_ANALYST and takes the case off the worklist', async () => {
    const again = await call('POST', `/v1/cases/${waiting.caseId}/assessment`, alice, { ...credible, credibility: 'NOT_CREDIBLE' });
    expect(again).toMatchObject({ status: 409, body: { code: 'ASSESSMENT.NOT_AWAITING_ANALYST' } });
    const list = await call('GET', '/v1/cases', alice);
    expect(list.body.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(waiting.caseId);
  });
});
