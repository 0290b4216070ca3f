import { CURRENT_POLICY_VERSION, getPolicy } from '@forewarn/policy';
import type { ThreatReportSubmission } from '@forewarn/contracts';
import { decide } from '../domain/decide';
import { evolve } from '../domain/evolve';
import type { CommandActor, ReviewCommand, ReviewEvent } from '../domain/review.events';
import { initialReviewState, type ReviewState } from '../domain/review.state';
import { hoursAfter, makeReport } from '@forewarn/service-testing';

// Given / When / Then for the review decider's specs: histories are lists of events.

export const NOW = '2025-06-01T12:00:00.000Z';
export const policy = getPolicy(CURRENT_POLICY_VERSION);
export const at = (hours: number) => hoursAfter(NOW, hours);

export const people = {
  service: { id: 'waiver-review@test', roles: [] },
  alice: { id: 'alice', roles: ['analyst'] },
  /** Holds both roles, so only the four-eyes rule can stop them approving their own request. */
  sam: { id: 'sam', roles: ['analyst', 'senior-reviewer'] },
  carol: { id: 'carol', roles: ['senior-reviewer'] },
  lee: { id: 'lee', roles: ['legal-reviewer'] },
} satisfies Record<string, CommandActor>;

export const given = (events: ReviewEvent[]): ReviewState => events.reduce(evolve, initialReviewState('case-1'));
export const when = (history: ReviewEvent[], command: ReviewCommand): ReviewEvent[] => decide(command, given(history));
/** The history after a command: what was given plus what it decided. */
export const after = (history: ReviewEvent[], command: ReviewCommand): ReviewEvent[] => [...history, ...when(history, command)];

const meta = (now: string, actor: CommandActor = people.service) => ({ now, actor });

export function noteReport(report: ThreatReportSubmission, now = NOW): ReviewCommand {
  return { type: 'NoteReport', report, event: { eventId: 'evt-report', correlationId: 'corr-1' }, metadata: { ...meta(now), policy } };
}

export function noteDuty(outcome: 'DUTY' | 'NO_DUTY' | 'NEEDS_ANALYST', now = NOW): ReviewCommand {
  const duty = { outcome, policyVersion: policy.version };
  return { type: 'NoteDuty', duty, event: { eventId: `evt-duty-${outcome}`, correlationId: 'corr-1' }, metadata: { ...meta(now), policy } };
}

export const request = (actor: CommandActor, codes: string[], requestId = 'req-1', justification = 'listed violent actor'): ReviewCommand => ({
  type: 'RequestWaiver',
  requestId,
  codes,
  justification,
  metadata: meta(at(1), actor),
});

export const legal = (actor: CommandActor, concurs: boolean, requestId = 'req-1'): ReviewCommand => ({
  type: 'RecordLegalConcurrence',
  requestId,
  concurs,
  note: concurs ? 'concur' : 'do not concur',
  metadata: meta(at(2), actor),
});

export const decision = (actor: CommandActor, choice: 'APPROVE' | 'DENY', requestId = 'req-1'): ReviewCommand => ({
  type: 'DecideWaiver',
  requestId,
  decision: choice,
  note: `${choice} after review`,
  metadata: meta(at(3), actor),
});

/** A scan treating `asOf` as now; by default the scanner, which runs at that very time. */
export const escalate = (asOf: string, actor: CommandActor = people.service, initiatedBy: 'SCANNER' | 'OPERATOR' = 'SCANNER', now = asOf): ReviewCommand => ({
  type: 'EscalateOverdue',
  asOf,
  initiatedBy,
  metadata: meta(now, actor),
});

/** An open review whose report carries `indicators` (each one proposes a waiver). */
export function openReview(indicators: ThreatReportSubmission['indicators'] = { victimListedViolentActor: true }): ReviewEvent[] {
  return after(after([], noteReport(makeReport(NOW, (r) => (r.indicators = indicators)))), noteDuty('DUTY'));
}

export const types = (events: ReviewEvent[]) => events.map((e) => e.type);
