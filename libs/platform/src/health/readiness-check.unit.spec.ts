import { HealthIndicatorService } from '@nestjs/terminus';
import { toHealthIndicator } from './readiness-check';

describe('toHealthIndicator', () => {
  afterEach(() => jest.useRealTimers());

  it('reports a check that never answers as down instead of hanging the probe', async () => {
    jest.useFakeTimers();
    const indicator = toHealthIndicator({ name: 'kafka', check: () => new Promise<void>(() => undefined) }, new HealthIndicatorService());
    const result = indicator();
    await jest.advanceTimersByTimeAsync(3000);
    await expect(result).resolves.toEqual({ kafka: { status: 'down', message: 'kafka did not answer within 3000 ms' } });
  });
});
