import { randomUUID } from 'node:crypto';
import { newEvent } from '@forewarn/eventing';
import type { ForewarnEvent, ThreatReportSubmission } from '@forewarn/contracts';

const HOUR = 3_600_000;

/** ISO instant `hours` after `from`. */
export function hoursAfter(from: string, hours: number): string {
  return new Date(new Date(from).getTime() + hours * HOUR).toISOString();
}

/**
 * A credible, specific, in-scope threat whose window opens two days after `asOf`: the duty
 * rule says DUTY. Each test changes only what it is about with `patch`.
 */
export function makeReport(asOf: string, patch?: (r: ThreatReportSubmission) => void): ThreatReportSubmission {
  const report: ThreatReportSubmission = {
    sourceAgency: 'NCTC',
    reportId: `RPT-${Math.random().toString(36).slice(2, 10)}`,
    reportedAt: asOf,
    threat: {
      type: 'INTENTIONAL_KILLING',
      description: 'ASSET CARDINAL reports a cell plans a shooting at a concert.',
      credibility: 'CREDIBLE',
      window: { earliest: hoursAfter(asOf, 48), latest: hoursAfter(asOf, 72) },
      location: { description: 'City concert hall', countryCode: 'RU' },
      perpetrators: 'a cell of four',
    },
    target: {
      kind: 'LOCATION',
      description: 'Concert audience',
      usPerson: false,
      countryCode: 'RU',
      protector: { name: 'Host security service', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
    },
    releasableSummary: 'Extremists plan to attack a large gathering within days.',
    sensitive: { classification: 'TOP SECRET//NOFORN', sources: ['ASSET CARDINAL'], methods: ['intercept'] },
  };
  patch?.(report);
  return report;
}

/** The envelope intake would publish for `report`, as a fresh case. */
export function threatReported(report: ThreatReportSubmission, caseId: string = randomUUID()): ForewarnEvent<'ThreatReported'> {
  return newEvent('ThreatReported', caseId, { report, receivedVia: 'KAFKA', receivedAt: new Date().toISOString() }, {
    producer: { service: 'intake', version: '0.0.0-test' },
    actor: { kind: 'service', id: `partner:${report.sourceAgency}`, organisation: report.sourceAgency },
  });
}
