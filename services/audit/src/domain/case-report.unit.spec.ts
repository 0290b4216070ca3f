import { getPolicy } from '@forewarn/policy';
import type { ForewarnEvent } from '@forewarn/contracts';
import { caseScenario } from '../../test/case-scenario';
import { buildCaseReport } from './case-report';
import { initialCaseState } from './case-state';
import { evolveCase } from './evolve-case';

const report = (events: ForewarnEvent[]) =>
  buildCaseReport(events.reduce((s, event, i) => evolveCase(s, { position: i + 1, event }), initialCaseState(events[0].caseId)), getPolicy);

describe('the case report', () => {
  it('answers for a warned case: first awareness, duty, channel, text, time and acknowledgement', () => {
    const r = report(caseScenario({ caseId: 'c-r', start: '2024-03-07T10:00:00.000Z', path: 'warned' }));
    expect(r.firstAwareness).toMatchObject({ at: '2024-03-07T10:00:00.000Z', from: { sourceAgency: 'NCTC' } });
    expect(r).toMatchObject({ dutyConsidered: true, duty: { outcome: 'DUTY', policyVersion: 'icd191-2015.1' }, warned: true, waiver: { waived: false } });
    expect(r.warning).toMatchObject({ channel: 'LIAISON', deliveredAt: '2024-03-07T10:06:00.000Z', acknowledgement: { by: 'FSB duty officer' } });
    expect(r.warning.text).toMatch(/Federal Security Service/);
    expect(r.answers.join(' ')).toMatch(/Warned through LIAISON/);
  });

  it('answers for a waived case: grounds from the recorded policy, requester and approver', () => {
    const r = report(caseScenario({ caseId: 'c-s', start: '2024-03-07T10:00:00.000Z', path: 'waived' }));
    expect(r.waiver).toMatchObject({ waived: true, requestedBy: 'alice', approvedBy: 'bob' });
    expect(r.waiver.grounds).toEqual([{ code: 'VIOLENT_ACTOR', ground: expect.stringMatching(/terrorist/) }]);
    expect(r.waiver.review?.proposals[0]).toMatchObject({ code: 'VIOLENT_ACTOR', indicator: 'victimListedViolentActor' });
    expect(r.warned).toBe(false);
  });
});
