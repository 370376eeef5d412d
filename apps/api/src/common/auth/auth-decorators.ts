import type { Role } from '#domain';
import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export const IS_PUBLIC = 'asamblea:public';
export const REQUIRED_ROLES = 'asamblea:roles';

export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  institutionId: string | null;
}

/** Readable without a token (the public record). Every other route needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>().user,
);
