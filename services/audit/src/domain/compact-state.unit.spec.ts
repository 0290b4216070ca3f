import type { ForewarnEvent } from '@forewarn/contracts';
import { caseScenario } from '../../test/case-scenario';
import { initialCaseState, type CaseState } from './case-state';
import { compactForProjection, PROJECTION_LIST_LIMIT } from './compact-state';
import { evolveCase } from './evolve-case';

/** A warned case whose warning is dispatched, failed and delivered again and again, out of order. */
function busyCase(): ForewarnEvent[] {
  const base = caseScenario({ caseId: 'c-busy', start: '2024-03-07T10:00:00.000Z', path: 'warned' });
  const [dispatched, delivered, acknowledged] = base.slice(5) as [ForewarnEvent<'WarningDispatched'>, ForewarnEvent<'WarningDelivered'>, ForewarnEvent<'WarningAcknowledged'>];
  const more: ForewarnEvent[] = [];
  for (let i = 0; i < 3 * PROJECTION_LIST_LIMIT; i++) {
    const deliveryId = `d-${i % 27}`; // some ids come back: a re-dispatch replaces an older entry
    more.push({ ...dispatched, eventId: `x-${i}`, data: { ...dispatched.data, deliveryId, text: `text ${i}` } });
    if (i % 3 === 0) more.push({ ...delivered, eventId: `y-${i}`, data: { ...delivered.data, deliveryId: `d-${(i * 7) % 27}` } });
    if (i % 5 === 0) more.push({ ...acknowledged, eventId: `z-${i}`, data: { ...acknowledged.data, deliveryId: `d-${i % 27}` } });
  }
  return [...base, ...more];
}

const step = (s: CaseState, e: ForewarnEvent, i: number) => evolveCase(s, { position: i + 1, event: e });

describe('compactForProjection', () => {
  it('gives the same row whether the live path compacts after every step or a rebuild once at the end', () => {
    const events = busyCase();
    const live = events.reduce((s, e, i) => compactForProjection(step(s, e, i)), initialCaseState('c-busy'));
    const full = events.reduce(step, initialCaseState('c-busy'));
    const rebuilt = compactForProjection(full);
    expect(live).toEqual(rebuilt);
    expect(live.dispatches).toHaveLength(PROJECTION_LIST_LIMIT);
    expect(live.dispatches.every((d) => d.text === '')).toBe(true);
    expect(full.dispatches.length).toBeGreaterThan(PROJECTION_LIST_LIMIT);
    expect({ status: live.status, stages: live.stages, acknowledgement: live.acknowledgement }).toEqual({ status: full.status, stages: full.stages, acknowledgement: full.acknowledgement });
  });
});
