import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AuthModule } from './auth.module';
import { CurrentPerson } from './current-person.decorator';
import { issueDevToken } from './dev-token';
import type { Person } from './person';

@Controller('me')
class MeController {
  @Get()
  me(@CurrentPerson() person: Person) {
    return person;
  }
}

@Module({ imports: [AuthModule], controllers: [MeController] })
class VerifierTestModule {}

interface SigningKey {
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(alg: 'ES256' | 'RS256' | 'EdDSA', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * An identity provider's two public documents, discovery and JWKS, served over HTTP as any
 * provider serves them; the keys it publishes can change (rotation) and it can go away.
 */
class ProviderEndpoints {
  published: JWK[] = [];
  jwksFetches = 0;
  private server?: Server;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` }));
      if (req.url === '/jwks') {
        this.jwksFetches++;
        return res.end(JSON.stringify({ keys: this.published }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.issuer = `http://127.0.0.1:${address.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

const AUDIENCE = 'urn:forewarn:api';

describe('tokens from the organisation\'s identity provider (OIDC, JWKS)', () => {
  const provider = new ProviderEndpoints();
  let app: INestApplication;
  let url: string;
  let es256: SigningKey;
  const saved = { ...process.env };

  const token = (key: SigningKey, claims: Record<string, unknown> = {}, opts: { issuer?: string; audience?: string; expiresIn?: string | number } = {}) =>
    new SignJWT({ org: 'NCTC', realm_access: { roles: ['operator', 'superuser'] }, name: 'Otto', ...claims })
      .setProtectedHeader({ alg: key.jwk.alg!, kid: key.jwk.kid, typ: 'at+jwt' })
      .setSubject('otto.operator')
      .setIssuer(opts.issuer ?? provider.issuer)
      .setAudience(opts.audience ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '10m')
      .sign(key.privateKey);

  const me = async (bearer: string) => {
    const res = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${bearer}` } });
    return { status: res.status, body: (await res.json()) as Person & { message: string } };
  };

  beforeAll(async () => {
    await provider.start();
    es256 = await signingKey('ES256', 'key-1');
    provider.published = [es256.jwk];
    // Which claims carry roles is configuration: here Keycloak's place for them.
    Object.assign(process.env, { FOREWARN_OIDC_ISSUER: provider.issuer, FOREWARN_OIDC_AUDIENCE: AUDIENCE, FOREWARN_OIDC_ROLES_CLAIM: 'realm_access.roles' });
    app = await NestFactory.create(VerifierTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await provider.stop().catch(() => undefined);
    process.env = saved;
  });

  it('believes a token the provider signed, taking organisation and roles from the configured claims', async () => {
    const { status, body } = await me(await token(es256));
    expect(status).toBe(200);
    expect(body).toEqual({ id: 'otto.operator', organisation: 'NCTC', roles: ['operator'], name: 'Otto' });
  });

  it('accepts RS256 and EdDSA keys as well', async () => {
    const rsa = await signingKey('RS256', 'rsa-1');
    const ed = await signingKey('EdDSA', 'ed-1');
    provider.published = [es256.jwk, rsa.jwk, ed.jwk];
    await new Promise((r) => setTimeout(r, 5_100)); // the verifier asks for new keys at most every 5 s
    expect((await me(await token(rsa))).status).toBe(200);
    expect((await me(await token(ed))).status).toBe(200);
  }, 15_000);

  it('refuses another audience, another issuer, an expired token and a key the provider never published, saying why', async () => {
    const stranger = await signingKey('ES256', 'key-1'); // same kid, other key: a forgery
    const cases: Array<[Promise<string>, RegExp]> = [
      [token(es256, {}, { audience: 'urn:other:api' }), /^Invalid token: unexpected "aud" claim value/],
      [token(es256, {}, { issuer: 'https://elsewhere.example' }), /^Invalid token: issued by https:\/\/elsewhere.example, not by the identity provider http:/],
      [token(es256, {}, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), /^Token expired at \d{4}-/],
      [token(stranger), /^Invalid token: signature verification failed/],
      [token(es256, { org: '' }), /^Invalid token: it must carry sub, org and realm_access.roles/],
    ];
    for (const [bearer, reason] of cases) {
      const { status, body } = await me(await bearer);
      expect({ status, message: body.message }).toEqual({ status: 401, message: expect.stringMatching(reason) });
    }
  });

  it('follows a key rotation: a token signed with a new key is believed once the provider publishes it', async () => {
    const next = await signingKey('ES256', 'key-2');
    expect((await me(await token(next))).status).toBe(401);
    provider.published = [next.jwk, es256.jwk];
    await new Promise((r) => setTimeout(r, 5_100));
    const before = provider.jwksFetches;
    expect((await me(await token(next))).status).toBe(200);
    expect(provider.jwksFetches).toBe(before + 1);
    // Cached: a second request does not fetch the keys again.
    expect((await me(await token(next))).status).toBe(200);
    expect(provider.jwksFetches).toBe(before + 1);
  }, 15_000);

  it('answers 503, not 401, while the provider\'s keys cannot be fetched', async () => {
    await provider.stop();
    await new Promise((r) => setTimeout(r, 5_100));
    const { status, body } = await me(await token(await signingKey('ES256', 'key-3')));
    expect({ status, message: body.message }).toEqual({ status: 503, message: expect.stringContaining('The identity provider\'s keys cannot be fetched') });
  }, 15_000);

  it('still takes development tokens in development mode (the tests\' own)', async () => {
    const { status, body } = await me(issueDevToken({ sub: 'ana', org: 'NCTC', roles: ['analyst'] }));
    expect({ status, body }).toEqual({ status: 200, body: { id: 'ana', organisation: 'NCTC', roles: ['analyst'] } });
  });
});
