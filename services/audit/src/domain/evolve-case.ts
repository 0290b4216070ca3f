import type { ForewarnEvent } from '@forewarn/contracts';
import type { CaseState, DispatchState, Stamp, WaiverRequestState } from './case-state';

/** One entry of the log as the fold sees it: its place in the log and the (upcast) event. */
export interface FoldEntry {
  position: number;
  event: ForewarnEvent;
}

const stamp = (e: ForewarnEvent): Stamp => ({ at: e.occurredAt, by: e.actor.id, eventId: e.eventId });

function updateRequest(s: CaseState, requestId: string, patch: (r: WaiverRequestState) => WaiverRequestState): WaiverRequestState[] {
  return s.waiverRequests.map((r) => (r.requestId === requestId ? patch(r) : r));
}

function updateDispatch(s: CaseState, deliveryId: string, patch: (d: DispatchState) => DispatchState): DispatchState[] {
  return s.dispatches.map((d) => (d.deliveryId === deliveryId ? patch(d) : d));
}

/** What the event itself says about the case; bookkeeping (counts, positions) is added by evolveCase. */
function apply(s: CaseState, e: ForewarnEvent): CaseState {
  const at = stamp(e);
  switch (e.type) {
    case 'ThreatReported': {
      const r = e.data.report;
      // The first report is first awareness; a later one for the same case does not move it.
      const awareness = s.awareness ?? {
        ...at,
        actor: e.actor,
        via: e.data.receivedVia,
        receivedAt: e.data.receivedAt,
        sourceAgency: r.sourceAgency,
        reportId: r.reportId,
        threatType: r.threat.type,
        target: r.target.name ?? r.target.description,
      };
      return { ...s, awareness };
    }
    case 'AnalystAssessmentRecorded':
      return { ...s, assessments: [...s.assessments, { ...at, credibility: e.data.assessment.credibility, specific: e.data.assessment.specific }] };
    case 'DutyDetermined': {
      const duty = { ...at, outcome: e.data.outcome, policyVersion: e.policyVersion ?? null, decidedBy: e.data.decidedBy, reasons: e.data.reasons };
      return { ...s, duty, dutyDeterminations: s.dutyDeterminations + 1, stages: { ...s.stages, duty: e.data.outcome } };
    }
    case 'WaiverReviewOpened':
      return { ...s, stages: { ...s.stages, review: 'UNDER_REVIEW' }, review: { ...at, deadline: e.data.deadline, proposals: e.data.proposals, policyVersion: e.policyVersion ?? null } };
    case 'WaiverRequested': {
      const { requestId, codes, justification, legalConcurrenceRequired } = e.data;
      const request: WaiverRequestState = { ...at, requestId, codes, justification, legalConcurrenceRequired, legalConcurrence: null, decision: null };
      return { ...s, stages: { ...s.stages, review: 'WAIVER_REQUESTED' }, waiverRequests: [...s.waiverRequests, request] };
    }
    case 'LegalConcurrenceRecorded':
      return { ...s, waiverRequests: updateRequest(s, e.data.requestId, (r) => ({ ...r, legalConcurrence: { ...at, concurs: e.data.concurs, note: e.data.note } })) };
    case 'WaiverApproved':
      return {
        ...s,
        stages: { ...s.stages, review: 'WAIVED' },
        waiverRequests: updateRequest(s, e.data.requestId, (r) => ({ ...r, decision: { ...at, outcome: 'APPROVED', note: e.data.note } })),
      };
    case 'WaiverDenied':
      return {
        ...s,
        stages: { ...s.stages, review: 'WAIVER_DENIED' },
        waiverRequests: updateRequest(s, e.data.requestId, (r) => ({ ...r, decision: { ...at, outcome: 'DENIED', note: e.data.reason } })),
      };
    case 'WaiverReviewEscalated':
      return { ...s, stages: { ...s.stages, review: 'ESCALATED' }, escalations: [...s.escalations, { ...at, reason: e.data.reason, deadline: e.data.deadline, escalatedTo: e.data.escalatedTo, note: e.data.note }] };
    case 'WarningAuthorized':
      return { ...s, stages: { ...s.stages, review: 'WARNING_AUTHORIZED' }, authorization: { ...at, basis: e.data.basis } };
    case 'DeliveryPlanned': {
      const { channel, recipient, reasons } = e.data.plan;
      return { ...s, stages: { ...s.stages, delivery: 'DELIVERY_PLANNED' }, plan: { ...at, channel, recipient, reasons, policyVersion: e.policyVersion ?? null } };
    }
    case 'WarningDispatched': {
      const w = e.data.warning;
      const dispatch: DispatchState = {
        ...at,
        deliveryId: e.data.deliveryId,
        adapter: e.data.adapter,
        channel: w.channel,
        recipient: w.recipient,
        text: e.data.text,
        delivered: null,
        failures: [],
        acknowledged: null,
      };
      return { ...s, stages: { ...s.stages, delivery: 'WARNING_DISPATCHED' }, dispatches: [...s.dispatches.filter((d) => d.deliveryId !== e.data.deliveryId), dispatch] };
    }
    case 'WarningDelivered':
      return { ...s, stages: { ...s.stages, delivery: 'WARNED' }, dispatches: updateDispatch(s, e.data.deliveryId, (d) => ({ ...d, delivered: { ...at, attempts: e.data.attempts } })) };
    case 'WarningDeliveryFailed': {
      const failure = { ...at, attempts: e.data.attempts, error: e.data.error, final: e.data.final };
      const dispatches = updateDispatch(s, e.data.deliveryId, (d) => ({ ...d, failures: [...d.failures, failure] }));
      return { ...s, dispatches, stages: e.data.final ? { ...s.stages, delivery: 'DELIVERY_FAILED' } : s.stages };
    }
    case 'WarningAcknowledged': {
      const ack = { ...at, acknowledgedBy: e.data.acknowledgedBy, via: e.data.via };
      const dispatches = updateDispatch(s, e.data.deliveryId, (d) => ({ ...d, acknowledged: ack }));
      return { ...s, stages: { ...s.stages, delivery: 'ACKNOWLEDGED' }, dispatches, acknowledgement: { ...ack, deliveryId: e.data.deliveryId } };
    }
    case 'DeadLetterRedriven':
      return { ...s, redrives: [...s.redrives, { ...at, deadLetterId: e.data.deadLetterId, originalTopic: e.data.originalTopic }] };
    default:
      return s;
  }
}

// By occurredAt, not by log order: topics are read in any order.
const earliest = (a: string | null, b: string) => (a !== null && Date.parse(a) <= Date.parse(b) ? a : b);
const latest = (a: string | null, b: string) => (a !== null && Date.parse(a) >= Date.parse(b) ? a : b);

/** The furthest stage reached wins: a warning in flight says more than the review that allowed it. */
function statusOf(s: CaseState): CaseState['status'] {
  return s.stages.delivery ?? s.stages.review ?? s.stages.duty ?? (s.awareness ? 'RECEIVED' : 'UNKNOWN');
}

/** The pure fold step: state of a case after one more of its log entries. */
export function evolveCase(state: CaseState, entry: FoldEntry): CaseState {
  const next = apply(state, entry.event);
  return {
    ...next,
    status: statusOf(next),
    eventCount: state.eventCount + 1,
    firstPosition: state.firstPosition ?? entry.position,
    lastPosition: entry.position,
    firstEventAt: earliest(state.firstEventAt, entry.event.occurredAt),
    lastEventAt: latest(state.lastEventAt, entry.event.occurredAt),
  };
}
