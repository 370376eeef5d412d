import { DomainError, hasAnyRole, rolesPhrase, type Role } from '#domain';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { REQUIRED_ROLES, type AuthenticatedUser } from './auth-decorators.js';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const user = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>().user;
    if (!user) throw new DomainError('AUTH_REQUIRED');
    if (!hasAnyRole(user.roles, required))
      throw new DomainError('FORBIDDEN_ROLE', { roles: rolesPhrase(required) });
    return true;
  }
}
