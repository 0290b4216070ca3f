import type { Actor, ForewarnEvent, PartnerCaseStatus } from '@forewarn/contracts';
import { newEvent, type CaseStatusUpdate } from '@forewarn/eventing';
import { loadConfig } from '@forewarn/platform';
import { getPolicy } from '@forewarn/policy';
import type { AssessmentCase } from '../domain/assessment.state';
import type { AssessmentEvent } from '../domain/assessment.events';
import { evolve } from '../domain/evolve';

export const producer = { service: 'assessment', version: loadConfig('assessment').version };
/** The policy this service decides by (FOREWARN_POLICY_VERSION), read once like the producer. */
export const policy = getPolicy(loadConfig('assessment').policyVersion);

export interface Origin {
  actor: Actor;
  /** What the first event answers; each later event in the same batch answers the one before it. */
  cause: { eventId: string; correlationId: string };
}

export interface Outgoing {
  next: AssessmentCase;
  events: ForewarnEvent[];
  statuses: CaseStatusUpdate[];
}

/**
 * Turns decided events into envelopes (ids and time are made here, not in the decider), folds
 * them into the case with their ids, and adds the partner case status a NO_DUTY answers with.
 */
export function toOutgoing(state: AssessmentCase, decided: AssessmentEvent[], origin: Origin): Outgoing {
  let cause = origin.cause;
  let next = state;
  const events: ForewarnEvent[] = [];
  const statuses: CaseStatusUpdate[] = [];
  for (const e of decided) {
    if (e.type === 'ThreatReported') throw new Error('assessment never emits ThreatReported');
    const common = { producer, actor: origin.actor, cause, occurredAt: e.metadata.at };
    const envelope =
      e.type === 'DutyDetermined'
        ? newEvent('DutyDetermined', state.caseId, e.data, { ...common, policyVersion: e.policyVersion })
        : newEvent('AnalystAssessmentRecorded', state.caseId, e.data, common);
    events.push(envelope);
    cause = { eventId: envelope.eventId, correlationId: envelope.correlationId };
    next = evolve(next, { ...e, metadata: { ...e.metadata, eventId: envelope.eventId, correlationId: envelope.correlationId } } as AssessmentEvent);
    if (e.type === 'DutyDetermined' && e.data.outcome === 'NO_DUTY') statuses.push(noDutyStatus(next, e.metadata.at));
  }
  return { next, events, statuses };
}

function noDutyStatus(c: AssessmentCase, at: string): CaseStatusUpdate {
  const status: PartnerCaseStatus = {
    schemaVersion: 1,
    caseId: c.caseId,
    sourceAgency: c.report!.sourceAgency,
    reportId: c.report!.reportId,
    status: 'NO_DUTY',
    at,
  };
  return { messageId: `status:${c.caseId}:NO_DUTY`, status };
}
