import { randomUUID } from 'node:crypto';
import { newEvent } from '@forewarn/eventing';
import { crocusReport, type ForewarnEvent, type ThreatReportSubmission } from '@forewarn/contracts';

export { crocusReport };

const HOUR = 3_600_000;

/** ISO instant `hours` after `from`. */
export function hoursAfter(from: string, hours: number): string {
  return new Date(new Date(from).getTime() + hours * HOUR).toISOString();
}

/**
 * The shared Crocus-like report (libs/contracts/src/fixtures/crocus-report.ts, re-exported here
 * as `crocusReport`) as a fresh case: a new report id, reported at `asOf`, its window opening two
 * days later (the duty rule says DUTY). Each test changes only what it is about with `patch`.
 */
export function makeReport(asOf: string, patch?: (r: ThreatReportSubmission) => void): ThreatReportSubmission {
  return crocusReport((report) => {
    report.reportId = `RPT-${Math.random().toString(36).slice(2, 10)}`;
    report.reportedAt = asOf;
    report.threat.window = { earliest: hoursAfter(asOf, 48), latest: hoursAfter(asOf, 72) };
    patch?.(report);
  });
}

/** The envelope intake would publish for `report`, as a fresh case. */
export function threatReported(report: ThreatReportSubmission, caseId: string = randomUUID()): ForewarnEvent<'ThreatReported'> {
  return newEvent('ThreatReported', caseId, { report, receivedVia: 'KAFKA', receivedAt: new Date().toISOString() }, {
    producer: { service: 'intake', version: '0.0.0-test' },
    actor: { kind: 'service', id: `partner:${report.sourceAgency}`, organisation: report.sourceAgency },
  });
}
