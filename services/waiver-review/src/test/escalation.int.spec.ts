import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { waitFor } from '@forewarn/testing';
import { CaseFlow, tokens, typesOf } from './case-flow';
import { KafkaProbe } from '@forewarn/service-testing';
import { hoursAfter } from '@forewarn/service-testing';
import { emitted, startService, type RunningService } from './service-harness';

jest.setTimeout(60_000);

/** An overdue review escalates to the arbiter once, stays open, and never lapses into silence. */
describe('waiver-review: deadlines and escalation', () => {
  let svc: RunningService;
  let flow: CaseFlow;
  const probe = new KafkaProbe();
  const escalations = (caseId: string) =>
    emitted(svc.dataSource, caseId, Topics.waiverReviewEvents).then((es) => es.filter((e) => e.type === 'WaiverReviewEscalated'));

  beforeAll(async () => {
    // The scanner runs often here, so the clock test below does not wait long.
    process.env.WAIVER_DEADLINE_SCAN_MS = '200';
    svc = await startService('escalation', probe);
    flow = new CaseFlow(svc, probe);
  });
  afterAll(async () => {
    delete process.env.WAIVER_DEADLINE_SCAN_MS;
    await probe.close();
    await svc?.close();
  });

  it('escalates an overdue review exactly once when operators run the scan twice at once and again', async () => {
    const { reported, review } = await flow.opened({ victimListedViolentActor: true });
    const caseId = reported.caseId;
    const asOf = hoursAfter(review.deadline, 1 / 60);

    const now = await flow.call('GET', '/v1/waiver-reviews/overdue', tokens.olga);
    expect(now.body.reviews.map((r: { caseId: string }) => r.caseId)).not.toContain(caseId);
    const then = await flow.call('GET', `/v1/waiver-reviews/overdue?asOf=${encodeURIComponent(asOf)}`, tokens.audrey);
    expect(then.body.reviews).toContainEqual(expect.objectContaining({ caseId, overdueBySeconds: 60, escalated: false, deadline: review.deadline }));

    expect((await flow.call('POST', '/v1/waiver-reviews/escalations', tokens.carol, { asOf })).status).toBe(403);
    // Without asOf the scan uses the clock: the review is not due yet, so nothing escalates.
    const today = await flow.call('POST', '/v1/waiver-reviews/escalations', tokens.olga);
    expect(today).toMatchObject({ status: 200, body: { asOf: expect.any(String) } });
    expect(today.body.escalated).not.toContain(caseId);
    const runs = await Promise.all([1, 2].map(() => flow.call('POST', '/v1/waiver-reviews/escalations', tokens.olga, { asOf })));
    const again = await flow.call('POST', '/v1/waiver-reviews/escalations', tokens.olga, { asOf });
    const escalatedIds = [...runs, again].flatMap((r) => (r.status === 200 ? r.body.escalated : [`HTTP ${r.status}`]));
    expect(escalatedIds.filter((id: string) => id === caseId)).toHaveLength(1);
    expect(again.body.escalated).not.toContain(caseId);

    const [mine] = await waitFor('the escalation, published', async () => ((await escalations(caseId)).length > 0 ? escalations(caseId) : undefined));
    const [escalated] = (await probe.onTopic(Topics.waiverReviewEvents, [mine.eventId])) as ForewarnEvent<'WaiverReviewEscalated'>[];
    expect(escalated).toMatchObject({
      actor: { kind: 'person', id: 'olga', roles: ['operator'] },
      correlationId: reported.correlationId,
      data: { reason: 'REVIEW_OVERDUE', deadline: review.deadline, escalatedTo: 'ARBITER', note: expect.stringContaining(asOf) },
    });
    // The event records when it really happened, not the drill's asOf.
    expect(new Date(escalated.occurredAt).getTime()).toBeLessThan(new Date(review.deadline).getTime());
    expect(await escalations(caseId)).toHaveLength(1);

    const board = await flow.call('GET', `/v1/waiver-reviews/overdue?asOf=${encodeURIComponent(asOf)}`, tokens.carol);
    expect(board.body.reviews).toContainEqual(expect.objectContaining({ caseId, escalated: true, escalatedAt: escalated.occurredAt }));
  });

  it('keeps an escalated review open: a senior reviewer can still decide it', async () => {
    const { reported, review } = await flow.opened({ victimListedViolentActor: true });
    const caseId = reported.caseId;
    await flow.call('POST', '/v1/waiver-reviews/escalations', tokens.olga, { asOf: hoursAfter(review.deadline, 1) });
    const { body } = await flow.call('POST', `/v1/cases/${caseId}/waiver-requests`, tokens.alice, { codes: ['VIOLENT_ACTOR'], justification: 'Listed.' });
    const decided = await flow.call('POST', `/v1/cases/${caseId}/waiver-requests/${body.requestId}/decision`, tokens.carol, { decision: 'DENY', note: 'Warn.' });
    expect(decided).toMatchObject({ status: 201, body: { review: { state: 'WARNING_AUTHORIZED', escalation: { by: 'olga' } } } });
    expect(typesOf(await flow.emitted(caseId, 5))).toEqual([
      'WaiverReviewOpened',
      'WaiverReviewEscalated',
      'WaiverRequested',
      'WaiverDenied',
      'WarningAuthorized',
    ]);
  });

  it('escalates by itself, as the service, once the clock passes the deadline', async () => {
    const { reported } = await flow.opened({ victimAlreadyAware: true });
    svc.clock.offsetMs = 25 * 3_600_000; // past the default 24-hour review period
    try {
      const [event] = await waitFor('the scanner to escalate', async () => ((await escalations(reported.caseId)).length > 0 ? escalations(reported.caseId) : undefined));
      expect(event).toMatchObject({ actor: { kind: 'service', id: expect.stringMatching(/^waiver-review@/) }, data: { reason: 'REVIEW_OVERDUE' } });
      await new Promise((r) => setTimeout(r, 1_000)); // five more scans
      expect(await escalations(reported.caseId)).toHaveLength(1);
    } finally {
      svc.clock.offsetMs = 0;
    }
  });
});
