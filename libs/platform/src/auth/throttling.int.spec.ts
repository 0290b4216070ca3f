import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthModule } from '../health/health.module';
import { applyHttpDefaults } from '../http/apply-http-defaults';
import { MetricsModule } from '../metrics/metrics.module';
import { AuthModule } from './auth.module';
import { issueDevToken } from './dev-token';
import { Public } from './public.decorator';
import { throttleSettings } from './throttling';

@Controller()
class CasesController {
  @Get('cases')
  list() {
    return { cases: [] };
  }

  @Public()
  @Get('page')
  page() {
    return 'a public page';
  }
}

@Module({ imports: [AuthModule, HealthModule.register({ database: false }), MetricsModule.forService('audit')], controllers: [CasesController] })
class ThrottledModule {}

const limits = {
  FOREWARN_RATE_LIMIT_PERSON: '5',
  FOREWARN_RATE_LIMIT_ADDRESS: '8',
  FOREWARN_AUTH_FAILURE_LIMIT: '3',
  FOREWARN_AUTH_FAILURE_BLOCK_SECONDS: '30',
};

/** A service as bootstrapService builds it, with low limits; a fresh one per test, so counts start at zero. */
async function startApp(): Promise<{ app: INestApplication; url: string }> {
  Object.assign(process.env, limits);
  try {
    const app = applyHttpDefaults(await NestFactory.create(ThrottledModule, { logger: false }));
    await app.listen(0, '127.0.0.1');
    return { app, url: await app.getUrl() };
  } finally {
    for (const variable of Object.keys(limits)) delete process.env[variable];
  }
}

const token = (sub: string) => issueDevToken({ sub, org: 'NCTC', roles: ['analyst'] });
const get = (url: string, bearer?: string) => fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
const statuses = async (n: number, call: () => Promise<Response>) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call()).status);
  return out;
};

describe('rate limits', () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('limits each person, answering 429 with Retry-After, and each address across people', async () => {
    const started = await startApp();
    app = started.app;
    const alice = token('alice');
    expect(await statuses(5, () => get(`${started.url}/cases`, alice))).toEqual([200, 200, 200, 200, 200]);
    const refused = await get(`${started.url}/cases`, alice);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: `Too many requests from you: at most 5 per 60 s; try again in ${wait} s` });
    // Bob has his own allowance, but shares the address: 8 from it in all.
    const bob = token('bob');
    expect(await statuses(4, () => get(`${started.url}/cases`, bob))).toEqual([200, 200, 200, 429]);
    expect(((await get(`${started.url}/cases`, bob).then((r) => r.json())) as { message: string }).message).toMatch(/^Too many requests from your address: at most 8 per 60 s/);
    // The public page counts against the address too.
    expect((await get(`${started.url}/page`)).status).toBe(429);
  });

  it('never limits health and metrics, so probes get through while clients are refused', async () => {
    const started = await startApp();
    app = started.app;
    for (const person of ['carol', 'dave']) expect(await statuses(4, () => get(`${started.url}/cases`, token(person)))).toEqual([200, 200, 200, 200]);
    expect((await get(`${started.url}/cases`, token('erin'))).status).toBe(429);
    for (const path of ['/health/live', '/health/ready', '/health', '/metrics']) {
      expect({ path, statuses: await statuses(20, () => get(`${started.url}${path}`)) }).toEqual({ path, statuses: Array(20).fill(200) });
    }
  });

  it('shuts an address out after repeated failed authentications, even for a valid token', async () => {
    const started = await startApp();
    app = started.app;
    expect(await statuses(3, () => get(`${started.url}/cases`, 'not-a-token'))).toEqual([401, 401, 401]);
    const shutOut = await get(`${started.url}/cases`);
    expect(shutOut.status).toBe(429);
    expect(Number(shutOut.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(shutOut.headers.get('www-authenticate')).toBeNull();
    // A right guess is not told apart from a wrong one while the address is shut out.
    const valid = await get(`${started.url}/cases`, token('erin'));
    expect(valid.status).toBe(429);
    expect(((await valid.json()) as { message: string }).message).toMatch(/^Too many failed authentications from your address; try again in \d+ s$/);
    expect((await get(`${started.url}/health/ready`)).status).toBe(200);
  });

  it('reads its limits from the environment, naming a variable that is not a positive whole number', () => {
    expect(throttleSettings({})).toEqual({ windowSeconds: 60, perPerson: 30_000, perAddress: 60_000, authFailures: 100, authBlockSeconds: 60 });
    expect(throttleSettings({ FOREWARN_RATE_LIMIT_PERSON: '10', FOREWARN_RATE_WINDOW_SECONDS: '1' })).toMatchObject({ perPerson: 10, windowSeconds: 1 });
    expect(() => throttleSettings({ FOREWARN_RATE_LIMIT_ADDRESS: '0' })).toThrow('FOREWARN_RATE_LIMIT_ADDRESS=0 is not a positive whole number');
    expect(() => throttleSettings({ FOREWARN_AUTH_FAILURE_LIMIT: 'lots' })).toThrow('FOREWARN_AUTH_FAILURE_LIMIT=lots is not a positive whole number');
  });
});
