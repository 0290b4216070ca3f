import { decodeJwt } from 'jose';
import { DEFAULT_AUDIENCE } from '@forewarn/platform';
import { startDevIdentityProvider, type DevIdentityProvider } from '@forewarn/demo';
import { freeBasePort } from '@forewarn/testing';
import { DEVELOPMENT_ISSUER, main } from './token';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) }, env);
  return { code, out, err: err.join('\n') };
}

describe('./forewarn token (scripts/identity/token.ts)', () => {
  let provider: DevIdentityProvider;

  beforeAll(async () => {
    provider = await startDevIdentityProvider({ port: await freeBasePort(18_410), audience: DEFAULT_AUDIENCE, consoleUrls: ['http://127.0.0.1:3005'] });
  });
  afterAll(() => provider.close());

  it('prints the access token the identity provider issued to the person signed in, with their organisation and roles', async () => {
    const { code, out } = await run(['--person', 'otto.operator'], { FOREWARN_OIDC_ISSUER: provider.issuer });
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const claims = decodeJwt(out[0]);
    expect(claims).toMatchObject({ iss: provider.issuer, aud: DEFAULT_AUDIENCE, sub: 'otto.operator', org: 'NCTC', roles: ['operator'] });
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('exits 1 naming the provider when the provider refuses the person', async () => {
    const { code, out, err } = await run(['--person', 'mallory'], { FOREWARN_OIDC_ISSUER: provider.issuer });
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toContain(`sign-in of mallory refused by ${provider.issuer}`);
  });

  it('exits 2 listing the people when the development provider has no such person, or with usage', async () => {
    const unknown = await run(['--person', 'mallory']);
    expect(unknown).toMatchObject({ code: 2, out: [], err: expect.stringContaining('the development identity provider has no such person') });
    expect(unknown.err).toContain('otto.operator (NCTC: operator)');
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringContaining('--person is required') });
    expect(await run(['--person', 'otto.operator', '--roles', 'admin'])).toMatchObject({ code: 2, err: expect.stringContaining('Usage:') });
  });

  it('exits 1 saying how to start it when no provider answers', async () => {
    const nobody = `http://127.0.0.1:${await freeBasePort(18_430)}`;
    const { code, err } = await run(['--person', 'otto.operator'], { FOREWARN_OIDC_ISSUER: nobody });
    expect(code).toBe(1);
    expect(err).toBe(`token: no identity provider answers at ${nobody}: start the system with ./forewarn start`);
    expect(DEVELOPMENT_ISSUER).toBe('http://127.0.0.1:3010');
  });
});
