import type { WaiverCode } from '@forewarn/contracts';
import { AS_OF, HOUR, MINUTE, atOffset, expectPolicyError, makeReport } from './test-fixtures';
import { CURRENT_POLICY_VERSION, getPolicy, type IndicatorName } from './versions';
import {
  checkLegalConcurrence,
  checkWaiverDecision,
  checkWaiverRequest,
  legalConcurrenceRequired,
  proposeWaivers,
  reviewDeadline,
  waiverFactsFromReport,
  type WaiverFacts,
} from './waiver';

const policy = getPolicy(CURRENT_POLICY_VERSION);
const noIndicators = waiverFactsFromReport(makeReport(), AS_OF).indicators;
const withIndicators = (on: Partial<Record<IndicatorName, boolean>>): WaiverFacts => ({ indicators: { ...noIndicators, ...on }, asOf: AS_OF });
const startingIn = (ms: number): WaiverFacts => ({ indicators: noIndicators, window: { earliest: atOffset(ms), latest: atOffset(ms + HOUR) }, asOf: AS_OF });

const ana = { id: 'ana', roles: ['analyst'] };
const sam = { id: 'sam', roles: ['senior-reviewer'] };
const lee = { id: 'lee', roles: ['legal-reviewer'] };

describe('waiverFactsFromReport', () => {
  it('Given a report with no indicators, When facts are extracted, Then all five are false and the window is kept', () => {
    expect(waiverFactsFromReport(makeReport(), AS_OF)).toStrictEqual({
      indicators: {
        victimAlreadyAware: false,
        victimListedViolentActor: false,
        armedConflictParticipant: false,
        warningEndangersSources: false,
        noReasonableWayToWarn: false,
      },
      window: { earliest: '2024-03-08T00:00:00Z', latest: '2024-03-09T23:59:00Z' },
      asOf: AS_OF,
    });
  });

  it('Given some indicators set and no window, When facts are extracted, Then the set ones are true and there is no window key', () => {
    const f = waiverFactsFromReport(
      makeReport((r) => {
        r.indicators = { victimAlreadyAware: true, warningEndangersSources: false };
        delete r.threat.window;
      }),
      AS_OF,
    );
    expect(f.indicators).toEqual({ ...noIndicators, victimAlreadyAware: true });
    expect('window' in f).toBe(false);
  });
});

describe('proposeWaivers', () => {
  it.each<[IndicatorName, WaiverCode]>([
    ['victimAlreadyAware', 'ALREADY_AWARE'],
    ['victimListedViolentActor', 'VIOLENT_ACTOR'],
    ['armedConflictParticipant', 'ARMED_CONFLICT'],
    ['warningEndangersSources', 'ENDANGERS_SOURCES'],
    ['noReasonableWayToWarn', 'NO_REASONABLE_WAY'],
  ])('Given the indicator %s, Then exactly %s is proposed', (indicator, code) => {
    expect(proposeWaivers(withIndicators({ [indicator]: true }), policy)).toStrictEqual([{ code, indicator }]);
  });

  it('Given no indicators, Then nothing is proposed', () => {
    expect(proposeWaivers(withIndicators({}), policy)).toEqual([]);
  });

  it('Given all indicators, Then all five are proposed in policy order, as proposals only', () => {
    const all = withIndicators({
      victimAlreadyAware: true,
      victimListedViolentActor: true,
      armedConflictParticipant: true,
      warningEndangersSources: true,
      noReasonableWayToWarn: true,
    });
    const proposals = proposeWaivers(all, policy);
    expect(proposals.map((p) => p.code)).toEqual(['ALREADY_AWARE', 'VIOLENT_ACTOR', 'ARMED_CONFLICT', 'ENDANGERS_SOURCES', 'NO_REASONABLE_WAY']);
    for (const p of proposals) expect(Object.keys(p).sort()).toEqual(['code', 'indicator']);
  });

  it('Given a policy copy without the VIOLENT_ACTOR ground, Then that indicator proposes nothing', () => {
    const copy = { ...policy, waiverCodes: policy.waiverCodes.filter((w) => w.code !== 'VIOLENT_ACTOR') };
    expect(proposeWaivers(withIndicators({ victimListedViolentActor: true }), copy)).toEqual([]);
  });
});

describe('reviewDeadline', () => {
  it('Given no window, Then the review is due after the default 24 hours', () => {
    expect(reviewDeadline(withIndicators({}), policy)).toBe(atOffset(24 * HOUR));
  });

  it('Given a threat 5 days off, Then the default 24 hours applies', () => {
    expect(reviewDeadline(startingIn(5 * 24 * HOUR), policy)).toBe(atOffset(24 * HOUR));
  });

  it('Given a threat in 20 hours, Then the review is due 6 hours before it', () => {
    expect(reviewDeadline(startingIn(20 * HOUR), policy)).toBe(atOffset(14 * HOUR));
  });

  it('Given a threat in exactly 30 hours, Then both limits agree on 24 hours', () => {
    expect(reviewDeadline(startingIn(30 * HOUR), policy)).toBe(atOffset(24 * HOUR));
  });

  it('Given a threat starting in 2 hours, Then the review is due at the 15-minute minimum, before the threat', () => {
    const deadline = reviewDeadline(startingIn(2 * HOUR), policy);
    expect(deadline).toBe(atOffset(15 * MINUTE));
    expect(new Date(deadline).getTime()).toBeLessThan(new Date(atOffset(2 * HOUR)).getTime());
  });

  it('Given a threat whose window has already opened, Then the minimum applies', () => {
    expect(reviewDeadline(startingIn(-HOUR), policy)).toBe(atOffset(15 * MINUTE));
  });

  it('Given a threat 6 h 16 min off, Then the margin gives 16 minutes, just above the minimum', () => {
    expect(reviewDeadline(startingIn(6 * HOUR + 16 * MINUTE), policy)).toBe(atOffset(16 * MINUTE));
  });

  it('Given asOf with a time-zone offset, Then the deadline is the same instant, in UTC', () => {
    const facts = { ...startingIn(20 * HOUR), asOf: '2024-03-07T13:00:00+01:00' };
    expect(reviewDeadline(facts, policy)).toBe('2024-03-08T02:00:00.000Z');
  });

  it('Given an unreadable window, Then the default period applies', () => {
    expect(reviewDeadline({ ...withIndicators({}), window: { earliest: 'soon', latest: 'later' } }, policy)).toBe(atOffset(24 * HOUR));
  });

  it('Given an invalid asOf, Then it is refused', () => {
    expectPolicyError(() => reviewDeadline({ ...withIndicators({}), asOf: 'now' }, policy), 'POLICY.INVALID_TIME');
  });

  it('Given a policy copy with a 1-hour minimum, Then a near threat gets 1 hour', () => {
    expect(reviewDeadline(startingIn(2 * HOUR), { ...policy, review: { ...policy.review, minimumMinutes: 60 } })).toBe(atOffset(HOUR));
  });
});

describe('legalConcurrenceRequired', () => {
  it.each<[WaiverCode[], boolean]>([
    [['ENDANGERS_SOURCES'], true],
    [['ALREADY_AWARE', 'ENDANGERS_SOURCES'], true],
    [['ALREADY_AWARE', 'NO_REASONABLE_WAY'], false],
    [[], false],
  ])('Given codes %p, Then legal concurrence required is %p', (codes, expected) => {
    expect(legalConcurrenceRequired(codes, policy)).toBe(expected);
  });

  it('Given a policy copy needing no legal concurrence, Then ENDANGERS_SOURCES needs none', () => {
    expect(legalConcurrenceRequired(['ENDANGERS_SOURCES'], { ...policy, legalConcurrenceCodes: [] })).toBe(false);
  });
});

describe('checkWaiverRequest', () => {
  const valid = { codes: ['ALREADY_AWARE'], justification: 'The FSB was told by another service on 5 March.', requester: ana };

  it('Given an analyst with a known code and a justification, Then the request is accepted', () => {
    expect(() => checkWaiverRequest(valid, policy)).not.toThrow();
  });

  it('Given a requester without the analyst role, Then WAIVER.ROLE_REQUIRED', () => {
    const err = expectPolicyError(() => checkWaiverRequest({ ...valid, requester: sam }, policy), 'WAIVER.ROLE_REQUIRED');
    expect(err.message).toContain('analyst');
  });

  it('Given no codes, Then WAIVER.CODES_REQUIRED', () => {
    expectPolicyError(() => checkWaiverRequest({ ...valid, codes: [] }, policy), 'WAIVER.CODES_REQUIRED');
  });

  it('Given a code the policy does not know, Then WAIVER.UNKNOWN_CODE naming it', () => {
    const err = expectPolicyError(() => checkWaiverRequest({ ...valid, codes: ['ALREADY_AWARE', 'TOO_BUSY'] }, policy), 'WAIVER.UNKNOWN_CODE');
    expect(err.message).toContain('TOO_BUSY');
  });

  it('Given a code a policy copy removed, Then it is unknown in that copy', () => {
    const copy = { ...policy, waiverCodes: policy.waiverCodes.filter((w) => w.code !== 'ALREADY_AWARE') };
    expectPolicyError(() => checkWaiverRequest(valid, copy), 'WAIVER.UNKNOWN_CODE');
  });

  it('Given the same code twice, Then WAIVER.DUPLICATE_CODE', () => {
    expectPolicyError(() => checkWaiverRequest({ ...valid, codes: ['ALREADY_AWARE', 'ALREADY_AWARE'] }, policy), 'WAIVER.DUPLICATE_CODE');
  });

  it.each(['', '   \n\t'])('Given a blank justification %p, Then WAIVER.JUSTIFICATION_REQUIRED', (justification) => {
    expectPolicyError(() => checkWaiverRequest({ ...valid, justification }, policy), 'WAIVER.JUSTIFICATION_REQUIRED');
  });
});

describe('checkWaiverDecision', () => {
  const request = { requestedBy: 'ana', codes: ['ALREADY_AWARE'] };
  const sources = { requestedBy: 'ana', codes: ['ENDANGERS_SOURCES'] };

  it.each(['APPROVE', 'DENY'] as const)('Given a senior reviewer who did not request it, When they %s, Then it is allowed', (decision) => {
    expect(() => checkWaiverDecision({ request, decider: sam, decision }, policy)).not.toThrow();
  });

  it('Given the requester also holds the senior-reviewer role, When they approve their own waiver, Then WAIVER.SELF_APPROVAL', () => {
    const both = { id: 'ana', roles: ['analyst', 'senior-reviewer'] };
    const err = expectPolicyError(() => checkWaiverDecision({ request, decider: both, decision: 'APPROVE' }, policy), 'WAIVER.SELF_APPROVAL');
    expect(err.message).toContain('a waiver cannot be approved by the person who requested it');
  });

  it('Given the requester, When they deny their own waiver, Then WAIVER.SELF_APPROVAL too', () => {
    const both = { id: 'ana', roles: ['senior-reviewer'] };
    expectPolicyError(() => checkWaiverDecision({ request, decider: both, decision: 'DENY' }, policy), 'WAIVER.SELF_APPROVAL');
  });

  it('Given a decider without the senior-reviewer role, Then WAIVER.ROLE_REQUIRED', () => {
    const err = expectPolicyError(
      () => checkWaiverDecision({ request, decider: { id: 'bob', roles: ['analyst', 'legal-reviewer'] }, decision: 'APPROVE' }, policy),
      'WAIVER.ROLE_REQUIRED',
    );
    expect(err.message).toContain('senior-reviewer');
  });

  it('Given ENDANGERS_SOURCES and no legal concurrence, When approved, Then WAIVER.LEGAL_CONCURRENCE_REQUIRED', () => {
    expectPolicyError(() => checkWaiverDecision({ request: sources, decider: sam, decision: 'APPROVE' }, policy), 'WAIVER.LEGAL_CONCURRENCE_REQUIRED');
  });

  it('Given ENDANGERS_SOURCES and a legal non-concurrence, When approved, Then WAIVER.LEGAL_CONCURRENCE_REQUIRED', () => {
    const input = { request: sources, decider: sam, decision: 'APPROVE' as const, legalConcurrence: { concurs: false, by: 'lee' } };
    const err = expectPolicyError(() => checkWaiverDecision(input, policy), 'WAIVER.LEGAL_CONCURRENCE_REQUIRED');
    expect(err.message).toContain('did not concur');
  });

  it('Given ENDANGERS_SOURCES and a legal reviewer concurred, When approved, Then it is allowed', () => {
    const input = { request: sources, decider: sam, decision: 'APPROVE' as const, legalConcurrence: { concurs: true, by: 'lee' } };
    expect(() => checkWaiverDecision(input, policy)).not.toThrow();
  });

  it.each(['ana', 'sam'])('Given the concurrence came from %s (requester or decider), Then it is not independent', (by) => {
    const input = { request: sources, decider: sam, decision: 'APPROVE' as const, legalConcurrence: { concurs: true, by } };
    expectPolicyError(() => checkWaiverDecision(input, policy), 'WAIVER.LEGAL_CONCURRENCE_NOT_INDEPENDENT');
  });

  it('Given ENDANGERS_SOURCES, When denied without legal concurrence, Then it is allowed: denial keeps the duty', () => {
    expect(() => checkWaiverDecision({ request: sources, decider: sam, decision: 'DENY' }, policy)).not.toThrow();
  });

  it('Given a recorded request with an unknown code, When decided, Then WAIVER.UNKNOWN_CODE', () => {
    expectPolicyError(() => checkWaiverDecision({ request: { requestedBy: 'ana', codes: ['NOPE'] }, decider: sam, decision: 'DENY' }, policy), 'WAIVER.UNKNOWN_CODE');
  });
});

describe('checkLegalConcurrence', () => {
  const sources = { requestedBy: 'ana', codes: ['ENDANGERS_SOURCES'] };

  it('Given a legal reviewer who did not request the waiver, Then they may record concurrence', () => {
    expect(() => checkLegalConcurrence({ request: sources, reviewer: lee }, policy)).not.toThrow();
  });

  it('Given the requester holds the legal-reviewer role, Then WAIVER.SELF_CONCURRENCE', () => {
    const reviewer = { id: 'ana', roles: ['analyst', 'legal-reviewer'] };
    expectPolicyError(() => checkLegalConcurrence({ request: sources, reviewer }, policy), 'WAIVER.SELF_CONCURRENCE');
  });

  it('Given a senior reviewer without the legal-reviewer role, Then WAIVER.ROLE_REQUIRED', () => {
    expectPolicyError(() => checkLegalConcurrence({ request: sources, reviewer: sam }, policy), 'WAIVER.ROLE_REQUIRED');
  });
});
