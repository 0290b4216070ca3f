/**
 * Every Kafka topic Forewarn reads or writes, in one place. Topic names carry their major
 * contract version; a breaking change is a new topic, never a rewrite of an old one.
 */
export const Topics = {
  intakeEvents: 'forewarn.intake.events.v1',
  assessmentEvents: 'forewarn.assessment.events.v1',
  waiverReviewEvents: 'forewarn.waiver-review.events.v1',
  notificationEvents: 'forewarn.notification.events.v1',
  operationsEvents: 'forewarn.operations.events.v1',

  /** Messages that failed their schema or kept failing, with the reason. */
  deadLetters: 'forewarn.dead-letters.v1',

  /**
   * Holds no records: each outbox relay commits what it published as its group's offset on this
   * topic, in the same Kafka transaction as the messages (libs/eventing/src/outbox).
   */
  outboxRelay: 'forewarn.outbox-relay.v1',
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

/**
 * Each partner agency has topics of its own, so who sent a message is who the broker let write
 * it, never what its body claims (Kafka does not tell a consumer the producer): it writes only
 * its threat reports and acknowledgements, and reads only its warnings and its cases' status.
 */
export const PartnerTopicKinds = {
  /** Inbound: the agency's threat reports. */
  threatReports: 'threat-reports',
  /** Inbound: the agency's acknowledgements of warnings it received. */
  acknowledgements: 'acknowledgements',
  /** Outbound: sanitized warnings addressed to the agency. */
  warnings: 'warnings',
  /** Outbound: the status of the cases the agency reported. */
  caseStatus: 'case-status',
} as const;

export type PartnerTopicKind = (typeof PartnerTopicKinds)[keyof typeof PartnerTopicKinds];

/** A partner agency's code: capitals, digits and dashes, as it stands in its topics' names. */
export const PARTNER_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;

export function partnerTopic(agency: string, kind: PartnerTopicKind): string {
  if (!PARTNER_CODE.test(agency)) throw new Error(`'${agency}' is not a partner code (${PARTNER_CODE.source})`);
  return `forewarn.partner.${agency}.${kind}.v1`;
}

const PARTNER_TOPIC = /^forewarn\.partner\.([A-Z0-9][A-Z0-9-]{0,31})\.(threat-reports|acknowledgements|warnings|case-status)\.v1$/;

/** The agency a partner topic belongs to, and which of its topics it is; null for any other topic. */
export function partnerOfTopic(topic: string): { agency: string; kind: PartnerTopicKind } | null {
  const m = PARTNER_TOPIC.exec(topic);
  return m ? { agency: m[1], kind: m[2] as PartnerTopicKind } : null;
}
