import type { AnalystAssessmentData, DutyDeterminedData, ThreatReportSubmission } from '@forewarn/contracts';
import type { DutyOutcome } from '@forewarn/policy';

/** NEW: nothing known; RECEIVED: the report is in, the rule has not run yet; then the latest outcome. */
export type CaseStatus = 'NEW' | 'RECEIVED' | DutyOutcome;

export interface RecordedDecision extends DutyDeterminedData {
  policyVersion: string;
  at: string;
}

export interface RecordedAssessment extends AnalystAssessmentData {
  by: string;
  at: string;
}

/**
 * One case as assessment sees it: a fold of ThreatReported and this service's own events.
 * The application persists it as one row of `cases` (see case.repository.ts).
 */
export interface AssessmentCase {
  caseId: string;
  status: CaseStatus;
  report?: ThreatReportSubmission;
  receivedAt?: string;
  decision?: RecordedDecision;
  assessment?: RecordedAssessment;
  /** The case's correlation, carried from ThreatReported to every event this service emits. */
  correlationId?: string;
  /** The last event of the case, so the next one can name its cause. */
  lastEventId?: string;
}

export function initialCase(caseId: string): AssessmentCase {
  return { caseId, status: 'NEW' };
}
