import type { ThreatReportSubmission, TimeWindow, WaiverCode, WaiverProposal } from '@forewarn/contracts';
import { PolicyError } from './errors';
import { MS_PER_MINUTE, parseInstant, toIso, tryParseInstant } from './time';
import type { IndicatorName, PolicyConfig } from './versions';

/** What the waiver rules read from a report; plain JSON, optional keys omitted. */
export type WaiverFacts = {
  indicators: Record<IndicatorName, boolean>;
  window?: TimeWindow;
  asOf: string;
};

export interface Person {
  id: string;
  roles: readonly string[];
}

export function waiverFactsFromReport(report: ThreatReportSubmission, asOf: string): WaiverFacts {
  const i = report.indicators ?? {};
  return {
    // Every flag spelled out, so the recorded facts show "false" rather than "absent".
    indicators: {
      victimAlreadyAware: i.victimAlreadyAware === true,
      victimListedViolentActor: i.victimListedViolentActor === true,
      armedConflictParticipant: i.armedConflictParticipant === true,
      warningEndangersSources: i.warningEndangersSources === true,
      noReasonableWayToWarn: i.noReasonableWayToWarn === true,
    },
    ...(report.threat.window ? { window: { earliest: report.threat.window.earliest, latest: report.threat.window.latest } } : {}),
    asOf,
  };
}

/** Indicators only propose: a person must still request and another approve a waiver. */
export function proposeWaivers(facts: WaiverFacts, policy: PolicyConfig): WaiverProposal[] {
  const known = new Set(policy.waiverCodes.map((w) => w.code));
  return policy.waiverIndicators
    .filter((rule) => facts.indicators[rule.indicator] === true && known.has(rule.code))
    .map((rule) => ({ code: rule.code, indicator: rule.indicator }));
}

/**
 * When the waiver review is due: the earlier of asOf + the default period and the threat's
 * earliest time minus the safety margin, but never sooner than asOf + the minimum, so people
 * have time to act. An overdue review escalates (the caller's job); it never lapses.
 */
export function reviewDeadline(facts: WaiverFacts, policy: PolicyConfig): string {
  const asOf = parseInstant(facts.asOf, 'asOf');
  const { defaultPeriodMinutes, safetyMarginMinutes, minimumMinutes } = policy.review;
  let deadline = asOf + defaultPeriodMinutes * MS_PER_MINUTE;
  // An unreadable window cannot pull the deadline earlier; the default period still applies.
  const earliest = facts.window ? tryParseInstant(facts.window.earliest) : undefined;
  if (earliest !== undefined) deadline = Math.min(deadline, earliest - safetyMarginMinutes * MS_PER_MINUTE);
  return toIso(Math.max(deadline, asOf + minimumMinutes * MS_PER_MINUTE));
}

export function legalConcurrenceRequired(codes: readonly string[], policy: PolicyConfig): boolean {
  return codes.some((c) => (policy.legalConcurrenceCodes as readonly string[]).includes(c));
}

function requireRole(person: Person, role: string, action: string): void {
  if (!person.roles.includes(role)) {
    throw new PolicyError('WAIVER.ROLE_REQUIRED', `${action} requires the ${role} role; ${person.id} does not hold it`);
  }
}

function checkCodes(codes: readonly string[], policy: PolicyConfig): asserts codes is readonly WaiverCode[] {
  if (codes.length === 0) throw new PolicyError('WAIVER.CODES_REQUIRED', 'a waiver needs at least one waiver code');
  const known = policy.waiverCodes.map((w) => w.code as string);
  const unknownCodes = codes.filter((c) => !known.includes(c));
  if (unknownCodes.length > 0) {
    throw new PolicyError(
      'WAIVER.UNKNOWN_CODE',
      `unknown waiver code ${unknownCodes.join(', ')} in policy ${policy.version}; known: ${known.join(', ')}`,
    );
  }
  const duplicates = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (duplicates.length > 0) throw new PolicyError('WAIVER.DUPLICATE_CODE', `waiver code ${duplicates.join(', ')} given twice`);
}

export interface WaiverRequestInput {
  codes: readonly string[];
  justification: string;
  requester: Person;
}

/** A waiver request: by an analyst, with known codes and a written justification. */
export function checkWaiverRequest(input: WaiverRequestInput, policy: PolicyConfig): void {
  requireRole(input.requester, policy.roles.requestWaiver, 'requesting a waiver');
  checkCodes(input.codes, policy);
  if (input.justification.trim().length === 0) {
    throw new PolicyError('WAIVER.JUSTIFICATION_REQUIRED', 'a waiver request needs a written justification');
  }
}

export interface WaiverRequestRef {
  requestedBy: string;
  codes: readonly string[];
}

export interface WaiverDecisionInput {
  request: WaiverRequestRef;
  decider: Person;
  decision: 'APPROVE' | 'DENY';
  legalConcurrence?: { concurs: boolean; by: string };
}

/**
 * Four eyes: a senior reviewer who is not the requester decides. Approving a code that needs
 * legal concurrence needs a concurrence from a third person, neither requester nor decider,
 * or the concurrence would not be an independent check.
 */
export function checkWaiverDecision(input: WaiverDecisionInput, policy: PolicyConfig): void {
  const { request, decider, decision, legalConcurrence } = input;
  const verb = decision === 'APPROVE' ? 'approved' : 'denied';
  // Checked before the role, so the refusal names the real problem even for a senior requester.
  if (decider.id === request.requestedBy) {
    throw new PolicyError('WAIVER.SELF_APPROVAL', `a waiver cannot be ${verb} by the person who requested it (${decider.id})`);
  }
  requireRole(decider, policy.roles.decideWaiver, 'deciding a waiver');
  checkCodes(request.codes, policy);
  if (decision !== 'APPROVE' || !legalConcurrenceRequired(request.codes, policy)) return;
  const needing = request.codes.filter((c) => (policy.legalConcurrenceCodes as readonly string[]).includes(c)).join(', ');
  if (legalConcurrence?.concurs !== true) {
    throw new PolicyError(
      'WAIVER.LEGAL_CONCURRENCE_REQUIRED',
      `approving ${needing} needs a legal reviewer's concurrence; ${legalConcurrence ? 'the legal reviewer did not concur' : 'none is recorded'}`,
    );
  }
  if (legalConcurrence.by === request.requestedBy || legalConcurrence.by === decider.id) {
    throw new PolicyError(
      'WAIVER.LEGAL_CONCURRENCE_NOT_INDEPENDENT',
      `the legal concurrence for ${needing} must come from someone other than the requester and the decider (${legalConcurrence.by})`,
    );
  }
}

export interface LegalConcurrenceInput {
  request: WaiverRequestRef;
  reviewer: Person;
}

/** Legal concurrence: by a legal reviewer who is not the requester. */
export function checkLegalConcurrence(input: LegalConcurrenceInput, policy: PolicyConfig): void {
  if (input.reviewer.id === input.request.requestedBy) {
    throw new PolicyError('WAIVER.SELF_CONCURRENCE', `legal concurrence cannot come from the person who requested the waiver (${input.reviewer.id})`);
  }
  requireRole(input.reviewer, policy.roles.legalConcurrence, 'recording legal concurrence');
}
