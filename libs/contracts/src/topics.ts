/**
 * Every Kafka topic Forewarn reads or writes, in one place. Topic names carry their major
 * contract version; a breaking change is a new topic, never a rewrite of an old one.
 */
export const Topics = {
  /** Public, inbound: partner organisations publish threat reports here. */
  partnerThreatReports: 'forewarn.partner.threat-reports.v1',
  /** Public, inbound: recipients' acknowledgements of warnings. */
  partnerAcknowledgements: 'forewarn.partner.acknowledgements.v1',
  /** Public, outbound: sanitized warnings for partner organisations. */
  partnerWarnings: 'forewarn.partner.warnings.v1',
  /** Public, outbound: case status for the organisation that reported the threat. */
  partnerCaseStatus: 'forewarn.partner.case-status.v1',

  intakeEvents: 'forewarn.intake.events.v1',
  assessmentEvents: 'forewarn.assessment.events.v1',
  waiverReviewEvents: 'forewarn.waiver-review.events.v1',
  notificationEvents: 'forewarn.notification.events.v1',
  operationsEvents: 'forewarn.operations.events.v1',

  /** Messages that failed their schema or kept failing, with the reason. */
  deadLetters: 'forewarn.dead-letters.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The topics that carry Forewarn envelopes (what the audit log consumes). */
export const EventTopics: readonly TopicName[] = [
  Topics.intakeEvents,
  Topics.assessmentEvents,
  Topics.waiverReviewEvents,
  Topics.notificationEvents,
  Topics.operationsEvents,
];
