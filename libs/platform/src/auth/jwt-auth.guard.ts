import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenClaims } from './jwt-options';
import type { Person } from './person';
import { IS_PUBLIC_KEY } from './public.decorator';
import { REQUIRED_ROLES_KEY } from './roles.decorator';
import { isRole, type Role } from './roles';

export interface AuthenticatedRequest extends IncomingMessage {
  person?: Person;
}

/** Deny by default: every HTTP route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers of a hybrid app are trusted by transport, not by token.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const person = await this.authenticate(request, http.getResponse<ServerResponse>());
    request.person = person;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES_KEY, targets);
    if (required && !required.some((role) => person.roles.includes(role))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `This action requires one of the roles: ${required.join(', ')}; you have: ${person.roles.join(', ') || 'none'}`,
        requiredRoles: required,
      });
    }
    return true;
  }

  private async authenticate(request: IncomingMessage, response: ServerResponse): Promise<Person> {
    const deny = (message: string): never => {
      // RFC 6750: tell the client which scheme to use and that the token was the problem.
      response.setHeader('WWW-Authenticate', 'Bearer realm="forewarn", error="invalid_token"');
      throw new UnauthorizedException(message);
    };
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return deny('Missing bearer token: send "Authorization: Bearer <token>"');
    }
    let claims: Partial<TokenClaims> & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        return deny(`Token expired at ${error.expiredAt.toISOString()}`);
      }
      return deny(`Invalid token: ${(error as Error).message}`);
    }
    // A token without expiry would be valid forever if it leaked.
    if (typeof claims.exp !== 'number') return deny('Invalid token: it has no expiry (exp)');
    if (!nonEmpty(claims.sub) || !nonEmpty(claims.org) || !Array.isArray(claims.roles)) {
      return deny('Invalid token: it must carry sub, org and roles');
    }
    return {
      id: claims.sub,
      organisation: claims.org,
      roles: claims.roles.filter(isRole),
      ...(nonEmpty(claims.name) ? { name: claims.name } : {}),
    };
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
