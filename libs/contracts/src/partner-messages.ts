import type { SanitizedWarning } from './events';

export interface PartnerWarningMessage {
  schemaVersion: 1;
  idempotencyKey: string;
  issuedAt: string;
  warning: SanitizedWarning;
  text: string;
}

export interface PartnerAcknowledgement {
  schemaVersion: 1;
  idempotencyKey: string;
  acknowledgedBy: string;
  acknowledgedAt: string;
}

export type PartnerCaseStatusValue =
  | 'RECEIVED'
  | 'REJECTED'
  | 'NO_DUTY'
  | 'UNDER_REVIEW'
  | 'WARNING_AUTHORIZED'
  | 'WAIVED'
  | 'WARNED'
  | 'ACKNOWLEDGED';

export interface PartnerCaseStatus {
  schemaVersion: 1;
  caseId: string;
  sourceAgency: string;
  reportId: string;
  status: PartnerCaseStatusValue;
  at: string;
}
