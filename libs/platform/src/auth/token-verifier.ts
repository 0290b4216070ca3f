import { Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { createRemoteJWKSet, decodeJwt, errors as jose, jwtVerify, type JWTPayload } from 'jose';
import { isDevelopmentMode } from './development-mode';
import { identityProviderOptions, type IdentityProviderOptions } from './identity-provider-options';
import { JWT_ISSUER, jwtModuleOptions } from './jwt-options';
import type { Person } from './person';
import { isRole } from './roles';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Who a bearer token says the person is, believed only for a valid signature: the identity
 * provider's (its JWKS, discovered from the issuer, cached and re-fetched when it signs with a
 * new key), or in development mode also the development tokens (HS256, `./forewarn token` without
 * a provider, the tests). Throws 401 saying what was wrong, or 503 when the provider's keys
 * cannot be fetched.
 */
@Injectable()
export class TokenVerifier {
  private readonly provider = identityProviderOptions();
  private readonly development = isDevelopmentMode() ? new JwtService(jwtModuleOptions()) : undefined;
  private keys?: Promise<KeySet>;

  async verify(token: string): Promise<Person> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthorizedException('Invalid token: not a JWT');
    }
    if (this.provider && (issuer === this.provider.issuer || !this.development)) return personOf(await this.verifyProviders(token, this.provider), this.provider.claims);
    if (this.provider && issuer !== JWT_ISSUER) throw new UnauthorizedException(`Invalid token: issued by ${String(issuer)}, not by the identity provider ${this.provider.issuer}`);
    // Development tokens carry Forewarn's own claim names (dev-token.ts).
    return personOf(await this.verifyDevelopment(token), { organisation: 'org', roles: 'roles', name: 'name' });
  }

  private async verifyProviders(token: string, provider: IdentityProviderOptions): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, await this.keySet(provider), {
        issuer: provider.issuer,
        audience: provider.audience,
        algorithms: provider.algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (error) {
      if (error instanceof jose.JWTExpired) throw new UnauthorizedException(`Token expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}`);
      if (error instanceof jose.JOSEError && !(error instanceof jose.JWKSTimeout)) throw new UnauthorizedException(`Invalid token: ${error.message}`);
      // The provider's keys could not be fetched: not the caller's fault, and worth a retry.
      this.keys = undefined;
      throw new ServiceUnavailableException(`The identity provider's keys cannot be fetched from ${provider.issuer} now; try again`);
    }
  }

  private async verifyDevelopment(token: string): Promise<JWTPayload> {
    if (!this.development) throw new UnauthorizedException('Invalid token: not from the identity provider');
    try {
      return await this.development.verifyAsync(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new UnauthorizedException(`Token expired at ${error.expiredAt.toISOString()}`);
      throw new UnauthorizedException(`Invalid token: ${(error as Error).message}`);
    }
  }

  /** The provider's JWKS, from the jwks_uri its discovery document names; jose caches the keys. */
  private keySet(provider: IdentityProviderOptions): Promise<KeySet> {
    this.keys ??= (async () => {
      const res = await fetch(`${provider.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      const { jwks_uri: jwksUri, issuer } = (await res.json()) as { jwks_uri?: string; issuer?: string };
      // OpenID Connect Discovery 1.0, 4.3: the document must be the issuer's own.
      if (issuer !== provider.issuer || !jwksUri) throw new Error(`discovery document of ${provider.issuer} names issuer ${issuer}`);
      // A new key is fetched when a token names an unknown kid, at most every 5 s.
      return createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
    })().catch((error: Error) => {
      this.keys = undefined;
      throw new jose.JWKSTimeout(error.message);
    });
    return this.keys;
  }
}

function personOf(claims: JWTPayload, names: IdentityProviderOptions['claims']): Person {
  // A token without expiry would be valid forever if it leaked.
  if (typeof claims.exp !== 'number') throw new UnauthorizedException('Invalid token: it has no expiry (exp)');
  const organisation = claim(claims, names.organisation);
  const roles = claim(claims, names.roles);
  const name = claim(claims, names.name);
  if (!nonEmpty(claims.sub) || !nonEmpty(organisation) || !Array.isArray(roles)) {
    throw new UnauthorizedException(`Invalid token: it must carry sub, ${names.organisation} and ${names.roles}`);
  }
  return { id: claims.sub, organisation, roles: roles.filter(isRole), ...(nonEmpty(name) ? { name } : {}) };
}

/** A claim by name, or by dotted path into an object (`realm_access.roles`). */
function claim(claims: JWTPayload, name: string): unknown {
  if (name in claims) return claims[name];
  return name.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), claims);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
