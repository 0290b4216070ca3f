import type { ReviewEvent } from './review.events';
import type { ReviewRequest, ReviewState } from './review.state';

function updateRequest(state: ReviewState, requestId: string, change: (r: ReviewRequest) => ReviewRequest): ReviewRequest[] {
  return state.requests.map((r) => (r.requestId === requestId ? change(r) : r));
}

/** Applies one event to the review. Pure; the persisted row is always the result of this fold. */
export function evolve(state: ReviewState, event: ReviewEvent): ReviewState {
  const { at, by, eventId } = event.metadata;
  switch (event.type) {
    case 'ReportNoted':
      return { ...state, report: event.data };
    case 'DutyNoted':
      return { ...state, duty: event.data };
    case 'WaiverReviewOpened':
      return {
        ...state,
        status: 'OPEN',
        policyVersion: event.policyVersion,
        openedAt: at,
        ...(eventId ? { openedEventId: eventId } : {}),
        deadline: event.data.deadline,
        proposals: event.data.proposals,
      };
    case 'WarningAuthorized':
      return { ...state, status: 'WARNING_AUTHORIZED', warning: { basis: event.data.basis, at } };
    case 'WaiverRequested': {
      const { requestId, codes, justification, legalConcurrenceRequired } = event.data;
      const request: ReviewRequest = {
        requestId,
        codes,
        justification,
        legalConcurrenceRequired,
        requestedBy: by,
        requestedAt: at,
        ...(eventId ? { eventId } : {}),
        status: 'PENDING',
      };
      return { ...state, requests: [...state.requests, request] };
    }
    case 'LegalConcurrenceRecorded': {
      const { requestId, concurs, note } = event.data;
      return {
        ...state,
        requests: updateRequest(state, requestId, (r) => ({
          ...r,
          legal: { concurs, note, by, at },
          // Without legal concurrence this request can never be approved.
          status: concurs ? r.status : 'LEGAL_NONCONCURRENCE',
        })),
      };
    }
    case 'WaiverApproved':
      return {
        ...state,
        status: 'WAIVED',
        requests: updateRequest(state, event.data.requestId, (r) => ({
          ...r,
          status: 'APPROVED',
          decision: { decision: 'APPROVE', note: event.data.note, by, at },
        })),
      };
    case 'WaiverDenied':
      return {
        ...state,
        requests: updateRequest(state, event.data.requestId, (r) => ({
          ...r,
          status: 'DENIED',
          decision: { decision: 'DENY', note: event.data.reason, by, at },
        })),
      };
    case 'WaiverReviewEscalated':
      return { ...state, escalation: { at, by, note: event.data.note, ...(eventId ? { eventId } : {}) } };
  }
}
