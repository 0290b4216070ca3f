// Shared by the specs only (not exported from index.ts): one realistic report and small helpers.
import { crocusReport, type ThreatReportSubmission } from '@forewarn/contracts';
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
 * The shared Crocus-like report (libs/contracts/src/fixtures/crocus-report.ts) as a partner agency
 * reports it: a credible, specific threat against a concert audience abroad, protected by the host
 * government's security service. A fresh deep copy each call, changed by `patch` so each test
 * states only what differs.
 */
export function makeReport(patch?: (r: ThreatReportSubmission) => void): ThreatReportSubmission {
  return crocusReport((r) => {
    r.sourceAgency = 'partner-agency';
    patch?.(r);
  });
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
