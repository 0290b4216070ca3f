import { AuditError } from './audit-errors';

/** "State as of": everything, a log position (inclusive), or an instant (events that occurred by then). */
export type AsOf = { kind: 'latest' } | { kind: 'position'; position: number } | { kind: 'time'; at: number; iso: string };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseAsOf(value: string | undefined): AsOf {
  if (value === undefined || value === '') return { kind: 'latest' };
  if (/^\d{1,15}$/.test(value)) return { kind: 'position', position: Number(value) };
  const at = ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(at)) {
    throw new AuditError('AUDIT.INVALID_AS_OF', `asOf must be a log position (an integer) or an ISO 8601 instant with a time zone, got ${JSON.stringify(value)}`);
  }
  return { kind: 'time', at, iso: new Date(at).toISOString() };
}

/**
 * Whether an entry belongs to the state as of this point. Time compares with the event's
 * occurredAt: "what had happened by then", even if the log learned of it later.
 */
export function isWithin(asOf: AsOf, entry: { position: number; occurredAt: string }): boolean {
  if (asOf.kind === 'latest') return true;
  if (asOf.kind === 'position') return entry.position <= asOf.position;
  return Date.parse(entry.occurredAt) <= asOf.at;
}
