import { withTimeout } from './retry';

describe('withTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it('Given work that answers in time, Then its answer', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, 'the answer')).resolves.toBe(42);
  });

  it('Given work that never answers, Then a rejection naming it once the time is up', async () => {
    jest.useFakeTimers();
    const hung = withTimeout(new Promise<never>(() => undefined), 10_000, 'the relay producer disconnecting');
    const settled = hung.then(() => 'resolved', (err: Error) => err.message);
    await jest.advanceTimersByTimeAsync(9_999);
    await jest.advanceTimersByTimeAsync(1);
    await expect(settled).resolves.toBe('the relay producer disconnecting did not answer within 10000 ms');
  });
});
