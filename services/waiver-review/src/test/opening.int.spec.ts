import { randomUUID } from 'node:crypto';
import { partnerTopic, Topics, type ForewarnEvent, type PartnerCaseStatus } from '@forewarn/contracts';
import { CaseFlow, tokens, typesOf } from './case-flow';
import { KafkaProbe } from '@forewarn/service-testing';
import { makeReport, threatReported } from '@forewarn/service-testing';
import { startService, tokenFor, type RunningService } from './service-harness';

jest.setTimeout(60_000);

/** A DUTY and its report, over two real Kafka topics in either order, open the review. */
describe('waiver-review: opening a review', () => {
  let svc: RunningService;
  let flow: CaseFlow;
  const probe = new KafkaProbe();
  const dutiesGroup = () => `${svc.groupPrefix}waiver-review.duty-determinations`;

  beforeAll(async () => {
    svc = await startService('opening', probe);
    flow = new CaseFlow(svc, probe);
  });
  afterAll(async () => {
    await probe.close();
    await svc?.close();
  });

  it('opens the review and authorizes the warning at once when a DUTY has no waiver indicated', async () => {
    const { reported } = await flow.opened({}, 'WARNING_AUTHORIZED');
    const mine = await flow.emitted(reported.caseId, 2);
    const [opened, warning] = (await probe.onTopic(Topics.waiverReviewEvents, mine.map((e) => e.eventId))) as [
      ForewarnEvent<'WaiverReviewOpened'>,
      ForewarnEvent<'WarningAuthorized'>,
    ];
    // The cause is the DUTY that completed the pair: ours, or an assessment instance's running
    // elsewhere on the shared topics that decided the same report first.
    const [cause] = await probe.onTopic(Topics.assessmentEvents, [opened.causationId!]);
    expect(cause).toMatchObject({ type: 'DutyDetermined', caseId: reported.caseId, data: { outcome: 'DUTY' } });
    expect(opened).toMatchObject({
      type: 'WaiverReviewOpened',
      correlationId: reported.correlationId,
      policyVersion: 'icd191-2015.1',
      actor: { kind: 'service', id: expect.stringMatching(/^waiver-review@/) },
      data: { proposals: [], deadline: expect.any(String), facts: { indicators: { victimListedViolentActor: false } } },
    });
    expect(warning).toMatchObject({
      type: 'WarningAuthorized',
      causationId: opened.eventId,
      data: { basis: 'NO_WAIVER_PROPOSED', source: { reportId: reported.data.report.reportId }, threat: { type: 'INTENTIONAL_KILLING' } },
    });
    // The warning's facts are releasable: none of the report's sources or methods.
    expect(JSON.stringify(warning.data)).not.toMatch(/ASSET CARDINAL|intercept|NOFORN/);

    const statuses = ['UNDER_REVIEW', 'WARNING_AUTHORIZED'];
    for (const status of statuses) {
      const message = await probe.partnerMessage<PartnerCaseStatus>(partnerTopic('NCTC', 'case-status'), reported.caseId, (s) => s.status === status);
      expect(message).toMatchObject({ caseId: reported.caseId, sourceAgency: 'NCTC', reportId: reported.data.report.reportId });
    }
  });

  it('records a DUTY (even delivered twice) that arrives before its report, and authorizes the warning once when the report comes', async () => {
    const reported = threatReported(makeReport(new Date().toISOString()));
    const { determined } = await flow.duty(reported, 'DUTY');
    // Redelivered, and re-determined under another eventId: still one review, opened once.
    await probe.produce(Topics.assessmentEvents, determined);
    const at = await probe.produce(Topics.assessmentEvents, { ...determined, eventId: `${determined.eventId}-again` });
    await probe.consumed(dutiesGroup(), Topics.assessmentEvents, at);
    expect(await flow.review(reported.caseId, 'PENDING')).toMatchObject({ reportReceived: false, dutyOutcome: 'DUTY' });

    await probe.produce(Topics.intakeEvents, reported);
    const review = await flow.review(reported.caseId, 'WARNING_AUTHORIZED');
    expect(review).toMatchObject({ decision: { outcome: 'WARNING_AUTHORIZED', basis: 'NO_WAIVER_PROPOSED' } });
    expect(typesOf(await flow.emitted(reported.caseId, 2))).toEqual(['WaiverReviewOpened', 'WarningAuthorized']);
  });

  it('opens nothing on NO_DUTY', async () => {
    const reported = await flow.report((r) => (r.threat.type = 'CYBER_INTRUSION'));
    const { at } = await flow.duty(reported, 'NO_DUTY');
    await probe.consumed(dutiesGroup(), Topics.assessmentEvents, at);
    await flow.review(reported.caseId, 'PENDING');
    expect(await svc.dataSource.query(`SELECT 1 FROM outbox WHERE key = $1`, [reported.caseId])).toEqual([]);
  });

  it('opens nothing on NEEDS_ANALYST, then opens on the DUTY that follows the analyst\'s assessment', async () => {
    const reported = await flow.report((r) => (r.threat.credibility = 'UNDETERMINED'));
    const waiting = await flow.duty(reported, 'NEEDS_ANALYST');
    await probe.consumed(dutiesGroup(), Topics.assessmentEvents, waiting.at);
    expect(await flow.review(reported.caseId, 'PENDING')).toMatchObject({ dutyOutcome: 'NEEDS_ANALYST' });

    const { determined } = await flow.duty(reported, 'DUTY', 'POLICY_WITH_ANALYST');
    await flow.review(reported.caseId, 'WARNING_AUTHORIZED');
    const [opened] = await flow.emitted(reported.caseId, 2);
    expect(opened).toMatchObject({ type: 'WaiverReviewOpened', causationId: determined.eventId });
  });

  it('opens every review when reports and duties for many cases arrive at the same moment on both topics', async () => {
    const cases = Array.from({ length: 12 }, () => threatReported(makeReport(new Date().toISOString())));
    // Both consumers race on each case's row; the second must see what the first noted.
    await Promise.all(cases.flatMap((reported) => [probe.produce(Topics.intakeEvents, reported), flow.duty(reported, 'DUTY')]));
    for (const reported of cases) await flow.review(reported.caseId, 'WARNING_AUTHORIZED');
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE key = ANY($1) AND topic = $2`, [
      cases.map((c) => c.caseId),
      Topics.waiverReviewEvents,
    ]);
    expect(n).toBe(cases.length * 2);
  });

  it('answers 401 without a token, 403 without a reading role, 400 for a malformed case id, 404 for an unknown case', async () => {
    const someCase = randomUUID();
    expect((await flow.call('GET', `/v1/cases/${someCase}/waiver-review`)).status).toBe(401);
    const submitter = tokenFor('sam', ['agency-submitter']);
    expect((await flow.call('GET', `/v1/cases/${someCase}/waiver-review`, submitter)).status).toBe(403);
    expect(await flow.call('GET', '/v1/cases/no-such-case/waiver-review', tokens.alice)).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'caseId', messages: ['caseId must be a UUID'] }] },
    });
    expect(await flow.call('GET', `/v1/cases/${someCase}/waiver-review`, tokens.alice)).toMatchObject({
      status: 404,
      body: { code: 'WAIVER.REVIEW_NOT_FOUND' },
    });
  });
});
