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
      return { ...state, ...refs, status: 'RECEIVED', report: event.data.report, receivedAt: event.data.receivedAt };
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
