/** What one webhook attempt came to. */
export type AttemptOutcome =
  | { kind: 'DELIVERED'; status: number }
  /** Worth trying again: timeouts, network errors, 5xx, 408/409/425/429. */
  | { kind: 'RETRY'; error: string }
  /** Trying again cannot help (a 4xx such as 401, 404, 422): a person must look now. */
  | { kind: 'PERMANENT'; error: string };

/**
 * 2xx delivered. 409 is retried: under the Idempotency-Key draft (IETF httpapi) it means "a
 * request with this key is still being processed", which is exactly our resend after a crash.
 * Redirects are not followed (the warning must reach the configured receiver), so they are permanent.
 */
export function classifyHttpStatus(status: number, statusText = ''): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'DELIVERED', status };
  const error = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status >= 500 || [408, 409, 425, 429].includes(status)) return { kind: 'RETRY', error };
  return { kind: 'PERMANENT', error };
}

/** Exponential backoff: base, 2 x base, 4 x base ... capped. Deterministic, so the schedule can be audited. */
export function retryDelayMs(failedAttempts: number, retry: { baseMs: number; maxMs: number }): number {
  return Math.min(retry.maxMs, retry.baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export type AfterFailure = { final: true } | { final: false; retryInMs: number };

/** After attempt `attempts` failed: retry later, or escalate when the budget is spent or retrying cannot help. */
export function afterFailedAttempt(
  failure: { attempts: number; attemptLimit: number; permanent: boolean },
  retry: { baseMs: number; maxMs: number },
): AfterFailure {
  if (failure.permanent || failure.attempts >= failure.attemptLimit) return { final: true };
  return { final: false, retryInMs: retryDelayMs(failure.attempts, retry) };
}
