import { createLogger } from './create-logger';
import { LogContext } from './log-context';

// createLogger reads LOG_LEVEL, which other test files in the same process may have quieted.
function capture(service = 'notification', level = 'info') {
  process.env.LOG_LEVEL = level;
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(service, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('LogContext with createLogger', () => {
  const savedLevel = process.env.LOG_LEVEL;
  afterEach(() => {
    if (savedLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLevel;
  });

  it('puts caseId and correlationId on every line inside a run, across awaits, and nowhere else', async () => {
    const { logger, lines } = capture();
    await LogContext.run({ caseId: 'case-1', correlationId: 'corr-1' }, async () => {
      logger.info('handling WarningAuthorized');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ component: 'channel' }).warn('channel slow');
    });
    logger.info('idle');

    expect(lines).toMatchObject([
      { level: 'info', service: 'notification', caseId: 'case-1', correlationId: 'corr-1', msg: 'handling WarningAuthorized' },
      { level: 'warn', component: 'channel', caseId: 'case-1', correlationId: 'corr-1', msg: 'channel slow' },
      { msg: 'idle' },
    ]);
    expect(lines[2]).not.toHaveProperty('caseId');
  });

  it('keeps concurrent runs apart and lets nested runs add fields', async () => {
    const { logger, lines } = capture();
    const handle = (caseId: string, delay: number) =>
      LogContext.run({ caseId, correlationId: `corr-${caseId}` }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        LogContext.run({ eventId: `evt-${caseId}` }, () => logger.info('handled'));
      });
    await Promise.all([handle('a', 10), handle('b', 1)]);

    expect(lines).toEqual([
      expect.objectContaining({ caseId: 'b', correlationId: 'corr-b', eventId: 'evt-b' }),
      expect.objectContaining({ caseId: 'a', correlationId: 'corr-a', eventId: 'evt-a' }),
    ]);
  });

  it('exposes the current fields so emitted events can carry the correlationId', () => {
    expect(LogContext.current()).toBeUndefined();
    LogContext.run({ correlationId: 'corr-9' }, () => {
      LogContext.assign({ caseId: 'case-9' });
      expect(LogContext.current()).toEqual({ correlationId: 'corr-9', caseId: 'case-9' });
    });
  });

  it('takes its level from LOG_LEVEL', () => {
    const { logger, lines } = capture('notification', 'warn');
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});
