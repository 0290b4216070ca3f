import { AuditError } from './audit-errors';

export const DEFAULT_RETENTION_DAYS = 1825; // five years, the commonly cited minimum (duty-to-warn.md section 4)
const DAY_MS = 86_400_000;

/**
 * The purge cutoff: the earlier of the operator's --before and now minus retention, so no
 * command line can reach into records still under retention.
 */
export function purgeCutoff(before: string, nowMs: number, retentionDays: number): { cutoff: string; limitedBy: 'before' | 'retention' } {
  const requested = Date.parse(before);
  if (Number.isNaN(requested)) throw new AuditError('AUDIT.INVALID_QUERY', `--before must be an ISO 8601 instant, got ${JSON.stringify(before)}`);
  if (!Number.isFinite(retentionDays) || retentionDays < 0) throw new AuditError('AUDIT.INVALID_QUERY', `AUDIT_RETENTION_DAYS must be a non-negative number, got ${retentionDays}`);
  const retentionEdge = nowMs - retentionDays * DAY_MS;
  return requested <= retentionEdge
    ? { cutoff: new Date(requested).toISOString(), limitedBy: 'before' }
    : { cutoff: new Date(retentionEdge).toISOString(), limitedBy: 'retention' };
}
