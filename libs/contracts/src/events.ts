import type { EventEnvelope } from './envelope';
import type { ThreatReportSubmission, ThreatType, TimeWindow, Credibility } from './threat-report';

/** A reason a rule gave, with a stable code auditors and tests can match on. */
export interface Reason {
  code: string;
  message: string;
}

export type WaiverCode =
  | 'ALREADY_AWARE'
  | 'ARMED_CONFLICT'
  | 'VIOLENT_ACTOR'
  | 'ENDANGERS_SOURCES'
  | 'NO_REASONABLE_WAY';

export type DeliveryChannel = 'DOMESTIC_LAW_ENFORCEMENT' | 'DIPLOMATIC' | 'LIAISON';
export type RecipientKind = 'VICTIM' | 'PROTECTOR';

// ---- intake ----
export interface ThreatReportedData {
  report: ThreatReportSubmission;
  receivedVia: 'HTTP' | 'KAFKA';
  receivedAt: string;
}

// ---- assessment ----
export interface AnalystAssessmentData {
  credibility: Credibility;
  /** The analyst's judgement that the report is specific enough to warn on. */
  specific: boolean;
  notes: string;
}
export interface AnalystAssessmentRecordedData {
  assessment: AnalystAssessmentData;
}
export interface DutyDeterminedData {
  outcome: 'DUTY' | 'NO_DUTY' | 'NEEDS_ANALYST';
  reasons: Reason[];
  /** The exact inputs the rule read, so replay can run it again. */
  facts: Record<string, unknown>;
  decidedBy: 'POLICY' | 'POLICY_WITH_ANALYST';
}

// ---- waiver review ----
export interface WaiverProposal {
  code: WaiverCode;
  indicator: string;
}
export interface WaiverReviewOpenedData {
  deadline: string;
  proposals: WaiverProposal[];
  facts: Record<string, unknown>;
}
export interface WaiverRequestedData {
  requestId: string;
  codes: WaiverCode[];
  justification: string;
  legalConcurrenceRequired: boolean;
}
export interface LegalConcurrenceRecordedData {
  requestId: string;
  concurs: boolean;
  note: string;
}
export interface WaiverApprovedData {
  requestId: string;
  codes: WaiverCode[];
  requestedBy: string;
  note: string;
}
export interface WaiverDeniedData {
  requestId: string;
  requestedBy: string;
  reason: string;
}
export interface WaiverReviewEscalatedData {
  reason: 'REVIEW_OVERDUE' | 'DISPUTE';
  deadline: string;
  escalatedTo: 'ARBITER';
  note: string;
}
export interface WarningAuthorizedData {
  basis: 'NO_WAIVER_PROPOSED' | 'WAIVER_DENIED' | 'LEGAL_NONCONCURRENCE';
  /** The report this warning answers, so status can flow back to the reporting organisation. */
  source: { sourceAgency: string; reportId: string };
  /** What the warning is about: the releasable facts notification needs to plan delivery. */
  threat: { type: ThreatType; window?: TimeWindow; location?: { description: string; countryCode: string } };
  target: ThreatReportSubmission['target'];
  releasableSummary: string;
}

// ---- notification ----
export interface SanitizedWarning {
  warningId: string;
  caseId: string;
  threatType: ThreatType;
  target: string;
  place: string | null;
  window: TimeWindow | null;
  summary: string;
  recipient: { kind: RecipientKind; name: string };
  channel: DeliveryChannel;
}
export interface DeliveryPlannedData {
  plan: { recipient: { kind: RecipientKind; name: string }; channel: DeliveryChannel; reasons: Reason[] };
  facts: Record<string, unknown>;
}
export interface WarningDispatchedData {
  deliveryId: string;
  idempotencyKey: string;
  adapter: string;
  warning: SanitizedWarning;
  /** The exact text sent. */
  text: string;
  /** On the kafka adapter: the partner agency whose warnings topic it went to. */
  partner?: string;
}
export interface WarningDeliveredData {
  deliveryId: string;
  adapter: string;
  attempts: number;
}
export interface WarningDeliveryFailedData {
  deliveryId: string;
  adapter: string;
  attempts: number;
  error: string;
  /** true when retries are exhausted and a person must take over. */
  final: boolean;
}
export interface WarningAcknowledgedData {
  deliveryId: string;
  via: 'API' | 'KAFKA';
  acknowledgedBy: string;
}

// ---- operations ----
export interface DeadLetterRedrivenData {
  deadLetterId: string;
  originalTopic: string;
  reason: string;
}

/** The event catalogue: every event type and its data. */
export interface ForewarnEventDataMap {
  ThreatReported: ThreatReportedData;
  AnalystAssessmentRecorded: AnalystAssessmentRecordedData;
  DutyDetermined: DutyDeterminedData;
  WaiverReviewOpened: WaiverReviewOpenedData;
  WaiverRequested: WaiverRequestedData;
  LegalConcurrenceRecorded: LegalConcurrenceRecordedData;
  WaiverApproved: WaiverApprovedData;
  WaiverDenied: WaiverDeniedData;
  WaiverReviewEscalated: WaiverReviewEscalatedData;
  WarningAuthorized: WarningAuthorizedData;
  DeliveryPlanned: DeliveryPlannedData;
  WarningDispatched: WarningDispatchedData;
  WarningDelivered: WarningDeliveredData;
  WarningDeliveryFailed: WarningDeliveryFailedData;
  WarningAcknowledged: WarningAcknowledgedData;
  DeadLetterRedriven: DeadLetterRedrivenData;
}

export type ForewarnEventType = keyof ForewarnEventDataMap;
export type ForewarnEvent<T extends ForewarnEventType = ForewarnEventType> = {
  [K in T]: EventEnvelope<K, ForewarnEventDataMap[K]>;
}[T];
