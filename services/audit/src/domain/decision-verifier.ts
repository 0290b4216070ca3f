import type { ForewarnEvent } from '@forewarn/contracts';
import {
  determineDuty,
  getPolicy,
  planDelivery,
  proposeWaivers,
  reviewDeadline,
  type DeliveryFacts,
  type DutyFacts,
  type PolicyConfig,
  type WaiverFacts,
} from '@forewarn/policy';
import { deepDiff, type FieldDiff } from './deep-diff';

/** Which rules a replay runs; a test (or an auditor's what-if) passes a modified copy. */
export type PolicyFor = (version: string) => PolicyConfig;

export type DecisionKind = 'DUTY' | 'WAIVER_PROPOSAL' | 'DELIVERY_PLAN';

export interface DecisionVerification {
  eventId: string;
  caseId: string;
  type: string;
  decision: DecisionKind;
  /** service@version that recorded the decision. */
  producer: string;
  occurredAt: string;
  policyVersion: string | null;
  recorded: unknown;
  /** null when the rule could not be run (unknown policy version, unreadable facts). */
  recomputed: unknown;
  match: boolean;
  diff: FieldDiff[];
  error?: { code: string; message: string };
}

const DECISION_TYPES: Record<string, DecisionKind> = {
  DutyDetermined: 'DUTY',
  WaiverReviewOpened: 'WAIVER_PROPOSAL',
  DeliveryPlanned: 'DELIVERY_PLAN',
};

export function isDecisionType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(DECISION_TYPES, type);
}

const DECISION_ENDINGS = Object.keys(DECISION_TYPES).map((t) => `"type":"${t}"}`);

/**
 * Whether a canonical envelope records a decision, without parsing it: `type` sorts last
 * among the envelope's keys, so the text ends with it. Lets a verifier parse only these.
 */
export function isDecisionText(canonicalEnvelope: string): boolean {
  return DECISION_ENDINGS.some((ending) => canonicalEnvelope.endsWith(ending));
}

/** What the event recorded and what the same rule computes now, reduced to the same shape. */
function recordedAndRule(event: ForewarnEvent): { recorded: unknown; run: (p: PolicyConfig) => unknown } | null {
  switch (event.type) {
    case 'DutyDetermined': {
      const facts = event.data.facts as DutyFacts;
      // decidedBy names who took part, not what the rule says, so it is not replayed.
      return { recorded: { outcome: event.data.outcome, reasons: event.data.reasons }, run: (p) => determineDuty(facts, p) };
    }
    case 'WaiverReviewOpened': {
      const facts = event.data.facts as WaiverFacts;
      return {
        recorded: { proposals: event.data.proposals, deadline: event.data.deadline },
        run: (p) => ({ proposals: proposeWaivers(facts, p), deadline: reviewDeadline(facts, p) }),
      };
    }
    case 'DeliveryPlanned':
      return { recorded: event.data.plan, run: (p) => planDelivery(event.data.facts as DeliveryFacts, p) };
    default:
      return null;
  }
}

function errorOf(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string') return { code: e.code, message: String(e.message) };
  // Not a rule's refusal: the recorded facts are not what the rule reads (incomplete or malformed).
  return { code: 'AUDIT.FACTS_UNREADABLE', message: `the rule cannot run on the recorded facts: ${String(e?.message ?? err)}` };
}

/**
 * Re-runs one automated decision on its recorded facts with its recorded policy version.
 * A rule that cannot run is a finding too (match false), never a silent pass. null for events
 * that record no automated decision.
 */
export function verifyDecision(event: ForewarnEvent, policyFor: PolicyFor = getPolicy): DecisionVerification | null {
  const kind = DECISION_TYPES[event.type];
  const pair = kind ? recordedAndRule(event) : null;
  if (!kind || !pair) return null;
  const base = {
    eventId: event.eventId,
    caseId: event.caseId,
    type: event.type,
    decision: kind,
    producer: `${event.producer.service}@${event.producer.version}`,
    occurredAt: event.occurredAt,
    policyVersion: event.policyVersion ?? null,
    recorded: pair.recorded,
  };
  if (!event.policyVersion) {
    const error = { code: 'AUDIT.NO_POLICY_VERSION', message: `${event.type} records no policy version; it cannot be replayed` };
    return { ...base, recomputed: null, match: false, diff: [], error };
  }
  let recomputed: unknown;
  try {
    // deepDiff treats an undefined key as absent, as it would be in the recorded JSON.
    recomputed = pair.run(policyFor(event.policyVersion));
  } catch (err) {
    return { ...base, recomputed: null, match: false, diff: [], error: errorOf(err) };
  }
  const diff = deepDiff(pair.recorded, recomputed);
  return { ...base, recomputed, match: diff.length === 0, diff };
}
