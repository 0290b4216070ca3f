import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './jwt-auth.guard';
import type { Person } from './person';

/** The verified caller; undefined only on @Public() routes, which have no caller. */
export const CurrentPerson = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Person | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().person,
);
