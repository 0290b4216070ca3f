import type { ThreatReportedData, ThreatReportSubmission } from '@forewarn/contracts';
import { dutyOrganisations } from '@forewarn/platform';

export type ReceivedVia = ThreatReportedData['receivedVia'];

/** What intake records when a report arrives: the report as submitted, how and when. */
export function threatReported(report: ThreatReportSubmission, receivedVia: ReceivedVia, receivedAt: string): ThreatReportedData {
  return { report, receivedVia, receivedAt };
}

/** Who may submit for an agency: its own people, or an analyst of a duty-holding organisation on its behalf. */
export function maySubmitFor(person: { organisation: string; roles: string[] }, sourceAgency: string, duty: readonly string[] = dutyOrganisations()): boolean {
  return person.organisation === sourceAgency || (person.roles.includes('analyst') && duty.includes(person.organisation));
}

/**
 * A partner's report is from the agency whose topic it came on: the broker authenticated that
 * agency and let it write only there. A body claiming another agency is refused, never believed.
 */
export function agencyMismatch(topicAgency: string, report: Pick<ThreatReportSubmission, 'sourceAgency'>): string | null {
  return report.sourceAgency === topicAgency ? null : `the report claims sourceAgency ${report.sourceAgency} but came on ${topicAgency}'s topic; only ${topicAgency} writes there`;
}
