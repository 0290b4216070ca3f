import type { WaiverCode, WaiverProposal, WarningAuthorizedData } from '@forewarn/contracts';
import type { DutyOutcome, ReleasableFacts, WaiverFacts } from '@forewarn/policy';

/** PENDING: waiting for the report and/or a DUTY; OPEN: people are reviewing; then how it ended. */
export type ReviewStatus = 'PENDING' | 'OPEN' | 'WARNING_AUTHORIZED' | 'WAIVED';

/** An event of another service this review was built from: what our events name as cause. */
export interface EventRef {
  eventId: string;
  correlationId: string;
}

/**
 * This service's own copy of the report: only the releasable facts (for WarningAuthorized)
 * and the waiver rule's inputs. The report's sources and methods are never kept here.
 */
export interface NotedReport {
  releasable: ReleasableFacts;
  waiverInputs: Omit<WaiverFacts, 'asOf'>;
  event: EventRef;
}

export interface NotedDuty {
  outcome: DutyOutcome;
  policyVersion: string | null;
  event: EventRef;
}

export type RequestStatus = 'PENDING' | 'APPROVED' | 'DENIED' | 'LEGAL_NONCONCURRENCE';

export interface ReviewRequest {
  requestId: string;
  codes: WaiverCode[];
  justification: string;
  legalConcurrenceRequired: boolean;
  requestedBy: string;
  requestedAt: string;
  eventId?: string;
  status: RequestStatus;
  legal?: { concurs: boolean; note: string; by: string; at: string };
  decision?: { decision: 'APPROVE' | 'DENY'; note: string; by: string; at: string };
}

/**
 * One case's waiver review. Persisted as the `state` column of its `reviews` row, always the
 * fold (evolve.ts) of what this service noted and emitted; the other columns index it.
 */
export interface ReviewState {
  caseId: string;
  status: ReviewStatus;
  report?: NotedReport;
  duty?: NotedDuty;
  /** The policy version the review was opened under; every later rule uses the same one. */
  policyVersion?: string;
  openedAt?: string;
  openedEventId?: string;
  deadline?: string;
  proposals?: WaiverProposal[];
  requests: ReviewRequest[];
  escalation?: { at: string; by: string; note: string; eventId?: string };
  warning?: { basis: WarningAuthorizedData['basis']; at: string };
}

export function initialReviewState(caseId: string): ReviewState {
  return { caseId, status: 'PENDING', requests: [] };
}

/** The correlation every event of the case carries: the duty's, or else the report's. */
export function caseCorrelation(state: ReviewState): string | undefined {
  return state.duty?.event.correlationId ?? state.report?.event.correlationId;
}
