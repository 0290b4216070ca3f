import { startCompiled } from '@forewarn/testing';

/**
 * Outside development mode a service believes only its organisation's identity provider: without
 * FOREWARN_OIDC_ISSUER, or given a shared secret (the one the repository publishes above all),
 * it refuses to start and says why.
 */
describe('a service without an identity provider of its own', () => {
  const services = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'];

  /** Starts the compiled service as a deployment would (no development mode); its exit code and output. */
  const start = (service: string, env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const output: string[] = [];
      const child = startCompiled(`services/${service}/src/main.ts`, { FOREWARN_DEV_MODE: '0', FOREWARN_OIDC_ISSUER: '', FOREWARN_JWT_SECRET: '', NODE_ENV: 'production', ...env }, (line) => output.push(line));
      // A service that did start would listen and never exit: stop it, and the test fails on the code.
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output: output.join('\n') });
      });
    });

  it.each(services)('%s refuses to start without FOREWARN_OIDC_ISSUER, or with a shared secret', async (service) => {
    const missing = await start(service, {});
    expect(missing.code).toBe(1);
    expect(missing.output).toContain(`[${service}] cannot start: FOREWARN_OIDC_ISSUER is not set`);
    const published = await start(service, { FOREWARN_OIDC_ISSUER: 'https://idp.agency.example', FOREWARN_JWT_SECRET: 'forewarn-dev-secret-change-me' });
    expect(published.code).toBe(1);
    expect(published.output).toContain('FOREWARN_JWT_SECRET is the development secret');
  }, 60_000);
});
