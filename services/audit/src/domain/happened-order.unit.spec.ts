import { inHappenedOrder, type OrderedEntry } from './happened-order';

const entry = (position: number, eventId: string, occurredAt: string, causationId?: string): OrderedEntry => ({
  position,
  eventId,
  occurredAt: `2026-11-26T22:47:${occurredAt}Z`,
  causationId,
});
const ids = (es: OrderedEntry[]) => es.map((e) => e.eventId);

describe('a case history in the order things happened', () => {
  it('puts a service logged early after the analyst decision that caused it', () => {
    // Notification's topic was read before assessment's: arrival order is not causal order.
    const log = [
      entry(1, 'reported', '14.000'),
      entry(2, 'needs-analyst', '14.100', 'reported'),
      entry(3, 'planned', '20.300', 'authorized'),
      entry(4, 'dispatched', '20.300', 'planned'),
      entry(5, 'assessed', '20.000'),
      entry(6, 'duty', '20.100', 'assessed'),
      entry(7, 'opened', '20.200', 'duty'),
      entry(8, 'authorized', '20.200', 'opened'),
    ];
    expect(ids(inHappenedOrder(log))).toEqual(['reported', 'needs-analyst', 'assessed', 'duty', 'opened', 'authorized', 'planned', 'dispatched']);
  });

  it('keeps an effect after its cause when both carry the same millisecond, whatever their log order', () => {
    const log = [entry(1, 'authorized', '14.510'), entry(2, 'dispatched', '14.615', 'planned'), entry(3, 'delivered', '14.615', 'dispatched'), entry(4, 'planned', '14.615', 'authorized')];
    expect(ids(inHappenedOrder(log))).toEqual(['authorized', 'planned', 'dispatched', 'delivered']);
  });

  it('orders unrelated events by when they happened, then by log position', () => {
    const log = [entry(1, 'b', '15.000'), entry(2, 'a', '14.000'), entry(3, 'c', '15.000')];
    expect(ids(inHappenedOrder(log))).toEqual(['a', 'b', 'c']);
  });
});
