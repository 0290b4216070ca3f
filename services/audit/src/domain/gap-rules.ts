import type { ForewarnEventType } from '@forewarn/contracts';

/**
 * Which event must already be in a case before another makes sense. The envelope carries no
 * producer sequence number, so a skipped step is inferred from the pipeline's order: e.g. a
 * DutyDetermined for a case with no ThreatReported.
 */
const EXPECTED_BEFORE: Partial<Record<ForewarnEventType, ForewarnEventType>> = {
  AnalystAssessmentRecorded: 'ThreatReported',
  DutyDetermined: 'ThreatReported',
  WaiverReviewOpened: 'DutyDetermined',
  WaiverRequested: 'WaiverReviewOpened',
  LegalConcurrenceRecorded: 'WaiverRequested',
  WaiverApproved: 'WaiverRequested',
  WaiverDenied: 'WaiverRequested',
  WaiverReviewEscalated: 'WaiverReviewOpened',
  WarningAuthorized: 'DutyDetermined',
  DeliveryPlanned: 'WarningAuthorized',
  WarningDispatched: 'DeliveryPlanned',
  WarningDelivered: 'WarningDispatched',
  WarningDeliveryFailed: 'WarningDispatched',
  WarningAcknowledged: 'WarningDispatched',
};

export function expectedPredecessor(type: string): ForewarnEventType | null {
  return EXPECTED_BEFORE[type as ForewarnEventType] ?? null;
}

/**
 * Whether a causationId names a Forewarn event. Partner messages (their record's identity,
 * `topic:partition:offset:digest`, or `topic:partition:offset` before digests) are causes
 * outside the log, so their absence is no gap.
 */
export function isEventReference(causationId: string | null | undefined): causationId is string {
  return typeof causationId === 'string' && causationId.length > 0 && !/^[^\s:]+:\d+:\d+(:[0-9a-f]{32})?$/.test(causationId);
}

export type GapKind = 'MISSING_CAUSE' | 'MISSING_PREDECESSOR';

/** A gap is only suspected until the grace period passes: topics are read independently. */
export function gapStatus(gap: { resolvedAt: string | null; detectedAt: string }, nowMs: number, graceMs: number): 'RESOLVED' | 'PENDING' | 'MISSING' {
  if (gap.resolvedAt) return 'RESOLVED';
  return Date.parse(gap.detectedAt) + graceMs > nowMs ? 'PENDING' : 'MISSING';
}
