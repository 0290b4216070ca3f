import { caseScenario } from '../../test/case-scenario';
import { initialCaseState } from './case-state';
import { evolveCase } from './evolve-case';
import type { ForewarnEvent } from '@forewarn/contracts';

const fold = (events: ForewarnEvent[]) => events.reduce((s, event, i) => evolveCase(s, { position: 100 + i, event }), initialCaseState(events[0].caseId));

describe('evolveCase', () => {
  it('given a warned case: the warning channel, text, delivery and acknowledgement', () => {
    const s = fold(caseScenario({ caseId: 'c-w', start: '2024-03-07T10:00:00.000Z', path: 'warned' }));
    expect(s.status).toBe('ACKNOWLEDGED');
    expect(s.awareness).toMatchObject({ at: '2024-03-07T10:00:00.000Z', sourceAgency: 'NCTC', via: 'KAFKA' });
    expect(s.duty).toMatchObject({ outcome: 'DUTY', policyVersion: 'icd191-2015.1' });
    expect(s.dispatches).toHaveLength(1);
    expect(s.dispatches[0]).toMatchObject({ channel: 'LIAISON', delivered: { attempts: 1 }, acknowledged: { acknowledgedBy: 'FSB duty officer' } });
    expect(s.dispatches[0].text).toContain('Federal Security Service');
    expect(s).toMatchObject({ eventCount: 8, firstPosition: 100, lastPosition: 107 });
  });

  it('given a waiver request, when it is approved, then the case is waived with requester and approver', () => {
    const events = caseScenario({ caseId: 'c-x', start: '2024-03-07T10:00:00.000Z', path: 'waived' });
    const before = fold(events.slice(0, -1));
    expect(before.status).toBe('WAIVER_REQUESTED');
    expect(before.waiverRequests[0]).toMatchObject({ by: 'alice', decision: null });
    const after = evolveCase(before, { position: 200, event: events[events.length - 1] });
    expect(after.status).toBe('WAIVED');
    expect(after.waiverRequests[0].decision).toMatchObject({ outcome: 'APPROVED', by: 'bob' });
  });

  it('given an out-of-scope threat: no duty, nothing else', () => {
    const s = fold(caseScenario({ caseId: 'c-n', start: '2024-03-07T10:00:00.000Z', path: 'no-duty' }));
    expect(s.status).toBe('NO_DUTY');
    expect(s.duty?.reasons[0].code).toBe('DUTY.OUT_OF_SCOPE');
  });

  it('is pure: folding twice gives equal states and leaves the input untouched', () => {
    const events = caseScenario({ caseId: 'c-p', start: '2024-03-07T10:00:00.000Z', path: 'warned' });
    const copy = JSON.parse(JSON.stringify(events));
    expect(fold(events)).toEqual(fold(events));
    expect(events).toEqual(copy);
  });
});

describe('evolveCase across topics', () => {
  it('reaches the same status and times whatever order the topics were read in', () => {
    const events = caseScenario({ caseId: 'c-o', start: '2024-03-07T10:00:00.000Z', path: 'warned' });
    // Notification's events first, then waiver review's, then assessment's, then intake's.
    const byTopic = [...events.slice(4), ...events.slice(2, 4), events[1], events[0]];
    const s1 = fold(events);
    const s2 = fold(byTopic);
    expect(s2.status).toBe('ACKNOWLEDGED');
    expect(s2).toMatchObject({ status: s1.status, firstEventAt: s1.firstEventAt, lastEventAt: s1.lastEventAt, awareness: s1.awareness });
  });
});
