import type { ReviewRequest, ReviewState } from '../domain/review.state';

const ms = (iso: string) => new Date(iso).getTime();
const isOverdue = (s: ReviewState, now: string) => s.status === 'OPEN' && !!s.deadline && ms(s.deadline) < ms(now);

function requestView(r: ReviewRequest) {
  return {
    requestId: r.requestId,
    codes: r.codes,
    justification: r.justification,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    legalConcurrenceRequired: r.legalConcurrenceRequired,
    legalConcurrence: r.legal ?? null,
    decision: r.decision ?? null,
  };
}

/** How the review ended: waived by whom, or the warning authorized on which basis (and by whose denial). */
function outcome(s: ReviewState) {
  const decided = s.requests.find((r) => r.decision);
  const decision = decided?.decision ? { requestId: decided.requestId, by: decided.decision.by } : {};
  if (s.status === 'WAIVED') return { outcome: 'WAIVED' as const, ...decided?.decision, ...decision };
  if (s.status === 'WARNING_AUTHORIZED' && s.warning) return { outcome: 'WARNING_AUTHORIZED' as const, ...s.warning, ...decision };
  return null;
}

/** The releasable threat and target only: reviewers see what a warning would say. */
function subject(s: ReviewState) {
  const r = s.report?.releasable;
  return r ? { threat: { type: r.threat.type, window: r.threat.window ?? null }, target: { kind: r.target.kind, description: r.target.description } } : {};
}

/** GET /v1/cases/:caseId/waiver-review. */
export function reviewView(s: ReviewState, now: string) {
  return {
    caseId: s.caseId,
    state: s.status,
    reportReceived: !!s.report,
    dutyOutcome: s.duty?.outcome ?? null,
    policyVersion: s.policyVersion ?? null,
    openedAt: s.openedAt ?? null,
    deadline: s.deadline ?? null,
    overdue: isOverdue(s, now),
    proposals: s.proposals ?? [],
    requests: s.requests.map(requestView),
    decision: outcome(s),
    escalation: s.escalation ?? null,
    ...subject(s),
  };
}

/** One line of the reviewers' worklist: the flow, and what the review is about. */
export function worklistItem(s: ReviewState, now: string) {
  const pending = s.requests.find((r) => r.status === 'PENDING');
  return { ...flowItem(s, now), proposals: s.proposals ?? [], pendingRequest: pending ? requestView(pending) : null, ...subject(s) };
}

/** The agency that reported the case: whose people, beside the duty holders', may see it. */
export const sourceOf = (s: ReviewState): string => s.report?.releasable.source.sourceAgency ?? '';

/** A review as operators see it: where it is in the flow and when it is due; no threat, codes or justification. */
export function flowItem(s: ReviewState, now: string) {
  const pending = s.requests.find((r) => r.status === 'PENDING');
  return {
    caseId: s.caseId,
    state: s.status,
    deadline: s.deadline ?? null,
    overdue: isOverdue(s, now),
    escalated: !!s.escalation,
    openedAt: s.openedAt ?? null,
    pendingRequest: pending ? { requestId: pending.requestId, status: pending.status, requestedAt: pending.requestedAt } : null,
  };
}

export function overdueTimes(s: ReviewState, asOf: string) {
  return { overdueBySeconds: s.deadline ? Math.floor((ms(asOf) - ms(s.deadline)) / 1000) : 0, escalatedAt: s.escalation?.at ?? null };
}

/** One line of the reviewers' (and auditors') overdue list. */
export function overdueItem(s: ReviewState, asOf: string) {
  return { ...worklistItem(s, asOf), ...overdueTimes(s, asOf) };
}
