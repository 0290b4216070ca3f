import { CURRENT_POLICY_VERSION, getPolicy } from '@forewarn/policy';
import type { AnalystAssessmentData, ThreatReportSubmission } from '@forewarn/contracts';
import { makeReport } from '@forewarn/service-testing';
import { initialCase, type AssessmentCase } from './assessment.state';
import type { AssessmentCommand, AssessmentEvent } from './assessment.events';
import { decide } from './decide';
import { evolve } from './evolve';

const NOW = '2025-06-01T12:00:00.000Z';
const policy = getPolicy(CURRENT_POLICY_VERSION);
const service = 'assessment@test';

const given = (events: AssessmentEvent[]): AssessmentCase => events.reduce(evolve, initialCase('case-1'));
const reported = (report: ThreatReportSubmission): AssessmentEvent => ({
  type: 'ThreatReported',
  data: { report, receivedVia: 'KAFKA', receivedAt: NOW },
  metadata: { at: NOW, by: 'intake@test', eventId: 'evt-reported', correlationId: 'corr-1' },
});
const determine: AssessmentCommand = { type: 'DetermineDuty', metadata: { now: NOW, by: service, policy } };
const assess = (assessment: AnalystAssessmentData): AssessmentCommand => ({
  type: 'RecordAnalystAssessment',
  assessment,
  metadata: { now: NOW, by: 'alice', policy },
});
const undetermined = makeReport(NOW, (r) => (r.threat.credibility = 'UNDETERMINED'));
const needsAnalyst = () => {
  const [first] = decide(determine, given([reported(undetermined)]));
  return [reported(undetermined), first];
};

describe('assessment decider: the duty rule on a reported threat', () => {
  it('Given a credible, specific, in-scope report, When the duty is determined, Then DUTY with the facts and the policy version', () => {
    const events = decide(determine, given([reported(makeReport(NOW))]));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ type: 'DutyDetermined', policyVersion: CURRENT_POLICY_VERSION, metadata: { at: NOW, by: service } });
    expect(event.data).toMatchObject({ outcome: 'DUTY', decidedBy: 'POLICY', facts: { threatType: 'INTENTIONAL_KILLING', asOf: NOW } });
    expect((event.data as { reasons: { code: string }[] }).reasons.map((r) => r.code)).toEqual([
      'DUTY.IN_SCOPE',
      'DUTY.CREDIBLE',
      'DUTY.SPECIFIC',
      'DUTY.IMPENDING',
    ]);
  });

  it('Given a cyber intrusion, When the duty is determined, Then NO_DUTY saying it is out of scope', () => {
    const [event] = decide(determine, given([reported(makeReport(NOW, (r) => (r.threat.type = 'CYBER_INTRUSION')))]));
    expect(event.data).toMatchObject({ outcome: 'NO_DUTY', reasons: [expect.objectContaining({ code: 'DUTY.OUT_OF_SCOPE' })] });
  });

  it('Given undetermined credibility, When the duty is determined, Then NEEDS_ANALYST', () => {
    const [event] = decide(determine, given([reported(undetermined)]));
    expect(event.data).toMatchObject({ outcome: 'NEEDS_ANALYST', reasons: [{ code: 'DUTY.CREDIBILITY_UNDETERMINED' }] });
  });

  it('Given the duty was already determined, When the same report is determined again, Then nothing happens', () => {
    const history = [reported(makeReport(NOW))];
    history.push(...decide(determine, given(history)));
    expect(decide(determine, given(history))).toEqual([]);
  });

  it('Given no report, When the duty is determined, Then nothing happens', () => {
    expect(decide(determine, given([]))).toEqual([]);
  });
});

describe('assessment decider: the analyst assessment', () => {
  it('Given a case waiting for an analyst, When they judge it credible and specific, Then the assessment and DUTY decided with the analyst', () => {
    const events = decide(assess({ credibility: 'CREDIBLE', specific: true, notes: 'corroborated' }), given(needsAnalyst()));
    expect(events.map((e) => e.type)).toEqual(['AnalystAssessmentRecorded', 'DutyDetermined']);
    expect(events[0]).toMatchObject({ data: { assessment: { credibility: 'CREDIBLE', specific: true, notes: 'corroborated' } }, metadata: { by: 'alice' } });
    expect(events[1].data).toMatchObject({
      outcome: 'DUTY',
      decidedBy: 'POLICY_WITH_ANALYST',
      facts: { credibility: 'UNDETERMINED', analyst: { credibility: 'CREDIBLE', specific: true } },
    });
  });

  it('Given a case waiting for an analyst, When they judge it not credible, Then NO_DUTY decided with the analyst', () => {
    const [, duty] = decide(assess({ credibility: 'NOT_CREDIBLE', specific: true, notes: '' }), given(needsAnalyst()));
    expect(duty.data).toMatchObject({ outcome: 'NO_DUTY', decidedBy: 'POLICY_WITH_ANALYST', reasons: [{ code: 'DUTY.NOT_CREDIBLE' }] });
  });

  it('Given the analyst assessed it, When the events are applied, Then the case records who assessed and the new outcome', () => {
    const history = needsAnalyst();
    history.push(...decide(assess({ credibility: 'CREDIBLE', specific: true, notes: 'ok' }), given(history)));
    expect(given(history)).toMatchObject({ status: 'DUTY', assessment: { by: 'alice', at: NOW }, decision: { decidedBy: 'POLICY_WITH_ANALYST' } });
  });

  it('Given a case already decided DUTY, When an analyst assesses it, Then ASSESSMENT.NOT_AWAITING_ANALYST', () => {
    const history = [reported(makeReport(NOW))];
    history.push(...decide(determine, given(history)));
    expect(() => decide(assess({ credibility: 'NOT_CREDIBLE', specific: false, notes: '' }), given(history))).toThrow(
      expect.objectContaining({ code: 'ASSESSMENT.NOT_AWAITING_ANALYST' }),
    );
  });

  it('Given an unknown case, When an analyst assesses it, Then ASSESSMENT.CASE_NOT_FOUND', () => {
    expect(() => decide(assess({ credibility: 'CREDIBLE', specific: true, notes: '' }), given([]))).toThrow(
      expect.objectContaining({ code: 'ASSESSMENT.CASE_NOT_FOUND' }),
    );
  });
});
