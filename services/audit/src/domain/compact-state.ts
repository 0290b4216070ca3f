import type { CaseState } from './case-state';

/** How many of each list the read model keeps; the log keeps everything. */
export const PROJECTION_LIST_LIMIT = 20;

const last = <T>(items: T[]) => (items.length > PROJECTION_LIST_LIMIT ? items.slice(-PROJECTION_LIST_LIMIT) : items);

/**
 * The case as the read model stores it: the latest entries of each list and no warning texts,
 * so a case the log gives thousands of events stays a small row. State and report endpoints
 * fold the log itself, in full. Safe to fold on: evolveCase only appends to these lists or
 * updates an entry by its key, and never reads a text, so compacting after every step gives
 * the same result as compacting once at the end (a rebuild equals the live table).
 */
export function compactForProjection(s: CaseState): CaseState {
  return {
    ...s,
    assessments: last(s.assessments),
    waiverRequests: last(s.waiverRequests),
    escalations: last(s.escalations),
    dispatches: last(s.dispatches).map((d) => ({ ...d, text: '', failures: last(d.failures) })),
    redrives: last(s.redrives),
  };
}
