import { partnerTopic, Topics, type ForewarnEvent, type PartnerCaseStatus } from '@forewarn/contracts';
import { CURRENT_POLICY_VERSION } from '@forewarn/policy';
import { waitFor } from '@forewarn/testing';
import { KafkaProbe } from '@forewarn/service-testing';
import { makeReport, threatReported } from '@forewarn/service-testing';
import { emitted, startService, type RunningService } from './service-harness';

jest.setTimeout(60_000);

/** ThreatReported in on the intake topic, DutyDetermined out on the assessment topic: real Kafka, real Postgres. */
describe('assessment: the duty rule on reported threats', () => {
  let svc: RunningService;
  const probe = new KafkaProbe();
  const group = () => `${svc.groupPrefix}assessment.threat-reports`;

  beforeAll(async () => {
    svc = await startService('duty', probe);
  });
  afterAll(async () => {
    await probe.close();
    await svc?.close();
  });

  const dutyFor = (caseId: string) =>
    waitFor(`DutyDetermined for ${caseId}`, async () => {
      const events = await emitted(svc.dataSource, caseId, Topics.assessmentEvents);
      return events.length > 0 ? events : undefined;
    });

  it('decides DUTY for a credible, specific, in-scope report, with the facts, the policy version and its cause', async () => {
    const reported = threatReported(makeReport(new Date().toISOString()));
    await probe.produce(Topics.intakeEvents, reported);

    const [mine] = await dutyFor(reported.caseId);
    const [duty] = (await probe.onTopic(Topics.assessmentEvents, [mine.eventId])) as ForewarnEvent<'DutyDetermined'>[];
    expect(duty).toMatchObject({
      type: 'DutyDetermined',
      caseId: reported.caseId,
      policyVersion: CURRENT_POLICY_VERSION,
      causationId: reported.eventId,
      correlationId: reported.correlationId,
      actor: { kind: 'service', id: expect.stringMatching(/^assessment@/) },
      data: { outcome: 'DUTY', decidedBy: 'POLICY' },
    });
    expect(duty.data.facts).toMatchObject({
      threatType: 'INTENTIONAL_KILLING',
      credibility: 'CREDIBLE',
      window: reported.data.report.threat.window,
      asOf: expect.any(String),
    });
    expect(duty.data.reasons.map((r) => r.code)).toEqual(['DUTY.IN_SCOPE', 'DUTY.CREDIBLE', 'DUTY.SPECIFIC', 'DUTY.IMPENDING']);
  });

  it('decides NO_DUTY for a cyber intrusion, says why, and tells the reporting organisation', async () => {
    const reported = threatReported(makeReport(new Date().toISOString(), (r) => (r.threat.type = 'CYBER_INTRUSION')));
    await probe.produce(Topics.intakeEvents, reported);

    const [mine] = await dutyFor(reported.caseId);
    const [duty] = (await probe.onTopic(Topics.assessmentEvents, [mine.eventId])) as ForewarnEvent<'DutyDetermined'>[];
    expect(duty.data.outcome).toBe('NO_DUTY');
    expect(duty.data.reasons[0]).toMatchObject({ code: 'DUTY.OUT_OF_SCOPE', message: expect.stringContaining('CYBER_INTRUSION') });

    const status = await probe.partnerMessage<PartnerCaseStatus>(partnerTopic('NCTC', 'case-status'), reported.caseId, (s) => s.status === 'NO_DUTY');
    expect(status).toMatchObject({ caseId: reported.caseId, reportId: reported.data.report.reportId, sourceAgency: 'NCTC' });
  });

  it('decides a case once although its ThreatReported arrives twice, and again under another eventId', async () => {
    const reported = threatReported(makeReport(new Date().toISOString()));
    await probe.produce(Topics.intakeEvents, reported);
    await probe.produce(Topics.intakeEvents, reported);
    // Intake re-publishing the same case as a new event must not decide it a second time either.
    const last = await probe.produce(Topics.intakeEvents, { ...reported, eventId: `${reported.eventId}-again` });
    await probe.consumed(group(), Topics.intakeEvents, last);

    const events = await dutyFor(reported.caseId);
    expect(events.map((e) => e.type)).toEqual(['DutyDetermined']);
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE message_id LIKE $1`, [`${reported.eventId}%`]);
    expect(n).toBe(2);
  });
});
