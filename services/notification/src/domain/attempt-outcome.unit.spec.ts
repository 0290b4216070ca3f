import { afterFailedAttempt, classifyHttpStatus, retryDelayMs } from './attempt-outcome';

describe('classifyHttpStatus', () => {
  it.each([200, 201, 202, 204])('Given %i, Then delivered', (status) => {
    expect(classifyHttpStatus(status)).toEqual({ kind: 'DELIVERED', status });
  });

  it.each([500, 502, 503, 504, 408, 409, 425, 429])('Given %i, Then retried', (status) => {
    expect(classifyHttpStatus(status, 'Nope')).toEqual({ kind: 'RETRY', error: `HTTP ${status} Nope` });
  });

  it.each([301, 400, 401, 403, 404, 422])('Given %i, Then retrying cannot help: permanent', (status) => {
    expect(classifyHttpStatus(status).kind).toBe('PERMANENT');
  });
});

describe('retry schedule', () => {
  const retry = { baseMs: 1_000, maxMs: 10_000 };

  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, retry))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('Given attempts left, Then a retry after the backoff', () => {
    expect(afterFailedAttempt({ attempts: 3, attemptLimit: 8, permanent: false }, retry)).toEqual({ final: false, retryInMs: 4_000 });
  });

  it('Given the last attempt failed, Then final (escalate)', () => {
    expect(afterFailedAttempt({ attempts: 8, attemptLimit: 8, permanent: false }, retry)).toEqual({ final: true });
  });

  it('Given a permanent failure on the first attempt, Then final at once', () => {
    expect(afterFailedAttempt({ attempts: 1, attemptLimit: 8, permanent: true }, retry)).toEqual({ final: true });
  });
});
