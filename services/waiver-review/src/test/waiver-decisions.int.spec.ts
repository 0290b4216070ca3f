import { partnerTopic, Topics, type ForewarnEvent, type PartnerCaseStatus } from '@forewarn/contracts';
import { CaseFlow, tokens, typesOf } from './case-flow';
import { KafkaProbe } from '@forewarn/service-testing';
import { startService, type RunningService } from './service-harness';

jest.setTimeout(60_000);

/** People's steps on open reviews, over HTTP with real tokens; what they emit, on the real topic. */
describe('waiver-review: requests, four eyes, legal concurrence', () => {
  let svc: RunningService;
  let flow: CaseFlow;
  const probe = new KafkaProbe();
  const requests = (caseId: string) => `/v1/cases/${caseId}/waiver-requests`;

  beforeAll(async () => {
    svc = await startService('decisions', probe);
    flow = new CaseFlow(svc, probe);
  });
  afterAll(async () => {
    await probe.close();
    await svc?.close();
  });

  it('proposes VIOLENT_ACTOR, refuses self-approval with 403 WAIVER.SELF_APPROVAL, and waives on another senior reviewer\'s approval', async () => {
    const { reported, review } = await flow.opened({ victimListedViolentActor: true });
    const caseId = reported.caseId;
    expect(review.proposals).toEqual([{ code: 'VIOLENT_ACTOR', indicator: 'victimListedViolentActor' }]);
    const worklist = await flow.call('GET', '/v1/waiver-reviews?state=OPEN', tokens.carol);
    expect(worklist.body.reviews).toContainEqual(expect.objectContaining({ caseId, deadline: review.deadline, overdue: false }));

    const requested = await flow.call('POST', requests(caseId), tokens.sam, { codes: ['VIOLENT_ACTOR'], justification: 'Target is a listed assassin.' });
    expect(requested.status).toBe(201);
    const { requestId } = requested.body;
    expect(await flow.call('POST', requests(caseId), tokens.alice, { codes: ['ALREADY_AWARE'], justification: 'x' })).toMatchObject({
      status: 409,
      body: { code: 'WAIVER.REQUEST_PENDING' },
    });

    const self = await flow.call('POST', `${requests(caseId)}/${requestId}/decision`, tokens.sam, { decision: 'APPROVE', note: 'mine' });
    expect(self).toMatchObject({ status: 403, body: { code: 'WAIVER.SELF_APPROVAL', message: expect.stringContaining('person who requested it (sam)') } });
    expect((await flow.call('POST', `${requests(caseId)}/${requestId}/decision`, tokens.alice, { decision: 'APPROVE', note: '' })).status).toBe(403);

    const approved = await flow.call('POST', `${requests(caseId)}/${requestId}/decision`, tokens.carol, { decision: 'APPROVE', note: 'Agreed.' });
    expect(approved).toMatchObject({ status: 201, body: { review: { state: 'WAIVED', decision: { outcome: 'WAIVED', by: 'carol' } } } });

    const mine = await flow.emitted(caseId, 3);
    const [, request, approval] = await probe.onTopic(Topics.waiverReviewEvents, mine.map((e) => e.eventId));
    expect(typesOf(mine)).toEqual(['WaiverReviewOpened', 'WaiverRequested', 'WaiverApproved']);
    expect(request).toMatchObject({ actor: { kind: 'person', id: 'sam' }, data: { requestId, codes: ['VIOLENT_ACTOR'], legalConcurrenceRequired: false } });
    expect(approval).toMatchObject({ actor: { kind: 'person', id: 'carol' }, causationId: request.eventId, data: { requestId, requestedBy: 'sam' } });
    await probe.partnerMessage<PartnerCaseStatus>(partnerTopic('NCTC', 'case-status'), caseId, (s) => s.status === 'WAIVED');
    expect(await flow.call('POST', requests(caseId), tokens.alice, { codes: ['ALREADY_AWARE'], justification: 'x' })).toMatchObject({
      status: 409,
      body: { code: 'WAIVER.ALREADY_DECIDED' },
    });
  });

  it('refuses to approve ENDANGERS_SOURCES without legal concurrence, and approves it with', async () => {
    const { reported } = await flow.opened({ warningEndangersSources: true });
    const caseId = reported.caseId;
    const requested = await flow.call('POST', requests(caseId), tokens.alice, { codes: ['ENDANGERS_SOURCES'], justification: 'Would expose a source.' });
    const { requestId } = requested.body;
    expect(requested.body.review.requests[0]).toMatchObject({ legalConcurrenceRequired: true, requestedBy: 'alice' });

    const early = await flow.call('POST', `${requests(caseId)}/${requestId}/decision`, tokens.carol, { decision: 'APPROVE', note: '' });
    expect(early).toMatchObject({ status: 409, body: { code: 'WAIVER.LEGAL_CONCURRENCE_REQUIRED' } });
    expect((await flow.call('POST', `${requests(caseId)}/${requestId}/legal-concurrence`, tokens.carol, { concurs: true, note: '' })).status).toBe(403);
    const concurred = await flow.call('POST', `${requests(caseId)}/${requestId}/legal-concurrence`, tokens.lee, { concurs: true, note: 'Lawful.' });
    expect(concurred.status).toBe(201);
    const approved = await flow.call('POST', `${requests(caseId)}/${requestId}/decision`, tokens.carol, { decision: 'APPROVE', note: 'With legal.' });
    expect(approved).toMatchObject({ status: 201, body: { review: { state: 'WAIVED' } } });

    const mine = await flow.emitted(caseId, 4);
    expect(typesOf(mine)).toEqual(['WaiverReviewOpened', 'WaiverRequested', 'LegalConcurrenceRecorded', 'WaiverApproved']);
    expect(mine[2]).toMatchObject({ actor: { id: 'lee' }, data: { requestId, concurs: true } });
  });

  it('authorizes the warning on LEGAL_NONCONCURRENCE when the legal reviewer does not concur', async () => {
    const { reported } = await flow.opened({ warningEndangersSources: true });
    const { body } = await flow.call('POST', requests(reported.caseId), tokens.alice, { codes: ['ENDANGERS_SOURCES'], justification: 'Source risk.' });
    const refused = await flow.call('POST', `${requests(reported.caseId)}/${body.requestId}/legal-concurrence`, tokens.lee, { concurs: false, note: 'No.' });
    expect(refused).toMatchObject({ status: 201, body: { review: { state: 'WARNING_AUTHORIZED', decision: { basis: 'LEGAL_NONCONCURRENCE' } } } });
    expect(typesOf(await flow.emitted(reported.caseId, 4)).slice(2)).toEqual(['LegalConcurrenceRecorded', 'WarningAuthorized']);
  });

  it('on a denial emits WaiverDenied and then WarningAuthorized WAIVER_DENIED, in one transaction', async () => {
    const { reported } = await flow.opened({ victimListedViolentActor: true });
    const { body } = await flow.call('POST', requests(reported.caseId), tokens.alice, { codes: ['VIOLENT_ACTOR'], justification: 'Listed.' });
    const denied = await flow.call('POST', `${requests(reported.caseId)}/${body.requestId}/decision`, tokens.carol, { decision: 'DENY', note: 'Not proven.' });
    expect(denied).toMatchObject({ status: 201, body: { review: { state: 'WARNING_AUTHORIZED' } } });

    const mine = await flow.emitted(reported.caseId, 4);
    const [, , denial, warning] = (await probe.onTopic(Topics.waiverReviewEvents, mine.map((e) => e.eventId))) as ForewarnEvent[];
    expect(denial).toMatchObject({ type: 'WaiverDenied', actor: { id: 'carol' }, data: { requestedBy: 'alice', reason: 'Not proven.' } });
    expect(warning).toMatchObject({ type: 'WarningAuthorized', actor: { id: 'carol' }, causationId: denial.eventId, data: { basis: 'WAIVER_DENIED' } });
    const [{ n }] = await svc.dataSource.query(`SELECT count(DISTINCT created_at)::int AS n FROM outbox WHERE message_id = ANY($1)`, [[denial.eventId, warning.eventId]]);
    expect(n).toBe(1); // one transaction: one now()
  });

  it('answers 422 with the policy\'s code for a request the rules refuse', async () => {
    const { reported } = await flow.opened({ victimAlreadyAware: true });
    expect(await flow.call('POST', requests(reported.caseId), tokens.alice, { codes: ['BECAUSE'], justification: 'x' })).toMatchObject({
      status: 422,
      body: { code: 'WAIVER.UNKNOWN_CODE' },
    });
    expect(await flow.call('POST', requests(reported.caseId), tokens.alice, { codes: ['ALREADY_AWARE'], justification: ' ' })).toMatchObject({
      status: 422,
      body: { code: 'WAIVER.JUSTIFICATION_REQUIRED' },
    });
  });
});
