import type { AnalystAssessmentData, ThreatType } from '@forewarn/contracts';
import { determineDuty, dutyFactsFromReport, type DutyFacts } from './duty';
import { AS_OF, HOUR, atOffset, expectPolicyError, makeReport } from './test-fixtures';
import { CURRENT_POLICY_VERSION, getPolicy } from './versions';

const policy = getPolicy(CURRENT_POLICY_VERSION);
const analyst = (a: Partial<AnalystAssessmentData>): AnalystAssessmentData => ({ credibility: 'CREDIBLE', specific: true, notes: 'assessed', ...a });
const codes = (facts: DutyFacts) => determineDuty(facts, policy).reasons.map((r) => r.code);
const outcome = (facts: DutyFacts) => determineDuty(facts, policy).outcome;
/** Facts for the base report with `patch` applied to them. */
const facts = (patch: (f: DutyFacts) => void = () => undefined): DutyFacts => {
  const f = dutyFactsFromReport(makeReport(), AS_OF);
  patch(f);
  return f;
};
const withWindow = (earliest: string, latest: string) => facts((f) => (f.window = { earliest, latest }));

describe('dutyFactsFromReport', () => {
  it('Given a report, When facts are extracted, Then they hold exactly what the rule reads and nothing secret', () => {
    expect(dutyFactsFromReport(makeReport(), AS_OF)).toStrictEqual({
      threatType: 'INTENTIONAL_KILLING',
      credibility: 'CREDIBLE',
      target: { kind: 'LOCATION', description: 'Crocus City Hall concert audience' },
      detail: { hasWindow: true, hasLocation: true, hasPerpetrators: true },
      window: { earliest: '2024-03-08T00:00:00Z', latest: '2024-03-09T23:59:00Z' },
      asOf: AS_OF,
    });
  });

  it('Given an analyst assessment, When facts are extracted, Then its judgements are kept and its notes are not', () => {
    const f = dutyFactsFromReport(makeReport(), AS_OF, analyst({ credibility: 'NOT_CREDIBLE', specific: false, notes: 'ASSET CARDINAL lied before' }));
    expect(f.analyst).toStrictEqual({ credibility: 'NOT_CREDIBLE', specific: false });
    expect(JSON.stringify(f)).not.toContain('CARDINAL');
  });

  it('Given a report with blank location and perpetrators, When facts are extracted, Then blank text is not detail', () => {
    const report = makeReport((r) => {
      r.threat.location = { description: '   ', countryCode: 'RU' };
      r.threat.perpetrators = ' ';
      delete r.threat.window;
    });
    const f = dutyFactsFromReport(report, AS_OF);
    expect(f.detail).toEqual({ hasWindow: false, hasLocation: false, hasPerpetrators: false });
    expect('window' in f).toBe(false);
  });

  it('Given facts, When they go through JSON and back, Then they are equal and decide the same', () => {
    const f = dutyFactsFromReport(makeReport((r) => (r.target.name = 'Audience')), AS_OF, analyst({}));
    const replayed = JSON.parse(JSON.stringify(f)) as DutyFacts;
    expect(replayed).toStrictEqual(f);
    expect(determineDuty(replayed, policy)).toStrictEqual(determineDuty(f, policy));
  });
});

describe('determineDuty: scope', () => {
  it.each<ThreatType>(['INTENTIONAL_KILLING', 'SERIOUS_BODILY_INJURY', 'KIDNAPPING'])('Given a credible, specific, impending %s threat, Then there is a duty', (type) => {
    const decision = determineDuty(facts((f) => (f.threatType = type)), policy);
    expect(decision.outcome).toBe('DUTY');
    expect(decision.reasons[0].code).toBe('DUTY.IN_SCOPE');
  });

  it.each<ThreatType>(['PROPERTY_DAMAGE', 'CYBER_INTRUSION', 'OTHER'])('Given an otherwise warnable %s threat, Then there is no duty because it is out of scope', (type) => {
    const decision = determineDuty(facts((f) => (f.threatType = type)), policy);
    expect(decision).toEqual({ outcome: 'NO_DUTY', reasons: [expect.objectContaining({ code: 'DUTY.OUT_OF_SCOPE' })] });
    expect(decision.reasons[0].message).toContain(type);
  });

  it('Given an out-of-scope cyber threat of undetermined credibility and thin detail, Then it is NO_DUTY, not NEEDS_ANALYST', () => {
    const f = facts((x) => {
      x.threatType = 'CYBER_INTRUSION';
      x.credibility = 'UNDETERMINED';
      x.detail = { hasWindow: false, hasLocation: false, hasPerpetrators: false };
      delete x.window;
    });
    expect(outcome(f)).toBe('NO_DUTY');
    expect(codes(f)).toEqual(['DUTY.OUT_OF_SCOPE', 'DUTY.CREDIBILITY_UNDETERMINED', 'DUTY.SPECIFICITY_UNDETERMINED']);
  });
});

describe('determineDuty: credible', () => {
  it("Given the report's credibility is NOT_CREDIBLE, Then there is no duty", () => {
    expect(codes(facts((f) => (f.credibility = 'NOT_CREDIBLE')))).toEqual(['DUTY.NOT_CREDIBLE']);
  });

  it('Given credibility is UNDETERMINED and no analyst, Then an analyst is needed', () => {
    const decision = determineDuty(facts((f) => (f.credibility = 'UNDETERMINED')), policy);
    expect(decision.outcome).toBe('NEEDS_ANALYST');
    expect(decision.reasons.map((r) => r.code)).toEqual(['DUTY.CREDIBILITY_UNDETERMINED']);
  });

  it.each([
    ['UNDETERMINED', 'CREDIBLE', 'DUTY'],
    ['NOT_CREDIBLE', 'CREDIBLE', 'DUTY'],
    ['CREDIBLE', 'NOT_CREDIBLE', 'NO_DUTY'],
    ['CREDIBLE', 'UNDETERMINED', 'NEEDS_ANALYST'],
  ] as const)('Given the report says %s and the analyst says %s, Then the analyst decides: %s', (reported, assessed, expected) => {
    const f = dutyFactsFromReport(makeReport((r) => (r.threat.credibility = reported)), AS_OF, analyst({ credibility: assessed }));
    expect(outcome(f)).toBe(expected);
  });

  it("Given the analyst overrides the report, Then the reason says so", () => {
    const f = dutyFactsFromReport(makeReport((r) => (r.threat.credibility = 'UNDETERMINED')), AS_OF, analyst({}));
    expect(determineDuty(f, policy).reasons[1]).toEqual({ code: 'DUTY.CREDIBLE', message: expect.stringContaining("analyst's assessment") });
  });
});

describe('determineDuty: specific', () => {
  const noDetail = { hasWindow: false, hasLocation: false, hasPerpetrators: false };

  it('Given no timing, location or perpetrators and no analyst, Then an analyst is needed', () => {
    const f = facts((x) => {
      x.detail = noDetail;
      delete x.window;
    });
    expect(outcome(f)).toBe('NEEDS_ANALYST');
    expect(codes(f)).toEqual(['DUTY.SPECIFICITY_UNDETERMINED']);
  });

  it.each([
    ['location only', { ...noDetail, hasLocation: true }],
    ['perpetrators only', { ...noDetail, hasPerpetrators: true }],
  ])('Given an identifiable target and %s, Then it is specific', (_label, detail) => {
    const f = facts((x) => {
      x.detail = detail;
      delete x.window;
    });
    expect(outcome(f)).toBe('DUTY');
    expect(codes(f)).toContain('DUTY.SPECIFIC');
  });

  it('Given an identifiable target and a time window only, Then it is specific', () => {
    expect(outcome(facts((x) => (x.detail = { ...noDetail, hasWindow: true })))).toBe('DUTY');
  });

  it('Given a blank target description and no name, Then an analyst must identify the victim', () => {
    const f = facts((x) => (x.target = { kind: 'PERSON', description: '  ' }));
    expect(outcome(f)).toBe('NEEDS_ANALYST');
    expect(determineDuty(f, policy).reasons[0].message).toContain('identifiable target');
  });

  it('Given a blank description but a name, Then the target is identifiable', () => {
    expect(outcome(facts((x) => (x.target = { kind: 'PERSON', description: ' ', name: 'Jane Roe' })))).toBe('DUTY');
  });

  it('Given full detail but an analyst who judged it not specific, Then there is no duty', () => {
    const f = dutyFactsFromReport(makeReport(), AS_OF, analyst({ specific: false }));
    expect(codes(f)).toEqual(['DUTY.NOT_SPECIFIC']);
  });

  it('Given a thin report but an analyst who judged it specific, Then there is a duty', () => {
    const f = dutyFactsFromReport(makeReport((r) => (r.threat.perpetrators = ' ')), AS_OF, analyst({}));
    f.detail = noDetail;
    delete f.window;
    expect(outcome(f)).toBe('DUTY');
  });
});

describe('determineDuty: impending', () => {
  it('Given the window closes exactly now, Then it is still impending', () => {
    expect(codes(withWindow(atOffset(-HOUR), AS_OF))).toContain('DUTY.IMPENDING');
  });

  it('Given the window closed 1 ms ago, Then there is no duty: it expired', () => {
    const f = withWindow(atOffset(-HOUR), atOffset(-1));
    expect(codes(f)).toEqual(['DUTY.EXPIRED']);
  });

  it('Given the window opens exactly at the horizon (720 h), Then it is impending', () => {
    expect(outcome(withWindow(atOffset(720 * HOUR), atOffset(721 * HOUR)))).toBe('DUTY');
  });

  it('Given the window opens 1 ms beyond the horizon, Then there is no duty: beyond the horizon', () => {
    const f = withWindow(atOffset(720 * HOUR + 1), atOffset(721 * HOUR));
    expect(codes(f)).toEqual(['DUTY.BEYOND_HORIZON']);
  });

  it('Given the window has already opened and not yet closed, Then it is impending', () => {
    expect(outcome(withWindow(atOffset(-2 * HOUR), atOffset(2 * HOUR)))).toBe('DUTY');
  });

  it('Given asOf in another time zone, Then the boundary is the same instant', () => {
    const f = withWindow(atOffset(-HOUR), atOffset(-1));
    f.asOf = '2024-03-07T13:00:00+01:00';
    expect(codes(f)).toEqual(['DUTY.EXPIRED']);
  });

  it('Given no window but a place and perpetrators, Then the duty holds with the timing recorded as unknown', () => {
    const f = facts((x) => {
      delete x.window;
      x.detail.hasWindow = false;
    });
    expect(determineDuty(f, policy)).toEqual({
      outcome: 'DUTY',
      reasons: [
        expect.objectContaining({ code: 'DUTY.IN_SCOPE' }),
        expect.objectContaining({ code: 'DUTY.CREDIBLE' }),
        expect.objectContaining({ code: 'DUTY.SPECIFIC' }),
        expect.objectContaining({ code: 'DUTY.IMPENDING_TIMING_UNKNOWN' }),
      ],
    });
  });

  it('Given a window whose earliest is after its latest, Then an analyst is needed', () => {
    const f = withWindow(atOffset(5 * HOUR), atOffset(4 * HOUR));
    expect(outcome(f)).toBe('NEEDS_ANALYST');
    expect(codes(f)).toEqual(['DUTY.WINDOW_INVALID']);
  });

  it('Given an inconsistent window but an analyst who judged the report specific, Then the duty holds', () => {
    const f = dutyFactsFromReport(makeReport(), AS_OF, analyst({}));
    f.window = { earliest: 'next Tuesday', latest: atOffset(HOUR) };
    expect(codes(f)).toContain('DUTY.IMPENDING_TIMING_UNKNOWN');
    expect(outcome(f)).toBe('DUTY');
  });

  it.each(['', '2024-03-07', '2024-03-07T12:00:00', 'yesterday'])('Given asOf %p, Then the rule refuses it as an invalid time', (asOf) => {
    expectPolicyError(() => determineDuty(facts((f) => (f.asOf = asOf)), policy), 'POLICY.INVALID_TIME');
  });
});

describe('determineDuty: reasons and replay', () => {
  it('Given every criterion fails, Then NO_DUTY lists every failing reason, not just the first', () => {
    const f = dutyFactsFromReport(
      makeReport((r) => (r.threat.type = 'PROPERTY_DAMAGE')),
      AS_OF,
      analyst({ credibility: 'NOT_CREDIBLE', specific: false }),
    );
    f.window = { earliest: atOffset(-3 * HOUR), latest: atOffset(-2 * HOUR) };
    expect(codes(f)).toEqual(['DUTY.OUT_OF_SCOPE', 'DUTY.NOT_CREDIBLE', 'DUTY.NOT_SPECIFIC', 'DUTY.EXPIRED']);
  });

  it('Given a failure and an undetermined criterion, Then NO_DUTY lists the failure first and the open question too', () => {
    const f = facts((x) => {
      x.credibility = 'UNDETERMINED';
      x.window = { earliest: atOffset(-3 * HOUR), latest: atOffset(-2 * HOUR) };
    });
    expect(outcome(f)).toBe('NO_DUTY');
    expect(codes(f)).toEqual(['DUTY.EXPIRED', 'DUTY.CREDIBILITY_UNDETERMINED']);
  });

  it('Given a warnable threat, Then DUTY lists each criterion that holds', () => {
    expect(codes(facts())).toEqual(['DUTY.IN_SCOPE', 'DUTY.CREDIBLE', 'DUTY.SPECIFIC', 'DUTY.IMPENDING']);
    for (const r of determineDuty(facts(), policy).reasons) expect(r.message.length).toBeGreaterThan(10);
  });

  it('Given the same facts twice, Then the decisions are deep-equal', () => {
    const a = determineDuty(dutyFactsFromReport(makeReport(), AS_OF), policy);
    const b = determineDuty(dutyFactsFromReport(makeReport(), AS_OF), policy);
    expect(a).toStrictEqual(b);
  });

  it('Given a copy of the policy with a 1-hour horizon, Then the same facts give no duty', () => {
    const f = facts();
    expect(determineDuty(f, policy).outcome).toBe('DUTY');
    const changed = determineDuty(f, { ...policy, horizonHours: 1 });
    expect(changed.outcome).toBe('NO_DUTY');
    expect(changed.reasons.map((r) => r.code)).toEqual(['DUTY.BEYOND_HORIZON']);
  });

  it('Given a copy of the policy that puts property damage in scope, Then a property-damage threat carries a duty', () => {
    const f = facts((x) => (x.threatType = 'PROPERTY_DAMAGE'));
    expect(determineDuty(f, policy).outcome).toBe('NO_DUTY');
    expect(determineDuty(f, { ...policy, inScopeThreatTypes: [...policy.inScopeThreatTypes, 'PROPERTY_DAMAGE'] }).outcome).toBe('DUTY');
  });
});
