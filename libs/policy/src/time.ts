import { PolicyError } from './errors';

// Only full ISO 8601 instants with a zone: Date's parsing of other shapes varies between
// engines, and a replay years later must read the same instant.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/** Milliseconds since the epoch, or undefined when `iso` is not a zoned ISO instant. */
export function tryParseInstant(iso: string): number | undefined {
  if (typeof iso !== 'string' || !ISO_INSTANT.test(iso)) return undefined;
  const ms = new Date(iso).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** Milliseconds since the epoch; throws POLICY.INVALID_TIME naming the field. */
export function parseInstant(iso: string, field: string): number {
  const ms = tryParseInstant(iso);
  if (ms === undefined) {
    throw new PolicyError('POLICY.INVALID_TIME', `${field} must be an ISO 8601 instant with a time zone, got ${JSON.stringify(iso)}`);
  }
  return ms;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
