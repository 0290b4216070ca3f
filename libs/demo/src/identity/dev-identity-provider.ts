import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { People } from '../forewarn-client';

/** The public client the console signs people in with (authorization code + PKCE). */
export const CONSOLE_CLIENT_ID = 'forewarn-console';
/** The public client `./forewarn token` signs in with; it reads the code from the redirect. */
export const CLI_CLIENT_ID = 'forewarn-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/forewarn-cli/callback';
/** The resource server scope every Forewarn API accepts. */
export const API_SCOPE = 'api';

/** Where `./forewarn start` runs it (FOREWARN_IDP_PORT, default 3010; the forewarn script says the same). */
export function developmentIdentityPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.FOREWARN_IDP_PORT ?? 3010);
}

/** Its issuer: what startDevIdentityProvider answers as on that port. */
export const developmentIssuer = (port: number) => `http://127.0.0.1:${port}`;

export interface DevIdentityProviderOptions {
  port: number;
  /** The audience the services check (FOREWARN_OIDC_AUDIENCE): the access tokens' resource. */
  audience: string;
  /** Each console's base URL (the audit service's): its `/console/` is a redirect URI. */
  consoleUrls: string[];
  /** Private signing keys (JWKS); generated when not given. The first one signs. */
  keys?: JWK[];
  accessTokenTtlSeconds?: number;
}

export interface DevIdentityProvider {
  issuer: string;
  keys: JWK[];
  close(): Promise<void>;
}

type DemoPerson = (typeof People)[keyof typeof People];
const accounts = new Map<string, DemoPerson>(Object.values(People).map((p) => [p.sub, p]));

/** A new private signing key, as the provider's JWKS holds it. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: randomBytes(8).toString('hex') };
}

/**
 * The development stand-in for an agency's identity provider: a real OpenID Connect provider
 * (oidc-provider) whose accounts are the demo's people, with their organisation and roles as
 * claims. It issues JWT access tokens (ES256, RFC 9068) for the Forewarn APIs' audience, signed
 * with keys it publishes as its JWKS, exactly what the services verify in production. Its
 * sign-in page is oidc-provider's development interaction (any known person, no password): it
 * is for development machines and tests only.
 */
export async function startDevIdentityProvider(opts: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  const issuer = developmentIssuer(opts.port);
  const keys = opts.keys ?? [await newSigningKey()];
  const consoleRedirects = opts.consoleUrls.map((url) => `${url.replace(/\/$/, '')}/console/`);
  const ttl = opts.accessTokenTtlSeconds ?? 8 * 3600;
  const configuration: Configuration = {
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        redirect_uris: consoleRedirects,
        post_logout_redirect_uris: consoleRedirects,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: CLI_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        id_token_signed_response_alg: 'ES256',
        redirect_uris: [CLI_REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: keys as never },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'org', 'roles'] },
    scopes: ['openid', 'profile'],
    pkce: { required: () => true },
    ttl: { AccessToken: ttl, IdToken: ttl, Session: ttl, Interaction: 600, Grant: ttl },
    async findAccount(_ctx, id) {
      const person = accounts.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: person.sub, org: person.org, roles: [...person.roles] }) };
    },
    // The console's page calls the token endpoint from its own origin.
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => opts.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          // Forewarn's APIs are the one resource it issues tokens for.
          if (resource !== opts.audience) throw new errors.InvalidTarget(`no resource ${resource} here`);
          return { scope: API_SCOPE, audience: opts.audience, accessTokenTTL: ttl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
    // Who the person is and acts for, in the access token the APIs read (the claims are
    // configuration on the services' side: FOREWARN_OIDC_ORG_CLAIM, FOREWARN_OIDC_ROLES_CLAIM).
    async extraTokenClaims(_ctx, token) {
      const person = 'accountId' in token && token.accountId ? accounts.get(token.accountId) : undefined;
      return person ? { org: person.org, roles: [...person.roles], name: person.sub } : undefined;
    },
    // The clients are Forewarn's own: the person is not asked to consent to them (the recipe
    // "skip consent" of oidc-provider), only to sign in.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result, provider } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session?.grantIdFor(client!.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(opts.audience, API_SCOPE);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(opts.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  return {
    issuer,
    keys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
