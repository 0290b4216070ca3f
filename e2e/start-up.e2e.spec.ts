import { startCompiled } from '@forewarn/testing';

/**
 * Outside development mode a service takes no secret it did not get: without FOREWARN_JWT_SECRET,
 * or with the development one that the repository publishes, it refuses to start and says why.
 */
describe('a service without a secret of its own', () => {
  const services = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'];

  /** Starts the compiled service as a deployment would (no development mode); its exit code and output. */
  const start = (service: string, secret: string) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const output: string[] = [];
      const child = startCompiled(`services/${service}/src/main.ts`, { FOREWARN_DEV_MODE: '0', FOREWARN_JWT_SECRET: secret, NODE_ENV: 'production' }, (line) => output.push(line));
      // A service that did start would listen and never exit: stop it, and the test fails on the code.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output: output.join('\n') });
      });
    });

  it.each(services)('%s refuses to start without FOREWARN_JWT_SECRET, or with the development one', async (service) => {
    const missing = await start(service, '');
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(`[${service}] cannot start: FOREWARN_JWT_SECRET is not set`);
    const published = await start(service, 'forewarn-dev-secret-change-me');
    expect(published.code).toBe(1);
    expect(published.output).toContain('FOREWARN_JWT_SECRET is the development secret');
  }, 60_000);
});
