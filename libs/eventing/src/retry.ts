/**
 * Errors a handler throws are retried with backoff unless they say they never will succeed
 * (a domain rule, a malformed payload): those go straight to the dead-letter topic.
 */
export class NonRetriableError extends Error {
  readonly retriable = false;
  constructor(
    message: string,
    readonly code = 'EVENTING.NON_RETRIABLE',
  ) {
    super(message);
    this.name = 'NonRetriableError';
  }
}

export function isRetriable(err: unknown): boolean {
  return !(err && typeof err === 'object' && (err as { retriable?: unknown }).retriable === false);
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 100, maxMs: 5_000, maxAttempts: 5 };

/** Exponential backoff with full jitter; attempt counts from 1. */
export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const cap = Math.min(opts.maxMs, opts.initialMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `work`, or a rejection naming `what` once it has taken `ms`: a hung dependency must not hang its caller. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
