import { createSecretKey } from 'node:crypto';
import type { JwtModuleOptions } from '@nestjs/jwt';
import { isDevelopmentMode } from './development-mode';
import { identityProviderOptions } from './identity-provider-options';

export { isDevelopmentMode };

/** The claims Forewarn puts in a token, beside the standard iat/exp/iss. */
export interface TokenClaims {
  /** Person id. */
  sub: string;
  /** Organisation (agency) the person acts for. */
  org: string;
  roles: string[];
  name?: string;
}

export const JWT_ISSUER = 'forewarn';
export const JWT_ALGORITHM = 'HS256';

// In the repository, so anyone can sign with it: accepted only in development mode.
const DEV_SECRET = 'forewarn-dev-secret-change-me';
/** HS256 wants a key of at least its hash's size (RFC 7518 section 3.2). */
const MIN_SECRET_LENGTH = 32;

/**
 * The HS256 secret of development tokens: FOREWARN_JWT_SECRET, or the development one. Only in
 * development mode: a deployment believes only its identity provider's signatures
 * (identity-provider-options.ts), never a secret shared by every service.
 */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (!isDevelopmentMode(env)) {
    throw new Error('FOREWARN_JWT_SECRET: shared-secret (HS256) tokens are for development mode only (FOREWARN_DEV_MODE=1); a deployment verifies its identity provider\'s tokens (FOREWARN_OIDC_ISSUER)');
  }
  const secret = env.FOREWARN_JWT_SECRET;
  if (secret && secret.length < MIN_SECRET_LENGTH) throw new Error(`FOREWARN_JWT_SECRET is ${secret.length} characters long: it must be at least ${MIN_SECRET_LENGTH}`);
  return secret || DEV_SECRET;
}

/**
 * What a service checks before it listens: outside development mode, an identity provider and
 * no shared secret (which would otherwise be silently ignored). Throws naming the variable.
 */
export function checkAuthenticationSettings(env: NodeJS.ProcessEnv = process.env): void {
  identityProviderOptions(env);
  if (isDevelopmentMode(env)) {
    jwtSecret(env);
    return;
  }
  if (env.FOREWARN_JWT_SECRET === DEV_SECRET) throw new Error('FOREWARN_JWT_SECRET is the development secret published in the repository, and shared secrets are for development mode only: unset it');
  if (env.FOREWARN_JWT_SECRET) throw new Error('FOREWARN_JWT_SECRET is set, but shared-secret tokens are for development mode only: unset it; people sign in through FOREWARN_OIDC_ISSUER');
}

/** Read at call time, so a process (or test) that sets the env first gets its secret. */
export function jwtModuleOptions(): JwtModuleOptions {
  // A KeyObject made once: given the string, jsonwebtoken first tries to parse it as a public
  // key and catches the failure on every request, which was the top cost of intake's HTTP path.
  const key = createSecretKey(Buffer.from(jwtSecret()));
  return {
    secretOrKeyProvider: () => key,
    signOptions: { algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER },
    // Pinning the algorithm stops a token from choosing a weaker one (e.g. "none").
    verifyOptions: { algorithms: [JWT_ALGORITHM], issuer: JWT_ISSUER },
  };
}
