/**
 * Stable codes: adapters map them to an HTTP status or to retry / dead-letter, and auditors
 * and tests match on them, so a code is never renamed once released.
 */
export const PolicyErrorCodes = [
  'POLICY.UNKNOWN_VERSION',
  'POLICY.INVALID_TIME',
  'WAIVER.ROLE_REQUIRED',
  'WAIVER.CODES_REQUIRED',
  'WAIVER.UNKNOWN_CODE',
  'WAIVER.DUPLICATE_CODE',
  'WAIVER.JUSTIFICATION_REQUIRED',
  'WAIVER.SELF_APPROVAL',
  'WAIVER.SELF_CONCURRENCE',
  'WAIVER.LEGAL_CONCURRENCE_REQUIRED',
  'WAIVER.LEGAL_CONCURRENCE_NOT_INDEPENDENT',
] as const;
export type PolicyErrorCode = (typeof PolicyErrorCodes)[number];

/** A rule refused its input. Thrown, never returned, so a caller cannot ignore it. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isPolicyError(err: unknown, code?: PolicyErrorCode): err is PolicyError {
  return err instanceof PolicyError && (code === undefined || err.code === code);
}
