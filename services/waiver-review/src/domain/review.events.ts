import type { ForewarnEventDataMap, ThreatReportSubmission } from '@forewarn/contracts';
import type { PolicyConfig } from '@forewarn/policy';
import type { EventRef, NotedDuty, NotedReport } from './review.state';

/** Who and when; the adapter adds the eventId of the envelope it publishes. */
export interface EventMeta {
  at: string;
  by: string;
  eventId?: string;
}

export type PublishedType =
  | 'WaiverReviewOpened'
  | 'WarningAuthorized'
  | 'WaiverRequested'
  | 'LegalConcurrenceRecorded'
  | 'WaiverApproved'
  | 'WaiverDenied'
  | 'WaiverReviewEscalated';

export type PublishedEvent = {
  [T in PublishedType]: { type: T; data: ForewarnEventDataMap[T]; policyVersion: string; metadata: EventMeta };
}[PublishedType];

/** Noted inputs from other services: they change the state, and are not published again. */
export type NotedEvent =
  | { type: 'ReportNoted'; data: NotedReport; metadata: EventMeta }
  | { type: 'DutyNoted'; data: NotedDuty; metadata: EventMeta };

export type ReviewEvent = PublishedEvent | NotedEvent;

export function isPublished(event: ReviewEvent): event is PublishedEvent {
  return event.type !== 'ReportNoted' && event.type !== 'DutyNoted';
}

/** Who acts (a person, or this service): what the policy's four-eyes checks read. */
export interface CommandActor {
  id: string;
  roles: readonly string[];
}

/** Time, the actor and ids come in with the command: the decider reads no clock and makes no ids. */
export interface CommandMeta {
  now: string;
  actor: CommandActor;
}

export type ReviewCommand =
  | { type: 'NoteReport'; report: ThreatReportSubmission; event: EventRef; metadata: CommandMeta & { policy: PolicyConfig } }
  | { type: 'NoteDuty'; duty: Omit<NotedDuty, 'event'>; event: EventRef; metadata: CommandMeta & { policy: PolicyConfig } }
  | { type: 'RequestWaiver'; requestId: string; codes: string[]; justification: string; metadata: CommandMeta }
  | { type: 'RecordLegalConcurrence'; requestId: string; concurs: boolean; note: string; metadata: CommandMeta }
  | { type: 'DecideWaiver'; requestId: string; decision: 'APPROVE' | 'DENY'; note: string; metadata: CommandMeta }
  /** `asOf` is the time the scan treats as now (an operator may set it ahead); `metadata.now` is when it really runs. */
  | { type: 'EscalateOverdue'; asOf: string; initiatedBy: 'SCANNER' | 'OPERATOR'; metadata: CommandMeta };
