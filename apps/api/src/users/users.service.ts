import {
  createUser,
  readUserView,
  setPasswordAsOperator,
  updateUser,
  userView,
  type CreatedUser,
  type NewUser,
  type UserChangesInput,
  type UserView,
} from '#application';
import type { AppConfig } from '#config';
import { readOpenEnrolments, readUsers, accountsWithPassword } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { PasswordPolicy } from '../auth/password-policy.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CredentialsService, type IssuedEnrolmentAnswer } from '../credentials/credentials.service.js';

export type { NewUser, UserView } from '#application';

/** What the secretariat sees of an account's credentials: never a hash or a code. */
export type AccountView = UserView & {
  passwordSet: boolean;
  pendingEnrolment: { purpose: 'enrolment' | 'reset'; expiresAt: Date } | null;
};

export type CreatedAccount = AccountView & { enrolment: IssuedEnrolmentAnswer | null };

/** Accounts (libs/application/src/users): the secretariat's changes each run as one use case. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly credentials: CredentialsService,
  ) {}

  async list(): Promise<AccountView[]> {
    return this.withCredentials((await readUsers(this.dataSource)).map(userView));
  }

  async get(id: string): Promise<AccountView> {
    return (await this.withCredentials([await readUserView(this.dataSource, id)]))[0]!;
  }

  /**
   * Through HTTP an account never gets a password: it gets an enrolment code for its owner. The operator's
   * command line (and tests standing in for it) may pass one.
   */
  async create(input: NewUser, actorId: string | null = null): Promise<CreatedAccount> {
    if (input.password !== undefined)
      await this.policy.check(input.password, [input.email, input.displayName]);
    const created: CreatedUser = this.useCases.settle(
      await createUser(this.dataSource, this.hasher, input, {
        actorId,
        enrolmentTtlHours: this.config.enrolmentCodeTtlHours,
      }),
    );
    const { enrolment, ...user } = created;
    const [view] = await this.withCredentials([user]);
    return { ...view!, enrolment: enrolment ? this.credentials.withUrl(enrolment) : null };
  }

  async update(actorId: string, id: string, changes: UserChangesInput): Promise<AccountView> {
    return this.get((await this.useCases.run((uow) => updateUser(uow, actorId, id, changes))).id);
  }

  /** A new enrolment code; for an account with a password, a reset (cleared, every session ended). */
  issueEnrolment(actorId: string, id: string): Promise<IssuedEnrolmentAnswer> {
    return this.credentials.issue(actorId, id);
  }

  /** The operator's command line only (no route reaches this): public as `account.password_set`. */
  async setPasswordAsOperator(id: string, password: string): Promise<void> {
    const user = await readUserView(this.dataSource, id);
    await this.policy.check(password, [user.email, user.displayName]);
    const passwordHash = await this.hasher.hash(password);
    await this.useCases.run((uow) => setPasswordAsOperator(uow, id, passwordHash));
  }

  private async withCredentials(users: UserView[]): Promise<AccountView[]> {
    const ids = users.map((user) => user.id);
    const [withPassword, open] = await Promise.all([
      accountsWithPassword(this.dataSource, ids),
      readOpenEnrolments(this.dataSource, ids),
    ]);
    return users.map((user) => ({
      ...user,
      passwordSet: withPassword.has(user.id),
      pendingEnrolment: open.get(user.id) ?? null,
    }));
  }
}
