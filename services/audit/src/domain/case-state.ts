import type { Actor, DeliveryChannel, Reason, WaiverCode, WaiverProposal } from '@forewarn/contracts';

export type CaseStatus =
  | 'UNKNOWN'
  | 'RECEIVED'
  | 'NEEDS_ANALYST'
  | 'NO_DUTY'
  | 'DUTY'
  | 'UNDER_REVIEW'
  | 'WAIVER_REQUESTED'
  | 'WAIVER_DENIED'
  | 'WAIVED'
  | 'ESCALATED'
  | 'WARNING_AUTHORIZED'
  | 'DELIVERY_PLANNED'
  | 'WARNING_DISPATCHED'
  | 'DELIVERY_FAILED'
  | 'WARNED'
  | 'ACKNOWLEDGED';

/** Who did something and when: the envelope's actor id and occurredAt. */
export interface Stamp {
  at: string;
  by: string;
  eventId: string;
}

export interface WaiverRequestState extends Stamp {
  requestId: string;
  codes: WaiverCode[];
  justification: string;
  legalConcurrenceRequired: boolean;
  legalConcurrence: (Stamp & { concurs: boolean; note: string }) | null;
  decision: (Stamp & { outcome: 'APPROVED' | 'DENIED'; note: string }) | null;
}

export interface DispatchState extends Stamp {
  deliveryId: string;
  adapter: string;
  channel: DeliveryChannel;
  recipient: { kind: string; name: string };
  text: string;
  delivered: (Stamp & { attempts: number }) | null;
  failures: (Stamp & { attempts: number; error: string; final: boolean })[];
  acknowledged: (Stamp & { acknowledgedBy: string; via: string }) | null;
}

/**
 * A case as the log tells it, at some point in the log. Plain JSON (it is stored as the audit
 * read model and compared after a rebuild), built only by `evolveCase` from log entries.
 */
export interface CaseState {
  caseId: string;
  /** Derived from the stages below, so it does not depend on the order topics were read in. */
  status: CaseStatus;
  /**
   * The latest status each stage's own topic reported. Kafka orders a case's events within a
   * topic only; assessment, waiver review and notification publish on different topics.
   */
  stages: { duty: CaseStatus | null; review: CaseStatus | null; delivery: CaseStatus | null };
  eventCount: number;
  firstPosition: number | null;
  lastPosition: number | null;
  firstEventAt: string | null;
  lastEventAt: string | null;
  awareness: (Stamp & { actor: Actor; via: string; receivedAt: string; sourceAgency: string; reportId: string; threatType: string; target: string }) | null;
  assessments: (Stamp & { credibility: string; specific: boolean })[];
  duty: (Stamp & { outcome: string; policyVersion: string | null; decidedBy: string; reasons: Reason[] }) | null;
  dutyDeterminations: number;
  review: (Stamp & { deadline: string; proposals: WaiverProposal[]; policyVersion: string | null }) | null;
  waiverRequests: WaiverRequestState[];
  escalations: (Stamp & { reason: string; deadline: string; escalatedTo: string; note: string })[];
  authorization: (Stamp & { basis: string }) | null;
  plan: (Stamp & { channel: DeliveryChannel; recipient: { kind: string; name: string }; policyVersion: string | null; reasons: Reason[] }) | null;
  dispatches: DispatchState[];
  /** The latest acknowledgement, also when its deliveryId matches no recorded dispatch. */
  acknowledgement: (Stamp & { deliveryId: string; acknowledgedBy: string; via: string }) | null;
  redrives: (Stamp & { deadLetterId: string; originalTopic: string })[];
}

export function initialCaseState(caseId: string): CaseState {
  return {
    caseId,
    status: 'UNKNOWN',
    stages: { duty: null, review: null, delivery: null },
    eventCount: 0,
    firstPosition: null,
    lastPosition: null,
    firstEventAt: null,
    lastEventAt: null,
    awareness: null,
    assessments: [],
    duty: null,
    dutyDeterminations: 0,
    review: null,
    waiverRequests: [],
    escalations: [],
    authorization: null,
    plan: null,
    dispatches: [],
    acknowledgement: null,
    redrives: [],
  };
}
