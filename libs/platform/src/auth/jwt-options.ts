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

// Local development only: production sets FOREWARN_JWT_SECRET from its secret store.
const DEV_SECRET = 'forewarn-dev-secret-change-me';

export function jwtSecret(): string {
  return process.env.FOREWARN_JWT_SECRET || DEV_SECRET;
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
