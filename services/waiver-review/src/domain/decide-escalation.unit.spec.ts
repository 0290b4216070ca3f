import { after, at, decision, escalate, given, openReview, people, request, types, when } from '../test/review-scenario';

describe('waiver review: an overdue review escalates, once, and stays open', () => {
  // Opened at NOW with the threat 48 h off: due at NOW + 24 h.
  const open = openReview();

  it('Given an open review, When the scan runs after its deadline, Then WaiverReviewEscalated to the arbiter', () => {
    const events = when(open, escalate(at(24.5)));
    expect(events).toMatchObject([
      { type: 'WaiverReviewEscalated', data: { reason: 'REVIEW_OVERDUE', deadline: at(24), escalatedTo: 'ARBITER' }, metadata: { at: at(24.5) } },
    ]);
    expect(given([...open, ...events])).toMatchObject({ status: 'OPEN', escalation: { at: at(24.5) } });
  });

  it('Given an open review, When the scan runs at or before its deadline, Then nothing', () => {
    expect(when(open, escalate(at(24)))).toEqual([]);
    expect(when(open, escalate(at(1)))).toEqual([]);
  });

  it('Given an escalated review, When the scan runs again, Then nothing more', () => {
    expect(when(after(open, escalate(at(25))), escalate(at(26)))).toEqual([]);
  });

  it('Given an escalated review, When a senior reviewer decides it, Then the decision still counts', () => {
    const escalated = after(after(open, request(people.alice, ['VIOLENT_ACTOR'])), escalate(at(25)));
    expect(types(when(escalated, decision(people.carol, 'APPROVE')))).toEqual(['WaiverApproved']);
  });

  it('Given a decided review, When the scan runs after its deadline, Then nothing', () => {
    expect(when(openReview({}), escalate(at(48)))).toEqual([]);
  });

  it('Given an operator drill ahead of the clock, When it escalates, Then the event has the real time and the note the time they used', () => {
    const [event] = when(open, escalate(at(30), { id: 'olga', roles: ['operator'] }, 'OPERATOR', at(1)));
    expect(event.metadata).toEqual({ at: at(1), by: 'olga' });
    expect((event.data as { note: string }).note).toContain(`operator olga treating ${at(30)} as the time`);
  });
});
