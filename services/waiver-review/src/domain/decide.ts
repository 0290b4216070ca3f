import type { ThreatReportSubmission } from '@forewarn/contracts';
import { proposeWaivers, releasableFacts, reviewDeadline, waiverFactsFromReport, type PolicyConfig } from '@forewarn/policy';
import { decideDecision, decideLegalConcurrence, decideRequest } from './decide-waiver';
import { decideEscalation } from './decide-escalation';
import type { CommandMeta, PublishedEvent, ReviewCommand, ReviewEvent } from './review.events';
import type { EventRef, NotedReport, ReviewState } from './review.state';
import { evolve } from './evolve';

/**
 * The waiver review's decider: the current state and a command in, the events that follow out.
 * Pure (time, people, ids and the policy arrive in the command), so tests read Given/When/Then
 * and a replay of the same inputs gives the same events.
 */
export function decide(command: ReviewCommand, state: ReviewState): ReviewEvent[] {
  switch (command.type) {
    case 'NoteReport':
      return noteReport(command, state);
    case 'NoteDuty':
      return noteDuty(command, state);
    case 'RequestWaiver':
      return decideRequest(command, state);
    case 'RecordLegalConcurrence':
      return decideLegalConcurrence(command, state);
    case 'DecideWaiver':
      return decideDecision(command, state);
    case 'EscalateOverdue':
      return decideEscalation(command, state);
  }
}

function noteReport(command: Extract<ReviewCommand, { type: 'NoteReport' }>, state: ReviewState): ReviewEvent[] {
  // A report noted once stays: a replayed ThreatReported changes nothing.
  if (state.report) return [];
  const { report, event, metadata } = command;
  const data = notedReport(report, metadata.policy, event, metadata.now);
  const noted: ReviewEvent = { type: 'ReportNoted', data, metadata: { at: metadata.now, by: metadata.actor.id } };
  return [noted, ...openIfReady(evolve(state, noted), metadata, metadata.policy)];
}

/**
 * What the review keeps of a report: the releasable facts and the waiver rule's inputs, never its
 * secrets. The same function notes it live and when the read model is rebuilt from the log.
 */
export function notedReport(report: ThreatReportSubmission, policy: PolicyConfig, event: EventRef, at: string): NotedReport {
  // asOf is dropped: the inputs do not depend on it, and the rule gets the time when the review opens.
  const { asOf: _asOf, ...waiverInputs } = waiverFactsFromReport(report, at);
  return { releasable: releasableFacts(report, policy), waiverInputs, event };
}

function noteDuty(command: Extract<ReviewCommand, { type: 'NoteDuty' }>, state: ReviewState): ReviewEvent[] {
  // Once opened, the review runs to its end; a later determination (a replay) changes nothing.
  if (state.status !== 'PENDING') return [];
  const { duty, event, metadata } = command;
  const noted: ReviewEvent = { type: 'DutyNoted', data: { ...duty, event }, metadata: { at: metadata.now, by: metadata.actor.id } };
  return [noted, ...openIfReady(evolve(state, noted), metadata, metadata.policy)];
}

/**
 * A DUTY and the report, in whichever order they came, open the review. With no waiver
 * proposed the duty holds at once: the warning is authorized in the same step.
 */
function openIfReady(state: ReviewState, meta: CommandMeta, policy: PolicyConfig): PublishedEvent[] {
  if (state.status !== 'PENDING' || !state.report || state.duty?.outcome !== 'DUTY') return [];
  const facts = { ...state.report.waiverInputs, asOf: meta.now };
  const proposals = proposeWaivers(facts, policy);
  const metadata = { at: meta.now, by: meta.actor.id };
  const opened: PublishedEvent = {
    type: 'WaiverReviewOpened',
    data: { deadline: reviewDeadline(facts, policy), proposals, facts },
    policyVersion: policy.version,
    metadata,
  };
  if (proposals.length > 0) return [opened];
  return [
    opened,
    { type: 'WarningAuthorized', data: { basis: 'NO_WAIVER_PROPOSED', ...state.report.releasable }, policyVersion: policy.version, metadata },
  ];
}
