import { DomainError, hasAnyRole, rolesPhrase, type Role } from '#domain';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SecondFactorService } from '../../auth/second-factor.service.js';
import { REQUIRED_ROLES, type AuthenticatedUser } from './auth-decorators.js';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secondFactor: SecondFactorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
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
    await this.requireSecondFactor(user, required);
    return true;
  }

  /**
   * A caller who qualifies only through roles the reglamento requires a second factor of must have one
   * on (403 SECOND_FACTOR_SETUP_REQUIRED otherwise); routes open to every signed-in account, setting one
   * up included, are not guarded by a role and stay open. The roles come from memory (RulesService);
   * the account's own state is one indexed read, made only when it decides.
   */
  private async requireSecondFactor(user: AuthenticatedUser, required: readonly Role[]): Promise<void> {
    const qualifying = required.filter((role) => user.roles.includes(role));
    const needing = await this.secondFactor.rolesRequiring(qualifying);
    if (needing.length < qualifying.length || (await this.secondFactor.enabled(user.id))) return;
    throw new DomainError('SECOND_FACTOR_SETUP_REQUIRED', { roles: rolesPhrase(needing) });
  }
}
