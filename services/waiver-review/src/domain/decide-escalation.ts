import type { ReviewCommand, ReviewEvent } from './review.events';
import type { ReviewState } from './review.state';

type Escalate = Extract<ReviewCommand, { type: 'EscalateOverdue' }>;

// Both instants were written by this service or validated at the edge (the operator's asOf).
const ms = (iso: string) => new Date(iso).getTime();

/**
 * An open review past its deadline goes to the arbiter, once. It stays open: a senior
 * reviewer can still decide it, and until then the duty to warn holds. `asOf` is the scan's
 * idea of now, which an operator may set ahead of the clock for a drill or a pre-escalation;
 * the event still records the real time it happened.
 */
export function decideEscalation(command: Escalate, state: ReviewState): ReviewEvent[] {
  if (state.status !== 'OPEN' || state.escalation || !state.deadline) return [];
  const { asOf, metadata } = command;
  const { now, actor } = metadata;
  if (!(ms(state.deadline) < ms(asOf))) return [];
  const note =
    command.initiatedBy === 'OPERATOR'
      ? `Escalated by operator ${actor.id} treating ${asOf} as the time: the review due ${state.deadline} is undecided.`
      : `The review due ${state.deadline} was still undecided at ${asOf}; escalated to the arbiter. The duty holds until it is decided.`;
  return [
    {
      type: 'WaiverReviewEscalated',
      data: { reason: 'REVIEW_OVERDUE', deadline: state.deadline, escalatedTo: 'ARBITER', note },
      policyVersion: state.policyVersion!,
      metadata: { at: now, by: actor.id },
    },
  ];
}
