import { determineDuty, dutyFactsFromReport } from '@forewarn/policy';
import type { AnalystAssessmentData, DutyDeterminedData } from '@forewarn/contracts';
import type { AssessmentCase } from './assessment.state';
import type { AssessmentCommand, AssessmentEvent, CommandMeta } from './assessment.events';
import { AssessmentError } from './assessment.errors';

/**
 * The duty rule applied to one case. Pure: the clock, the actor and the policy come in the
 * command, so the same command on the same state always gives the same events.
 */
export function decide(command: AssessmentCommand, state: AssessmentCase): AssessmentEvent[] {
  switch (command.type) {
    case 'DetermineDuty':
      // Only a freshly received report is decided; a replayed ThreatReported decides nothing.
      return state.status === 'RECEIVED' ? [dutyDetermined(state, command.metadata, 'POLICY')] : [];
    case 'RecordAnalystAssessment':
      return recordAnalystAssessment(state, command.assessment, command.metadata);
  }
}

function recordAnalystAssessment(state: AssessmentCase, assessment: AnalystAssessmentData, meta: CommandMeta): AssessmentEvent[] {
  if (state.status === 'NEW') throw new AssessmentError('ASSESSMENT.CASE_NOT_FOUND', `case ${state.caseId} is not known to assessment`);
  if (state.status !== 'NEEDS_ANALYST') {
    throw new AssessmentError(
      'ASSESSMENT.NOT_AWAITING_ANALYST',
      `case ${state.caseId} is not waiting for an analyst: the duty rule decided ${state.status}`,
    );
  }
  return [
    { type: 'AnalystAssessmentRecorded', data: { assessment }, metadata: { at: meta.now, by: meta.by } },
    dutyDetermined(state, meta, 'POLICY_WITH_ANALYST', assessment),
  ];
}

function dutyDetermined(
  state: AssessmentCase,
  meta: CommandMeta,
  decidedBy: DutyDeterminedData['decidedBy'],
  assessment?: AnalystAssessmentData,
): AssessmentEvent {
  if (!state.report) throw new Error(`case ${state.caseId} has no report to decide on`);
  const facts = dutyFactsFromReport(state.report, meta.now, assessment);
  const { outcome, reasons } = determineDuty(facts, meta.policy);
  return {
    type: 'DutyDetermined',
    data: { outcome, reasons, facts, decidedBy },
    policyVersion: meta.policy.version,
    metadata: { at: meta.now, by: meta.by },
  };
}
