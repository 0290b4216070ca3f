import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Person } from './person';
import { IS_PUBLIC_KEY } from './public.decorator';
import { REQUIRED_ROLES_KEY } from './roles.decorator';
import type { Role } from './roles';
import { TokenVerifier } from './token-verifier';
import { addressOf, AuthFailureLimiter, tooManyRequests } from './throttling';

export interface AuthenticatedRequest extends IncomingMessage {
  ip?: string;
  person?: Person;
}

/** Deny by default: every HTTP route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Kafka handlers of a hybrid app are trusted by transport, not by token.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response = http.getResponse<ServerResponse>();
    const person = await this.authenticateLimited(request, response);
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

  /** An address that failed too often gets 429 before its token is looked at (throttling.ts). */
  private async authenticateLimited(request: AuthenticatedRequest, response: ServerResponse): Promise<Person> {
    const address = addressOf(request);
    const blocked = this.failures.secondsBlocked(address);
    if (blocked > 0) throw tooManyRequests(response, blocked, 'Too many failed authentications from your address');
    try {
      return await this.authenticate(request, response);
    } catch (error) {
      const shutOut = error instanceof UnauthorizedException ? await this.failures.recordFailure(address) : 0;
      if (shutOut === 0) throw error;
      response.removeHeader('WWW-Authenticate');
      throw tooManyRequests(response, shutOut, 'Too many failed authentications from your address');
    }
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
    try {
      return await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof UnauthorizedException) return deny(error.message);
      throw error;
    }
  }
}
