import { DomainError, type Role } from '#domain';
import { UserEntity } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import { RefreshTokens } from '../auth/refresh-tokens.js';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  institutionId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  roles: Role[];
  institutionId?: string | null;
}

function view(user: UserEntity): UserView {
  const { id, email, displayName, roles, institutionId, active, createdAt, updatedAt } = user;
  return { id, email, displayName, roles, institutionId, active, createdAt, updatedAt };
}

function pgCode(error: unknown): { code?: string; constraint?: string } {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string; constraint?: string })
    : {};
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
  ) {}

  async list(): Promise<UserView[]> {
    const users = await this.dataSource.getRepository(UserEntity).find({ order: { email: 'ASC' } });
    return users.map(view);
  }

  async get(id: string): Promise<UserView> {
    return view(await this.find(this.dataSource.manager, id));
  }

  async create(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserView> {
    if (input.roles.includes('liaison') && !input.institutionId)
      throw new DomainError('LIAISON_NEEDS_INSTITUTION');
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    try {
      const saved = await manager.getRepository(UserEntity).save({
        email: input.email.trim().toLowerCase(),
        displayName: input.displayName.trim(),
        passwordHash,
        roles: input.roles,
        institutionId: input.institutionId ?? null,
        active: true,
      });
      return view(await this.find(manager, saved.id));
    } catch (error) {
      throw this.translate(error, input.email, input.institutionId);
    }
  }

  async update(
    actorId: string,
    id: string,
    changes: { displayName?: string; roles?: Role[]; institutionId?: string | null; active?: boolean },
  ): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.find(manager, id, true);
      const roles = changes.roles ?? user.roles;
      const institutionId = changes.institutionId !== undefined ? changes.institutionId : user.institutionId;
      const active = changes.active ?? user.active;
      if (actorId === id && (!roles.includes('admin') || !active))
        throw new DomainError('CANNOT_CHANGE_OWN_ADMIN');
      if (roles.includes('liaison') && !institutionId) throw new DomainError('LIAISON_NEEDS_INSTITUTION');
      try {
        await manager.update(
          UserEntity,
          { id },
          {
            displayName: changes.displayName?.trim() ?? user.displayName,
            roles,
            institutionId,
            active,
          },
        );
      } catch (error) {
        throw this.translate(error, user.email, institutionId);
      }
      if (!active) await this.refreshTokens.revokeAllForUser(manager, id);
      return view(await this.find(manager, id));
    });
  }

  /** Setting a password ends every session of the account. */
  async setPassword(id: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      await this.find(manager, id, true);
      await manager.update(UserEntity, { id }, { passwordHash });
      await this.refreshTokens.revokeAllForUser(manager, id);
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<UserEntity> {
    const user = await manager
      .getRepository(UserEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user) throw new DomainError('USER_NOT_FOUND');
    return user;
  }

  private translate(error: unknown, email: string, institutionId: string | null | undefined): unknown {
    const { code, constraint } = pgCode(error);
    if (code === '23505' && constraint?.includes('email')) return new DomainError('EMAIL_TAKEN', { email });
    if (code === '23503') return new DomainError('INSTITUTION_NOT_FOUND', { code: institutionId ?? '' });
    return error;
  }
}
