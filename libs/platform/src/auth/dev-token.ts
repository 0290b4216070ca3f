import { JwtService } from '@nestjs/jwt';
import { jwtModuleOptions, type TokenClaims } from './jwt-options';
import { isRole, Roles } from './roles';

export interface DevTokenRequest {
  sub: string;
  org: string;
  roles: string[];
  name?: string;
  /** A number of seconds or a duration like '8h' or '30m'. Default 8h: one working shift. */
  expiresIn?: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** Signs a token the services accept, for local runs, demos and tests. */
export function issueDevToken(request: DevTokenRequest): string {
  const unknown = request.roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    throw new Error(`Unknown role(s): ${unknown.join(', ')}. Valid roles: ${Roles.join(', ')}`);
  }
  const claims: TokenClaims = { sub: request.sub, org: request.org, roles: request.roles };
  if (request.name) claims.name = request.name;
  return new JwtService(jwtModuleOptions()).sign(claims, { expiresIn: request.expiresIn ?? '8h' });
}
