import type { ForewarnEventType } from '../events';
import { ThreatTypes } from '../threat-report';
import { threatReportSubmissionSchema } from './threat-report.schema';
import { anyStr, channel, facts, object, reasons, recipient, str, timestamp, waiverCode, window } from './common.schema';

// Embedded without its $id: Ajv registers each $id once.
const { $id: _reportId, ...reportSchema } = threatReportSubmissionSchema;

const sanitizedWarning = object(
  ['warningId', 'caseId', 'threatType', 'target', 'place', 'window', 'summary', 'recipient', 'channel'],
  {
    warningId: str,
    caseId: str,
    threatType: { enum: [...ThreatTypes] },
    target: str,
    place: { type: ['string', 'null'] },
    window: { oneOf: [window, { type: 'null' }] },
    summary: str,
    recipient,
    channel,
  },
);

/** JSON Schema of each event type's `data`, at its current schema version. */
export const eventDataSchemas: Record<ForewarnEventType, object> = {
  ThreatReported: object(['report', 'receivedVia', 'receivedAt'], {
    report: reportSchema,
    receivedVia: { enum: ['HTTP', 'KAFKA'] },
    receivedAt: timestamp,
  }),
  AnalystAssessmentRecorded: object(['assessment'], {
    assessment: object(['credibility', 'specific', 'notes'], {
      credibility: { enum: ['CREDIBLE', 'NOT_CREDIBLE', 'UNDETERMINED'] },
      specific: { type: 'boolean' },
      notes: anyStr,
    }),
  }),
  DutyDetermined: object(['outcome', 'reasons', 'facts', 'decidedBy'], {
    outcome: { enum: ['DUTY', 'NO_DUTY', 'NEEDS_ANALYST'] },
    reasons,
    facts,
    decidedBy: { enum: ['POLICY', 'POLICY_WITH_ANALYST'] },
  }),
  WaiverReviewOpened: object(['deadline', 'proposals', 'facts'], {
    deadline: timestamp,
    proposals: {
      type: 'array',
      items: object(['code', 'indicator'], { code: waiverCode, indicator: str }),
    },
    facts,
  }),
  WaiverRequested: object(['requestId', 'codes', 'justification', 'legalConcurrenceRequired'], {
    requestId: str,
    codes: { type: 'array', minItems: 1, uniqueItems: true, items: waiverCode },
    justification: str,
    legalConcurrenceRequired: { type: 'boolean' },
  }),
  LegalConcurrenceRecorded: object(['requestId', 'concurs', 'note'], {
    requestId: str,
    concurs: { type: 'boolean' },
    note: anyStr,
  }),
  WaiverApproved: object(['requestId', 'codes', 'requestedBy', 'note'], {
    requestId: str,
    codes: { type: 'array', minItems: 1, items: waiverCode },
    requestedBy: str,
    note: anyStr,
  }),
  WaiverDenied: object(['requestId', 'requestedBy', 'reason'], { requestId: str, requestedBy: str, reason: anyStr }),
  WaiverReviewEscalated: object(['reason', 'deadline', 'escalatedTo', 'note'], {
    reason: { enum: ['REVIEW_OVERDUE', 'DISPUTE'] },
    deadline: timestamp,
    escalatedTo: { enum: ['ARBITER'] },
    note: anyStr,
  }),
  WarningAuthorized: object(['basis', 'source', 'threat', 'target', 'releasableSummary'], {
    basis: { enum: ['NO_WAIVER_PROPOSED', 'WAIVER_DENIED', 'LEGAL_NONCONCURRENCE'] },
    source: object(['sourceAgency', 'reportId'], { sourceAgency: str, reportId: str }),
    threat: object(['type'], {
      type: { enum: [...ThreatTypes] },
      window,
      location: threatReportSubmissionSchema.properties.threat.properties.location,
    }),
    target: threatReportSubmissionSchema.properties.target,
    releasableSummary: str,
  }),
  DeliveryPlanned: object(['plan', 'facts'], {
    plan: object(['recipient', 'channel', 'reasons'], { recipient, channel, reasons }),
    facts,
  }),
  WarningDispatched: object(['deliveryId', 'idempotencyKey', 'adapter', 'warning', 'text'], {
    deliveryId: str,
    idempotencyKey: str,
    adapter: str,
    warning: sanitizedWarning,
    text: str,
    partner: { type: 'string', pattern: '^[A-Z0-9][A-Z0-9-]{0,31}$' },
  }),
  WarningDelivered: object(['deliveryId', 'adapter', 'attempts'], {
    deliveryId: str,
    adapter: str,
    attempts: { type: 'integer', minimum: 1 },
  }),
  WarningDeliveryFailed: object(['deliveryId', 'adapter', 'attempts', 'error', 'final'], {
    deliveryId: str,
    adapter: str,
    attempts: { type: 'integer', minimum: 1 },
    error: str,
    final: { type: 'boolean' },
  }),
  WarningAcknowledged: object(['deliveryId', 'via', 'acknowledgedBy'], {
    deliveryId: str,
    via: { enum: ['API', 'KAFKA'] },
    acknowledgedBy: str,
  }),
  DeadLetterRedriven: object(['deadLetterId', 'originalTopic', 'reason'], {
    deadLetterId: str,
    originalTopic: str,
    reason: anyStr,
  }),
};

export { sanitizedWarning as sanitizedWarningSchema };
