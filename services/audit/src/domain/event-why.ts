import type { ForewarnEvent } from '@forewarn/contracts';

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code).join(', ') || 'none';

/** The "why" of an event in one line, for the case history an auditor reads. */
export function eventWhy(e: ForewarnEvent): string {
  switch (e.type) {
    case 'ThreatReported':
      return `report ${e.data.report.reportId} from ${e.data.report.sourceAgency} received via ${e.data.receivedVia}: ${e.data.report.threat.type} against ${e.data.report.target.description}`;
    case 'AnalystAssessmentRecorded':
      return `analyst judged the report ${e.data.assessment.credibility}, ${e.data.assessment.specific ? 'specific' : 'not specific'}${e.data.assessment.notes ? `: ${e.data.assessment.notes}` : ''}`;
    case 'DutyDetermined':
      return `${e.data.outcome} under ${e.policyVersion ?? 'no recorded policy'} (${e.data.decidedBy}): ${codes(e.data.reasons)}`;
    case 'WaiverReviewOpened':
      return `waiver review due ${e.data.deadline}; proposed waivers: ${e.data.proposals.map((p) => `${p.code} (${p.indicator})`).join(', ') || 'none'}`;
    case 'WaiverRequested':
      return `waiver ${e.data.requestId} requested on ${e.data.codes.join(', ')}: ${e.data.justification}`;
    case 'LegalConcurrenceRecorded':
      return `legal reviewer ${e.data.concurs ? 'concurs' : 'does not concur'} with ${e.data.requestId}${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'WaiverApproved':
      return `waiver ${e.data.requestId} (${e.data.codes.join(', ')}) requested by ${e.data.requestedBy} approved${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'WaiverDenied':
      return `waiver ${e.data.requestId} requested by ${e.data.requestedBy} denied: ${e.data.reason}`;
    case 'WaiverReviewEscalated':
      return `escalated to ${e.data.escalatedTo} (${e.data.reason}, deadline ${e.data.deadline})${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'WarningAuthorized':
      return `warning authorized: ${e.data.basis}`;
    case 'DeliveryPlanned':
      return `${e.data.plan.channel} to ${e.data.plan.recipient.kind.toLowerCase()} ${e.data.plan.recipient.name}: ${codes(e.data.plan.reasons)}`;
    case 'WarningDispatched':
      return `warning ${e.data.deliveryId} handed to ${e.data.adapter} (${e.data.warning.channel}) for ${e.data.warning.recipient.name}`;
    case 'WarningDelivered':
      return `warning ${e.data.deliveryId} delivered after ${e.data.attempts} attempt(s)`;
    case 'WarningDeliveryFailed':
      return `warning ${e.data.deliveryId} ${e.data.final ? 'finally failed' : 'failed'} after ${e.data.attempts} attempt(s): ${e.data.error}`;
    case 'WarningAcknowledged':
      return `warning ${e.data.deliveryId} acknowledged by ${e.data.acknowledgedBy} via ${e.data.via}`;
    case 'DeadLetterRedriven':
      return `dead letter ${e.data.deadLetterId} re-driven to ${e.data.originalTopic}: ${e.data.reason}`;
    default:
      return (e as { type: string }).type;
  }
}
