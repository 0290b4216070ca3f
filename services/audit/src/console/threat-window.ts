import type { EventEnvelope } from '@forewarn/contracts';
import { currentEnvelope } from '../domain/upcast-envelope';

export interface ThreatWindow {
  earliest: string;
  latest: string;
}

/** The threat window a ThreatReported entry of the log carries; null when purged or absent. */
export function threatWindowOf(envelopeText: string | null): ThreatWindow | null {
  if (envelopeText === null) return null;
  try {
    const event = currentEnvelope(JSON.parse(envelopeText) as EventEnvelope);
    if (event.type !== 'ThreatReported') return null;
    const window = event.data.report.threat.window;
    return window && !Number.isNaN(Date.parse(window.earliest)) ? { earliest: window.earliest, latest: window.latest } : null;
  } catch {
    return null;
  }
}

export const UNWARNED_HORIZON_MS = 24 * 3_600_000;

/** The window opens within the horizon (or has opened) and has not closed yet. */
export function isNearWindow(window: ThreatWindow, nowMs: number, horizonMs = UNWARNED_HORIZON_MS): boolean {
  const latest = Date.parse(window.latest);
  return Date.parse(window.earliest) - nowMs <= horizonMs && (Number.isNaN(latest) || latest >= nowMs);
}

/**
 * Case statuses with a duty still open: reviewed or on the way to the recipient, not yet
 * warned, waived or closed. The projection's status is the furthest stage reached.
 */
export const UnwarnedDutyStatuses = [
  'DUTY', 'UNDER_REVIEW', 'WAIVER_REQUESTED', 'WAIVER_DENIED', 'ESCALATED', 'WARNING_AUTHORIZED', 'DELIVERY_PLANNED', 'WARNING_DISPATCHED', 'DELIVERY_FAILED',
];

/** A review still waiting for its decision (escalated reviews stay open until decided). */
export const OpenReviewStatuses = ['UNDER_REVIEW', 'WAIVER_REQUESTED', 'ESCALATED'];
