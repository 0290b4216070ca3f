import { createSecretKey } from 'node:crypto';
import type { JwtModuleOptions } from '@nestjs/jwt';

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
 * Development mode (FOREWARN_DEV_MODE=1): `./forewarn` and the tests set it, and only then do
 * the services take the repository's development secret. A deployment never sets it.
 */
export function isDevelopmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FOREWARN_DEV_MODE === '1' || env.FOREWARN_DEV_MODE === 'true';
}

/**
 * The HS256 secret: FOREWARN_JWT_SECRET, or the development one in development mode. Outside
 * it, a missing, short or development secret is an error that names the variable, so a service
 * never starts accepting tokens anyone could mint.
 */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.FOREWARN_JWT_SECRET;
  if (isDevelopmentMode(env)) return secret || DEV_SECRET;
  if (!secret) throw new Error('FOREWARN_JWT_SECRET is not set: give the services a secret of their own (at least 32 characters), or set FOREWARN_DEV_MODE=1 on a development machine');
  if (secret === DEV_SECRET) throw new Error('FOREWARN_JWT_SECRET is the development secret published in the repository: give the services a secret of their own');
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`FOREWARN_JWT_SECRET is ${secret.length} characters long: it must be at least ${MIN_SECRET_LENGTH}`);
  return secret;
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
