import {
  createUser,
  readUserView,
  setUserPassword,
  updateUser,
  userView,
  type NewUser,
  type UserChangesInput,
  type UserView,
} from '#application';
import { readUsers } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { PasswordHasher } from '../auth/password-hasher.js';

export type { NewUser, UserView } from '#application';

/** Accounts (libs/application/src/users): the secretariat's changes each run as one use case. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(): Promise<UserView[]> {
    return (await readUsers(this.dataSource)).map(userView);
  }

  get(id: string): Promise<UserView> {
    return readUserView(this.dataSource, id);
  }

  async create(input: NewUser): Promise<UserView> {
    return this.useCases.settle(await createUser(this.dataSource, this.hasher, input));
  }

  update(actorId: string, id: string, changes: UserChangesInput): Promise<UserView> {
    return this.useCases.run((uow) => updateUser(uow, actorId, id, changes));
  }

  /** Setting a password ends every session of the account. */
  async setPassword(id: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.useCases.run((uow) => setUserPassword(uow, id, passwordHash));
  }
}
