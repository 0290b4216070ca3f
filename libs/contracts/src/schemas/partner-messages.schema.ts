import { sanitizedWarningSchema } from './event-data.schemas';
import { object, str, timestamp } from './common.schema';

/** Outbound: the sanitized warning, exactly as partners receive it. */
export const partnerWarningSchema = {
  $id: 'https://forewarn.example/schemas/partner-warning.v1.json',
  ...object(['schemaVersion', 'idempotencyKey', 'issuedAt', 'warning', 'text'], {
    schemaVersion: { const: 1 },
    idempotencyKey: str,
    issuedAt: timestamp,
    warning: sanitizedWarningSchema,
    text: str,
  }),
} as const;

/** Inbound: a recipient acknowledges a warning. */
export const partnerAcknowledgementSchema = {
  $id: 'https://forewarn.example/schemas/partner-acknowledgement.v1.json',
  ...object(['schemaVersion', 'idempotencyKey', 'acknowledgedBy', 'acknowledgedAt'], {
    schemaVersion: { const: 1 },
    idempotencyKey: str,
    acknowledgedBy: str,
    acknowledgedAt: timestamp,
  }),
} as const;

/** Outbound: where a reported case stands, for the organisation that reported it. */
export const partnerCaseStatusSchema = {
  $id: 'https://forewarn.example/schemas/partner-case-status.v1.json',
  ...object(['schemaVersion', 'caseId', 'sourceAgency', 'reportId', 'status', 'at'], {
    schemaVersion: { const: 1 },
    caseId: str,
    sourceAgency: str,
    reportId: str,
    status: { enum: ['RECEIVED', 'REJECTED', 'NO_DUTY', 'UNDER_REVIEW', 'WARNING_AUTHORIZED', 'WAIVED', 'WARNED', 'ACKNOWLEDGED'] },
    at: timestamp,
  }),
} as const;
