import type { Actor, ForewarnEvent, PartnerCaseStatus, PartnerCaseStatusValue } from '@forewarn/contracts';
import { newEvent, type CaseStatusUpdate } from '@forewarn/eventing';
import { loadConfig } from '@forewarn/platform';
import { getPolicy } from '@forewarn/policy';
import { evolve } from '../domain/evolve';
import { isPublished, type PublishedEvent, type ReviewEvent } from '../domain/review.events';
import { caseCorrelation, type EventRef, type ReviewState } from '../domain/review.state';

export const producer = { service: 'waiver-review', version: loadConfig('waiver-review').version };
/** The policy a review is opened under (FOREWARN_POLICY_VERSION), read once like the producer. */
export const policy = getPolicy(loadConfig('waiver-review').policyVersion);

export interface Outgoing {
  next: ReviewState;
  events: ForewarnEvent[];
  statuses: CaseStatusUpdate[];
}

// What the reporting organisation is told at each transition.
const PARTNER_STATUS: Partial<Record<PublishedEvent['type'], PartnerCaseStatusValue>> = {
  WaiverReviewOpened: 'UNDER_REVIEW',
  WarningAuthorized: 'WARNING_AUTHORIZED',
  WaiverApproved: 'WAIVED',
};

/**
 * Turns decided events into envelopes (ids and time are made here, not in the decider) and
 * folds them, with their eventIds, into the next state. The first event answers `cause`, or
 * the duty that opened the review; each later one answers the event before it.
 */
export function toOutgoing(state: ReviewState, decided: ReviewEvent[], actor: Actor, cause?: EventRef): Outgoing {
  let next = state;
  const events: ForewarnEvent[] = [];
  const statuses: CaseStatusUpdate[] = [];
  let previous = cause;
  for (const e of decided) {
    if (!isPublished(e)) {
      next = evolve(next, e);
      continue;
    }
    const answers = previous ?? next.duty?.event ?? { eventId: next.openedEventId!, correlationId: caseCorrelation(next)! };
    const envelope = newEvent(e.type, state.caseId, e.data as never, {
      producer,
      actor,
      cause: answers,
      policyVersion: e.policyVersion,
      occurredAt: e.metadata.at,
    }) as ForewarnEvent;
    events.push(envelope);
    previous = { eventId: envelope.eventId, correlationId: envelope.correlationId };
    next = evolve(next, { ...e, metadata: { ...e.metadata, eventId: envelope.eventId } });
    const status = PARTNER_STATUS[e.type];
    if (status) statuses.push(partnerStatus(next, status, e.metadata.at));
  }
  return { next, events, statuses };
}

function partnerStatus(s: ReviewState, status: PartnerCaseStatusValue, at: string): CaseStatusUpdate {
  const { sourceAgency, reportId } = s.report!.releasable.source;
  const value: PartnerCaseStatus = { schemaVersion: 1, caseId: s.caseId, sourceAgency, reportId, status, at };
  // Stable per case and status: each transition happens once, so it is announced once.
  return { messageId: `status:${s.caseId}:${status}`, status: value };
}
