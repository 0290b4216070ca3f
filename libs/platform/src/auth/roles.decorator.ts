import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const REQUIRED_ROLES_KEY = 'forewarn:required-roles';

/** The person needs at least one of these roles; otherwise the request gets 403. */
export const RequireRoles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES_KEY, roles);
