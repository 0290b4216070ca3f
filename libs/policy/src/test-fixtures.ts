// Shared by the specs only (not exported from index.ts): one realistic report and small helpers.
import type { ThreatReportSubmission } from '@forewarn/contracts';
import { PolicyError, type PolicyErrorCode } from './errors';

/** The moment the rules are applied at in most tests. */
export const AS_OF = '2024-03-07T12:00:00.000Z';

/** ISO instant `ms` milliseconds after (or before, if negative) AS_OF. */
export function atOffset(ms: number, from: string = AS_OF): string {
  return new Date(new Date(from).getTime() + ms).toISOString();
}
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/**
 * A Crocus-like report (March 2024): a credible, specific threat against a concert audience
 * abroad, protected by the host government's security service. A fresh deep copy each call,
 * changed by `patch` so each test states only what differs.
 */
export function makeReport(patch?: (r: ThreatReportSubmission) => void): ThreatReportSubmission {
  const report: ThreatReportSubmission = {
    sourceAgency: 'partner-agency',
    reportId: 'RPT-2024-0307-01',
    reportedAt: '2024-03-07T10:00:00Z',
    threat: {
      type: 'INTENTIONAL_KILLING',
      description: 'ASSET CARDINAL reports that an ISIS-K cell plans a mass-casualty shooting at a concert.',
      credibility: 'CREDIBLE',
      window: { earliest: '2024-03-08T00:00:00Z', latest: '2024-03-09T23:59:00Z' },
      location: { description: 'Crocus City Hall, Krasnogorsk', countryCode: 'RU' },
      perpetrators: 'ISIS-K cell of four, names known to ASSET CARDINAL',
    },
    target: {
      kind: 'LOCATION',
      description: 'Crocus City Hall concert audience',
      usPerson: false,
      countryCode: 'RU',
      protector: { name: 'Federal Security Service (FSB)', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
    },
    releasableSummary: 'Extremists plan to attack a large gathering, such as a concert, in the Moscow area within days.',
    sensitive: {
      classification: 'TOP SECRET//SI//NOFORN',
      sources: ['ASSET CARDINAL'],
      methods: ['intercept of Telegram channel'],
      collectionDetails: 'Collected 2024-03-05 by station MOSCOW-7',
    },
  };
  const copy = JSON.parse(JSON.stringify(report)) as ThreatReportSubmission;
  patch?.(copy);
  return copy;
}

/** The error `fn` throws; fails the test when it throws nothing or something else. */
export function policyErrorFrom(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PolicyError) return err;
    throw new Error(`expected a PolicyError, got ${String(err)}`);
  }
  throw new Error('expected a PolicyError, nothing was thrown');
}

export function expectPolicyError(fn: () => unknown, code: PolicyErrorCode): PolicyError {
  const err = policyErrorFrom(fn);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  return err;
}
