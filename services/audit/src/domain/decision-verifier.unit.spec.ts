import type { ForewarnEvent } from '@forewarn/contracts';
import { getPolicy, type PolicyConfig } from '@forewarn/policy';
import { caseScenario } from '../../test/case-scenario';
import { canonicalEnvelope } from './chain-hash';
import { isDecisionText, verifyDecision } from './decision-verifier';

const warned = caseScenario({ caseId: 'case-v1', start: '2024-03-07T10:00:00.000Z', path: 'warned' });
const byType = (type: string) => warned.find((e) => e.type === type)!;

describe('verifyDecision', () => {
  it('re-runs duty, waiver proposal and delivery plan and agrees with what the rules recorded', () => {
    for (const type of ['DutyDetermined', 'WaiverReviewOpened', 'DeliveryPlanned']) {
      const result = verifyDecision(byType(type))!;
      expect(result).toMatchObject({ type, match: true, diff: [], policyVersion: 'icd191-2015.1' });
      expect(result.recomputed).toEqual(result.recorded);
    }
  });

  it('ignores events that record no automated decision', () => {
    expect(verifyDecision(byType('WarningDelivered'))).toBeNull();
  });

  it('reports the mismatch field by field when a test copy of the policy changes a rule', () => {
    const narrower = (v: string): PolicyConfig => ({ ...getPolicy(v), inScopeThreatTypes: ['KIDNAPPING'] });
    const result = verifyDecision(byType('DutyDetermined'), narrower)!;
    expect(result.match).toBe(false);
    expect(result.diff).toContainEqual({ path: '/outcome', recorded: 'DUTY', recomputed: 'NO_DUTY' });
    expect(result.diff).toContainEqual(expect.objectContaining({ path: '/reasons/0/code', recorded: 'DUTY.IN_SCOPE', recomputed: 'DUTY.OUT_OF_SCOPE' }));
  });

  it('sees a changed delivery rule and a changed review period', () => {
    const homeRU = (v: string): PolicyConfig => ({ ...getPolicy(v), homeCountry: 'RU' });
    expect(verifyDecision(byType('DeliveryPlanned'), homeRU)!.diff).toContainEqual({ path: '/channel', recorded: 'LIAISON', recomputed: 'DOMESTIC_LAW_ENFORCEMENT' });
    const longer = (v: string): PolicyConfig => ({ ...getPolicy(v), review: { ...getPolicy(v).review, defaultPeriodMinutes: 10 } });
    expect(verifyDecision(byType('WaiverReviewOpened'), longer)!.diff.map((d) => d.path)).toEqual(['/deadline']);
  });

  it('catches a recorded outcome the rule would not give', () => {
    const duty = byType('DutyDetermined') as ForewarnEvent<'DutyDetermined'>;
    const forged = { ...duty, data: { ...duty.data, outcome: 'NO_DUTY' as const } };
    expect(verifyDecision(forged)).toMatchObject({ match: false, diff: [{ path: '/outcome', recorded: 'NO_DUTY', recomputed: 'DUTY' }] });
  });

  it('names facts the rule cannot read, as a test double with empty facts records them', () => {
    const duty = byType('DutyDetermined') as ForewarnEvent<'DutyDetermined'>;
    const empty = { ...duty, data: { ...duty.data, facts: {} } };
    expect(verifyDecision(empty)).toMatchObject({ match: false, producer: 'assessment@0.1.0', error: { code: 'AUDIT.FACTS_UNREADABLE', message: expect.stringMatching(/recorded facts/) } });
  });

  it('tells a decision from its canonical text without parsing it', () => {
    for (const e of warned) expect(isDecisionText(canonicalEnvelope(e))).toBe(['DutyDetermined', 'WaiverReviewOpened', 'DeliveryPlanned'].includes(e.type));
  });

  it('turns an unknown or missing policy version into a finding, not a pass', () => {
    const duty = byType('DutyDetermined');
    expect(verifyDecision({ ...duty, policyVersion: 'icd191-1999.9' })).toMatchObject({ match: false, recomputed: null, error: { code: 'POLICY.UNKNOWN_VERSION' } });
    const { policyVersion: _dropped, ...none } = duty;
    expect(verifyDecision(none as ForewarnEvent)).toMatchObject({ match: false, error: { code: 'AUDIT.NO_POLICY_VERSION' } });
  });
});
