import { PolicyError } from './errors';
import { expectPolicyError } from './test-fixtures';
import { CURRENT_POLICY_VERSION, Policies, getPolicy } from './versions';

describe('policy versions', () => {
  it('Given the current version, When it is looked up, Then it is icd191-2015.1 with the directive\'s scope', () => {
    const policy = getPolicy(CURRENT_POLICY_VERSION);
    expect(CURRENT_POLICY_VERSION).toBe('icd191-2015.1');
    expect(policy.version).toBe(CURRENT_POLICY_VERSION);
    expect([...policy.inScopeThreatTypes].sort()).toEqual(['INTENTIONAL_KILLING', 'KIDNAPPING', 'SERIOUS_BODILY_INJURY']);
    expect(policy.horizonHours).toBe(30 * 24);
    expect(policy.homeCountry).toBe('US');
    expect(policy.legalConcurrenceCodes).toEqual(['ENDANGERS_SOURCES']);
  });

  it('Given an unknown version, When it is looked up, Then POLICY.UNKNOWN_VERSION names it and the known ones', () => {
    const err = expectPolicyError(() => getPolicy('icd191-2099.9'), 'POLICY.UNKNOWN_VERSION');
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.message).toContain('"icd191-2099.9"');
    expect(err.message).toContain('icd191-2015.1');
  });

  it.each(['toString', '__proto__', 'constructor', ''])(
    'Given the name of an object property (%p), When it is looked up, Then it is an unknown version',
    (name) => {
      expectPolicyError(() => getPolicy(name), 'POLICY.UNKNOWN_VERSION');
    },
  );

  it('Given the registry, Then each entry is keyed by its own version', () => {
    for (const [key, policy] of Object.entries(Policies)) expect(policy.version).toBe(key);
  });

  it('Given the waiver data, Then all five grounds are codes with text and every indicator and legal code is a known code', () => {
    const policy = getPolicy(CURRENT_POLICY_VERSION);
    const codes = policy.waiverCodes.map((w) => w.code);
    expect(codes).toEqual(['ALREADY_AWARE', 'ARMED_CONFLICT', 'VIOLENT_ACTOR', 'ENDANGERS_SOURCES', 'NO_REASONABLE_WAY']);
    for (const w of policy.waiverCodes) expect(w.ground.length).toBeGreaterThan(20);
    for (const i of policy.waiverIndicators) expect(codes).toContain(i.code);
    for (const c of policy.legalConcurrenceCodes) expect(codes).toContain(c);
    expect(new Set(policy.waiverIndicators.map((i) => i.indicator)).size).toBe(5);
  });

  it('Given the marking patterns, Then each compiles as a regular expression', () => {
    for (const m of getPolicy(CURRENT_POLICY_VERSION).classificationMarkings) {
      expect(() => new RegExp(m.pattern, m.flags)).not.toThrow();
    }
  });

  it('Given a released version, When code tries to change it, Then it cannot: history is not rewritten', () => {
    const policy = getPolicy(CURRENT_POLICY_VERSION);
    expect(() => {
      (policy as { horizonHours: number }).horizonHours = 1;
    }).toThrow(TypeError);
    expect(() => {
      (policy.inScopeThreatTypes as string[]).push('PROPERTY_DAMAGE');
    }).toThrow(TypeError);
    expect(() => {
      (policy.review as { minimumMinutes: number }).minimumMinutes = 0;
    }).toThrow(TypeError);
    expect(getPolicy(CURRENT_POLICY_VERSION).horizonHours).toBe(720);
    expect(getPolicy(CURRENT_POLICY_VERSION).inScopeThreatTypes).toHaveLength(3);
  });

  it('Given a released version, When a test makes a modified copy, Then the copy differs and the original does not', () => {
    const original = getPolicy(CURRENT_POLICY_VERSION);
    const copy = { ...original, horizonHours: 1 };
    expect(copy.horizonHours).toBe(1);
    expect(getPolicy(CURRENT_POLICY_VERSION).horizonHours).toBe(720);
  });
});

describe('the drill policy', () => {
  it('differs from icd191-2015.1 only in its name and its one-minute review minimum', () => {
    const real = getPolicy('icd191-2015.1');
    const drill = getPolicy('icd191-2015.1-drill');
    expect({ ...drill, version: real.version, title: real.title, review: real.review }).toEqual(real);
    expect(drill.review).toEqual({ ...real.review, minimumMinutes: 1 });
  });
});
