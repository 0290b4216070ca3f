import { deadlineItems, type DeliveryLine, type OverdueReviewLine } from './deadline-items';

const review = (caseId: string, deadline: string, extra: Record<string, unknown> = {}): OverdueReviewLine =>
  ({ caseId, state: 'OPEN', deadline, escalated: false, escalatedAt: null, target: { kind: 'PERSON', description: 'Listed commander' }, ...extra }) as OverdueReviewLine;
const delivery = (caseId: string, state: string, extra: Partial<DeliveryLine> = {}): DeliveryLine =>
  ({
    deliveryId: `d-${caseId}`,
    caseId,
    state,
    attempts: 2,
    attemptLimit: 5,
    channel: 'LIAISON',
    nextAttemptAt: '2025-06-01T12:05:00Z',
    escalatedAt: null,
    recipient: { kind: 'SERVICE', name: 'FSB' },
    text: 'WARNING: extremists plan to attack a concert',
    warning: { summary: 'secret-ish' },
    ...extra,
  }) as DeliveryLine;

describe('deadlineItems', () => {
  it('puts the most urgent first: what was due earliest, then escalations before reviews', () => {
    const items = deadlineItems(
      {
        overdueReviews: [review('c-review', '2025-06-01T11:00:00Z')],
        deliveries: [delivery('c-escalated', 'ESCALATED', { escalatedAt: '2025-06-01T11:00:00Z' }), delivery('c-pending', 'PENDING')],
        unwarned: [{ caseId: 'c-window', status: 'UNDER_REVIEW', window: { earliest: '2025-06-01T18:00:00Z', latest: '2025-06-02T00:00:00Z' } }],
      },
      new Map(),
    );
    expect(items.map((i) => [i.kind, i.caseId])).toEqual([
      ['DELIVERY_ESCALATED', 'c-escalated'],
      ['REVIEW_OVERDUE', 'c-review'],
      ['DELIVERY_PENDING', 'c-pending'],
      ['UNWARNED_NEAR_WINDOW', 'c-window'],
    ]);
  });

  it('dates a pending delivery by its threat window when the log knows it, and lists a case once', () => {
    const window = { earliest: '2025-06-01T13:00:00Z', latest: '2025-06-01T20:00:00Z' };
    const items = deadlineItems(
      { overdueReviews: [], deliveries: [delivery('c-1', 'PENDING')], unwarned: [{ caseId: 'c-1', status: 'WARNING_DISPATCHED', window }] },
      new Map([['c-1', window]]),
    );
    expect(items).toEqual([
      { kind: 'DELIVERY_PENDING', caseId: 'c-1', dueAt: window.earliest, state: 'PENDING', windowOpensAt: window.earliest, deliveryId: 'd-c-1', channel: 'LIAISON', attempts: 2, attemptLimit: 5, escalatedAt: null },
    ]);
  });

  it('carries no threat detail from the sources: no target, recipient, warning or text', () => {
    const items = deadlineItems(
      { overdueReviews: [review('c-1', '2025-06-01T11:00:00Z', { escalated: true, escalatedAt: '2025-06-01T11:00:02Z' })], deliveries: [delivery('c-2', 'ESCALATED')], unwarned: [] },
      new Map(),
    );
    const text = JSON.stringify(items);
    for (const secret of ['Listed commander', 'FSB', 'concert', 'secret-ish', 'recipient', 'target', 'text']) expect(text).not.toContain(secret);
    expect(items.find((i) => i.caseId === 'c-1')).toMatchObject({ state: 'OPEN, ESCALATED', escalatedAt: '2025-06-01T11:00:02Z' });
  });
});
