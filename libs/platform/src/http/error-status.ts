/** A domain error: a small class with a stable dotted code such as 'WAIVER.SELF_APPROVAL'. */
export interface CodedError extends Error {
  code: string;
}

// Dotted upper-case only, so Node ('ECONNREFUSED') and Postgres ('23505') codes stay 500s.
const DOMAIN_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

const statuses = new Map<string, number>();

export function isDomainError(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as Partial<CodedError>).code === 'string' && DOMAIN_CODE.test((error as CodedError).code);
}

/** Maps a code ('WAIVER.SELF_APPROVAL') or a prefix of one ('WAIVER') to an HTTP status; the longest match wins. */
export function registerErrorStatus(codeOrPrefix: string, status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new Error(`registerErrorStatus(${codeOrPrefix}): ${status} is not an HTTP error status`);
  }
  statuses.set(codeOrPrefix.replace(/\.$/, ''), status);
}

export function statusForErrorCode(code: string): number {
  const parts = code.split('.');
  for (let length = parts.length; length > 0; length--) {
    const status = statuses.get(parts.slice(0, length).join('.'));
    if (status) return status;
  }
  return defaultStatus(parts[parts.length - 1]);
}

// Unregistered codes: a missing thing is 404, a clash with the current state is 409, and any
// other broken rule is 422 (the request was well-formed, the domain refused it).
function defaultStatus(name: string): number {
  if (name.endsWith('NOT_FOUND')) return 404;
  if (/^ALREADY_|CONFLICT|DUPLICATE|VERSION_MISMATCH/.test(name)) return 409;
  return 422;
}
