/**
 * The threat report: what a partner organisation or an analyst submits, over HTTP or the
 * inbound topic, with the same schema. `sensitive` holds what must never leave Forewarn.
 */
export const ThreatTypes = [
  'INTENTIONAL_KILLING',
  'SERIOUS_BODILY_INJURY',
  'KIDNAPPING',
  'PROPERTY_DAMAGE',
  'CYBER_INTRUSION',
  'OTHER',
] as const;
export type ThreatType = (typeof ThreatTypes)[number];

export const Credibilities = ['CREDIBLE', 'NOT_CREDIBLE', 'UNDETERMINED'] as const;
export type Credibility = (typeof Credibilities)[number];

export const TargetKinds = ['PERSON', 'GROUP', 'INSTITUTION', 'LOCATION'] as const;
export type TargetKind = (typeof TargetKinds)[number];

export const ProtectorKinds = [
  'HOST_GOVERNMENT_SECURITY_SERVICE',
  'DOMESTIC_LAW_ENFORCEMENT',
  'PRIVATE_SECURITY',
  'OTHER',
] as const;
export type ProtectorKind = (typeof ProtectorKinds)[number];

export interface TimeWindow {
  earliest: string;
  latest: string;
}

export interface ThreatReportSubmission {
  sourceAgency: string;
  reportId: string;
  reportedAt: string;
  threat: {
    type: ThreatType;
    description: string;
    credibility: Credibility;
    window?: TimeWindow;
    location?: { description: string; countryCode: string };
    perpetrators?: string;
  };
  target: {
    kind: TargetKind;
    description: string;
    name?: string;
    /** null when unknown. */
    usPerson: boolean | null;
    countryCode: string;
    protector?: { name: string; kind: ProtectorKind };
  };
  /** Automated indicators may propose a waiver; they never grant one. */
  indicators?: {
    victimAlreadyAware?: boolean;
    victimListedViolentActor?: boolean;
    armedConflictParticipant?: boolean;
    warningEndangersSources?: boolean;
    noReasonableWayToWarn?: boolean;
  };
  releasableSummary: string;
  sensitive: {
    classification: string;
    sources: string[];
    methods: string[];
    collectionDetails?: string;
  };
}

export const Limits = {
  shortText: 200,
  longText: 4000,
  listItems: 20,
  /** Largest accepted report, HTTP body or Kafka message. */
  maxReportBytes: 64 * 1024,
} as const;
