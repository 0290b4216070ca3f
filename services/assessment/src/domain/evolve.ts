import type { AssessmentCase } from './assessment.state';
import type { AssessmentEvent } from './assessment.events';

/** Applies one event to the case. Pure; the persisted row is always the result of this fold. */
export function evolve(state: AssessmentCase, event: AssessmentEvent): AssessmentCase {
  const refs = {
    correlationId: state.correlationId ?? event.metadata.correlationId,
    lastEventId: event.metadata.eventId ?? state.lastEventId,
  };
  switch (event.type) {
    case 'ThreatReported':
      // The first report counts. Read back from the log it may follow this service's own events
      // (the log reads topics independently), so it never overrides what they set.
      if (state.report) return state;
      return {
        ...state,
        correlationId: refs.correlationId,
        lastEventId: state.lastEventId ?? event.metadata.eventId,
        status: state.status === 'NEW' ? 'RECEIVED' : state.status,
        report: event.data.report,
        receivedAt: event.data.receivedAt,
      };
    case 'DutyDetermined':
      return {
        ...state,
        ...refs,
        status: event.data.outcome,
        decision: { ...event.data, policyVersion: event.policyVersion, at: event.metadata.at },
      };
    case 'AnalystAssessmentRecorded':
      return { ...state, ...refs, assessment: { ...event.data.assessment, by: event.metadata.by, at: event.metadata.at } };
  }
}
