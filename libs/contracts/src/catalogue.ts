import type { ForewarnEventType } from './events';
import { Topics, type TopicName } from './topics';

/** Each event type: the topic it is published on and its current schema version. */
export const EventCatalogue: Record<ForewarnEventType, { topic: TopicName; schemaVersion: number; description: string }> = {
  ThreatReported: { topic: Topics.intakeEvents, schemaVersion: 2, description: 'A threat report was received (first awareness).' },
  AnalystAssessmentRecorded: { topic: Topics.assessmentEvents, schemaVersion: 1, description: "An analyst's credibility and specificity judgement." },
  DutyDetermined: { topic: Topics.assessmentEvents, schemaVersion: 1, description: 'The duty rule was applied: duty, no duty, or needs an analyst.' },
  WaiverReviewOpened: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'A duty opened a waiver review with a deadline and any proposed waivers.' },
  WaiverRequested: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'An analyst requested a waiver with codes and a justification.' },
  LegalConcurrenceRecorded: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: "A legal reviewer's concurrence or non-concurrence." },
  WaiverApproved: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'A senior reviewer (not the requester) approved the waiver.' },
  WaiverDenied: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'A senior reviewer denied the waiver; the duty holds.' },
  WaiverReviewEscalated: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'A review passed its deadline or is disputed; escalated to an arbiter.' },
  WarningAuthorized: { topic: Topics.waiverReviewEvents, schemaVersion: 1, description: 'The duty holds: the warning must be delivered.' },
  DeliveryPlanned: { topic: Topics.notificationEvents, schemaVersion: 1, description: 'Recipient and channel chosen by the delivery rule.' },
  WarningDispatched: { topic: Topics.notificationEvents, schemaVersion: 1, description: 'The sanitized warning was handed to a channel adapter.' },
  WarningDelivered: { topic: Topics.notificationEvents, schemaVersion: 1, description: 'The channel confirmed delivery.' },
  WarningDeliveryFailed: { topic: Topics.notificationEvents, schemaVersion: 1, description: 'A delivery attempt failed; final when retries are exhausted.' },
  WarningAcknowledged: { topic: Topics.notificationEvents, schemaVersion: 1, description: 'The recipient acknowledged the warning.' },
  DeadLetterRedriven: { topic: Topics.operationsEvents, schemaVersion: 1, description: 'An operator re-drove a dead-lettered message.' },
};

export function isForewarnEventType(type: string): type is ForewarnEventType {
  return Object.prototype.hasOwnProperty.call(EventCatalogue, type);
}
