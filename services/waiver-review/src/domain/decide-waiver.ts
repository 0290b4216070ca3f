import { checkLegalConcurrence, checkWaiverDecision, checkWaiverRequest, getPolicy, legalConcurrenceRequired } from '@forewarn/policy';
import type { WaiverCode } from '@forewarn/contracts';
import type { PublishedEvent, ReviewCommand } from './review.events';
import { ReviewError } from './review.errors';
import type { ReviewRequest, ReviewState } from './review.state';

type Command<T extends ReviewCommand['type']> = Extract<ReviewCommand, { type: T }>;

/** People act only on an open review; a closed one names how it closed. */
function requireOpen(state: ReviewState): void {
  if (state.status === 'PENDING') {
    throw new ReviewError(
      state.report || state.duty ? 'WAIVER.REVIEW_NOT_OPEN' : 'WAIVER.REVIEW_NOT_FOUND',
      state.report || state.duty
        ? `case ${state.caseId} has no open waiver review: it needs both the report and a DUTY determination`
        : `case ${state.caseId} has no waiver review`,
    );
  }
  if (state.status === 'WARNING_AUTHORIZED') {
    throw new ReviewError('WAIVER.WARNING_ALREADY_AUTHORIZED', `the warning for case ${state.caseId} is already authorized (${state.warning?.basis})`);
  }
  if (state.status === 'WAIVED') throw new ReviewError('WAIVER.ALREADY_DECIDED', `the waiver review of case ${state.caseId} is decided: waived`);
}

function pendingRequest(state: ReviewState, requestId: string): ReviewRequest {
  const request = state.requests.find((r) => r.requestId === requestId);
  if (!request) throw new ReviewError('WAIVER.REQUEST_NOT_FOUND', `case ${state.caseId} has no waiver request ${requestId}`);
  if (request.status !== 'PENDING') throw new ReviewError('WAIVER.ALREADY_DECIDED', `waiver request ${requestId} is already ${request.status}`);
  return request;
}

const policyOf = (state: ReviewState) => getPolicy(state.policyVersion!);

export function decideRequest(command: Command<'RequestWaiver'>, state: ReviewState): PublishedEvent[] {
  requireOpen(state);
  const pending = state.requests.find((r) => r.status === 'PENDING');
  if (pending) throw new ReviewError('WAIVER.REQUEST_PENDING', `waiver request ${pending.requestId} by ${pending.requestedBy} is still pending`);
  const policy = policyOf(state);
  const { requestId, codes, justification, metadata } = command;
  checkWaiverRequest({ codes, justification, requester: metadata.actor }, policy);
  return [
    {
      type: 'WaiverRequested',
      data: { requestId, codes: codes as WaiverCode[], justification, legalConcurrenceRequired: legalConcurrenceRequired(codes, policy) },
      policyVersion: policy.version,
      metadata: { at: metadata.now, by: metadata.actor.id },
    },
  ];
}

/** A legal reviewer's word on a request that needs it; a non-concurrence means the duty holds. */
export function decideLegalConcurrence(command: Command<'RecordLegalConcurrence'>, state: ReviewState): PublishedEvent[] {
  requireOpen(state);
  const request = pendingRequest(state, command.requestId);
  if (!request.legalConcurrenceRequired) {
    throw new ReviewError('WAIVER.LEGAL_CONCURRENCE_NOT_REQUIRED', `waiver request ${request.requestId} (${request.codes.join(', ')}) needs no legal concurrence`);
  }
  if (request.legal) {
    throw new ReviewError('WAIVER.LEGAL_CONCURRENCE_ALREADY_RECORDED', `legal concurrence on ${request.requestId} was recorded by ${request.legal.by}`);
  }
  const policy = policyOf(state);
  const { concurs, note, metadata } = command;
  checkLegalConcurrence({ request, reviewer: metadata.actor }, policy);
  const meta = { at: metadata.now, by: metadata.actor.id };
  const recorded: PublishedEvent = {
    type: 'LegalConcurrenceRecorded',
    data: { requestId: request.requestId, concurs, note },
    policyVersion: policy.version,
    metadata: meta,
  };
  if (concurs) return [recorded];
  return [recorded, warningAuthorized(state, 'LEGAL_NONCONCURRENCE', policy.version, meta)];
}

/** Four eyes: the policy refuses the requester, a non-senior and a missing legal concurrence. */
export function decideDecision(command: Command<'DecideWaiver'>, state: ReviewState): PublishedEvent[] {
  requireOpen(state);
  const request = pendingRequest(state, command.requestId);
  const policy = policyOf(state);
  const { decision, note, metadata } = command;
  const legalConcurrence = request.legal ? { concurs: request.legal.concurs, by: request.legal.by } : undefined;
  checkWaiverDecision({ request, decider: metadata.actor, decision, legalConcurrence }, policy);
  const meta = { at: metadata.now, by: metadata.actor.id };
  const { requestId, requestedBy, codes } = request;
  if (decision === 'APPROVE') {
    return [{ type: 'WaiverApproved', data: { requestId, codes, requestedBy, note }, policyVersion: policy.version, metadata: meta }];
  }
  return [
    { type: 'WaiverDenied', data: { requestId, requestedBy, reason: note }, policyVersion: policy.version, metadata: meta },
    warningAuthorized(state, 'WAIVER_DENIED', policy.version, meta),
  ];
}

function warningAuthorized(
  state: ReviewState,
  basis: 'WAIVER_DENIED' | 'LEGAL_NONCONCURRENCE',
  policyVersion: string,
  metadata: { at: string; by: string },
): PublishedEvent {
  return { type: 'WarningAuthorized', data: { basis, ...state.report!.releasable }, policyVersion, metadata };
}
