import type { AnalystAssessmentData, AnalystAssessmentRecordedData, DutyDeterminedData, ThreatReportedData } from '@forewarn/contracts';
import type { PolicyConfig } from '@forewarn/policy';

/** Who and when, from the command; eventId and correlationId are added by the adapter that publishes. */
export interface EventMeta {
  at: string;
  by: string;
  eventId?: string;
  correlationId?: string;
}

export type AssessmentEvent =
  | { type: 'ThreatReported'; data: ThreatReportedData; metadata: EventMeta }
  | { type: 'DutyDetermined'; data: DutyDeterminedData; policyVersion: string; metadata: EventMeta }
  | { type: 'AnalystAssessmentRecorded'; data: AnalystAssessmentRecordedData; metadata: EventMeta };

/** Time, the acting person or service and the policy arrive as inputs: the decider reads no clock. */
export interface CommandMeta {
  now: string;
  by: string;
  policy: PolicyConfig;
}

export type AssessmentCommand =
  | { type: 'DetermineDuty'; metadata: CommandMeta }
  | { type: 'RecordAnalystAssessment'; assessment: AnalystAssessmentData; metadata: CommandMeta };
