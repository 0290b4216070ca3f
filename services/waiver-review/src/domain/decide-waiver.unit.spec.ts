import { after, decision, given, legal, openReview, people, request, types, when } from '../test/review-scenario';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'nothing thrown';
};

describe('waiver review: requests and four-eyes decisions', () => {
  const open = openReview({ victimListedViolentActor: true });
  const requestedBySam = after(open, request(people.sam, ['VIOLENT_ACTOR']));

  it('Given an open review, When an analyst requests a waiver, Then WaiverRequested, recorded with who and when', () => {
    const events = when(open, request(people.alice, ['VIOLENT_ACTOR']));
    expect(events).toMatchObject([
      { type: 'WaiverRequested', data: { requestId: 'req-1', codes: ['VIOLENT_ACTOR'], legalConcurrenceRequired: false }, metadata: { by: 'alice' } },
    ]);
    expect(given([...open, ...events]).requests).toMatchObject([{ requestId: 'req-1', requestedBy: 'alice', status: 'PENDING' }]);
  });

  it('Given an open review, When a non-analyst or a request without justification comes, Then the policy refuses it', () => {
    expect(code(() => when(open, request(people.carol, ['VIOLENT_ACTOR'])))).toBe('WAIVER.ROLE_REQUIRED');
    expect(code(() => when(open, request(people.alice, ['VIOLENT_ACTOR'], 'req-1', '  ')))).toBe('WAIVER.JUSTIFICATION_REQUIRED');
    expect(code(() => when(open, request(people.alice, ['NOT_A_CODE'])))).toBe('WAIVER.UNKNOWN_CODE');
  });

  it('Given a pending request, When another is made, Then WAIVER.REQUEST_PENDING', () => {
    expect(code(() => when(requestedBySam, request(people.alice, ['ALREADY_AWARE'], 'req-2')))).toBe('WAIVER.REQUEST_PENDING');
  });

  it('Given a review whose warning is authorized, When a waiver is requested, Then WAIVER.WARNING_ALREADY_AUTHORIZED', () => {
    expect(code(() => when(openReview({}), request(people.alice, ['ALREADY_AWARE'])))).toBe('WAIVER.WARNING_ALREADY_AUTHORIZED');
  });

  it('Given no review, or one waiting for its duty, When a waiver is requested, Then REVIEW_NOT_FOUND or REVIEW_NOT_OPEN', () => {
    expect(code(() => when([], request(people.alice, ['ALREADY_AWARE'])))).toBe('WAIVER.REVIEW_NOT_FOUND');
    expect(code(() => when(open.slice(0, 1), request(people.alice, ['ALREADY_AWARE'])))).toBe('WAIVER.REVIEW_NOT_OPEN');
  });

  it('Given sam requested, When sam (also a senior reviewer) decides it, Then WAIVER.SELF_APPROVAL, approve or deny', () => {
    expect(code(() => when(requestedBySam, decision(people.sam, 'APPROVE')))).toBe('WAIVER.SELF_APPROVAL');
    expect(code(() => when(requestedBySam, decision(people.sam, 'DENY')))).toBe('WAIVER.SELF_APPROVAL');
  });

  it('Given sam requested, When carol approves, Then WaiverApproved, the case is waived and no warning is authorized', () => {
    const events = when(requestedBySam, decision(people.carol, 'APPROVE'));
    expect(events).toMatchObject([{ type: 'WaiverApproved', data: { requestId: 'req-1', codes: ['VIOLENT_ACTOR'], requestedBy: 'sam' } }]);
    const state = given([...requestedBySam, ...events]);
    expect(state).toMatchObject({ status: 'WAIVED', requests: [{ status: 'APPROVED', decision: { decision: 'APPROVE', by: 'carol' } }] });
    expect(code(() => when([...requestedBySam, ...events], decision(people.carol, 'DENY')))).toBe('WAIVER.ALREADY_DECIDED');
  });

  it('Given sam requested, When carol denies, Then WaiverDenied and WarningAuthorized WAIVER_DENIED', () => {
    const events = when(requestedBySam, decision(people.carol, 'DENY'));
    expect(types(events)).toEqual(['WaiverDenied', 'WarningAuthorized']);
    expect(events[1].data).toMatchObject({ basis: 'WAIVER_DENIED', releasableSummary: expect.any(String) });
    expect(given([...requestedBySam, ...events]).status).toBe('WARNING_AUTHORIZED');
  });

  it('Given an unknown request id, When it is decided, Then WAIVER.REQUEST_NOT_FOUND', () => {
    expect(code(() => when(requestedBySam, decision(people.carol, 'APPROVE', 'req-404')))).toBe('WAIVER.REQUEST_NOT_FOUND');
  });
});

describe('waiver review: ENDANGERS_SOURCES needs a legal reviewer', () => {
  const requested = after(openReview({ warningEndangersSources: true }), request(people.alice, ['ENDANGERS_SOURCES']));

  it('Given the request, Then it is recorded as needing legal concurrence', () => {
    expect(given(requested).requests[0].legalConcurrenceRequired).toBe(true);
  });

  it('Given no legal concurrence, When carol approves, Then WAIVER.LEGAL_CONCURRENCE_REQUIRED; a denial needs none', () => {
    expect(code(() => when(requested, decision(people.carol, 'APPROVE')))).toBe('WAIVER.LEGAL_CONCURRENCE_REQUIRED');
    expect(types(when(requested, decision(people.carol, 'DENY')))).toEqual(['WaiverDenied', 'WarningAuthorized']);
  });

  it('Given lee concurred, When carol approves, Then WaiverApproved', () => {
    const concurred = after(requested, legal(people.lee, true));
    expect(types(concurred.slice(-1))).toEqual(['LegalConcurrenceRecorded']);
    expect(types(when(concurred, decision(people.carol, 'APPROVE')))).toEqual(['WaiverApproved']);
  });

  it('Given the request, When lee does not concur, Then the warning is authorized on LEGAL_NONCONCURRENCE and nobody can approve', () => {
    const events = when(requested, legal(people.lee, false));
    expect(types(events)).toEqual(['LegalConcurrenceRecorded', 'WarningAuthorized']);
    expect(events[1].data).toMatchObject({ basis: 'LEGAL_NONCONCURRENCE' });
    expect(code(() => when([...requested, ...events], decision(people.carol, 'APPROVE')))).toBe('WAIVER.WARNING_ALREADY_AUTHORIZED');
  });

  it('Given the request, When the requester, a second legal reviewer or a non-lawyer weighs in, Then each is refused', () => {
    const aliceAlsoLegal = { id: 'alice', roles: ['analyst', 'legal-reviewer'] };
    expect(code(() => when(requested, legal(aliceAlsoLegal, true)))).toBe('WAIVER.SELF_CONCURRENCE');
    expect(code(() => when(requested, legal(people.carol, true)))).toBe('WAIVER.ROLE_REQUIRED');
    expect(code(() => when(after(requested, legal(people.lee, true)), legal({ id: 'liz', roles: ['legal-reviewer'] }, true)))).toBe(
      'WAIVER.LEGAL_CONCURRENCE_ALREADY_RECORDED',
    );
  });

  it('Given a request that needs no legal concurrence, When a legal reviewer records one, Then WAIVER.LEGAL_CONCURRENCE_NOT_REQUIRED', () => {
    const violent = after(openReview(), request(people.alice, ['VIOLENT_ACTOR']));
    expect(code(() => when(violent, legal(people.lee, false)))).toBe('WAIVER.LEGAL_CONCURRENCE_NOT_REQUIRED');
  });
});
