import {
  changeOwnPassword,
  issueEnrolment,
  lookUpEnrolment,
  redeemEnrolment,
  type EnrolmentView,
  type IssuedEnrolment,
} from '#application';
import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import {
  delegateIdOfUser,
  readAccountRecordEvents,
  readBallotsInNameOf,
  readPasswordHash,
  readUser,
  type AccountRecordEventRow,
  type BallotInNameRow,
} from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { PasswordPolicy } from '../auth/password-policy.js';
import { APP_CONFIG } from '../config/config.module.js';

export interface IssuedEnrolmentAnswer extends IssuedEnrolment {
  url: string;
}

export interface AccountActivity {
  credentialEvents: AccountRecordEventRow[];
  delegateId: string | null;
  ballots: (BallotInNameRow & { castByOwnAccount: boolean })[];
}

/**
 * Credentials (libs/application/src/users): nobody sets a password for another person. Accounts get a
 * one-time code; its owner sets the password with it, or changes it knowing the current one.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
  ) {}

  /** The page that opens with the code; in the fragment, so no server or proxy log ever sees it. */
  enrolmentUrl(code: string): string {
    return `${this.config.publicUrl}/alta#codigo=${code}`;
  }

  withUrl(issued: IssuedEnrolment): IssuedEnrolmentAnswer {
    return { ...issued, url: this.enrolmentUrl(issued.code) };
  }

  /** `actorId` null: the operator's command line. */
  async issue(actorId: string | null, userId: string): Promise<IssuedEnrolmentAnswer> {
    const issued = await this.useCases.run((uow) =>
      issueEnrolment(uow, actorId, userId, this.config.enrolmentCodeTtlHours),
    );
    return this.withUrl(issued);
  }

  lookUp(code: string): Promise<EnrolmentView> {
    return lookUpEnrolment(this.dataSource, code);
  }

  /** Checked and hashed before the transaction; the code is checked again, locked, inside it. */
  async enrol(code: string, password: string): Promise<{ email: string }> {
    const account = await lookUpEnrolment(this.dataSource, code);
    await this.policy.check(password, [account.email, account.displayName]);
    const passwordHash = await this.hasher.hash(password);
    const { email } = await this.useCases.run((uow) => redeemEnrolment(uow, code, passwordHash));
    return { email };
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const [user, currentHash] = await Promise.all([
      readUser(this.dataSource, userId),
      readPasswordHash(this.dataSource, userId),
    ]);
    if (!user || currentHash === null || !(await this.hasher.verify(currentHash, currentPassword)))
      throw new DomainError('CURRENT_PASSWORD_WRONG');
    await this.policy.check(newPassword, [user.email, user.displayName]);
    const newHash = await this.hasher.hash(newPassword);
    await this.useCases.run((uow) => changeOwnPassword(uow, userId, currentHash, newHash));
  }

  async activity(userId: string): Promise<AccountActivity> {
    const [credentialEvents, delegateId] = await Promise.all([
      readAccountRecordEvents(this.dataSource, userId),
      delegateIdOfUser(this.dataSource, userId),
    ]);
    const ballots = delegateId ? await readBallotsInNameOf(this.dataSource, delegateId) : [];
    return {
      credentialEvents,
      delegateId,
      ballots: ballots.map((ballot) => ({ ...ballot, castByOwnAccount: ballot.castBy === `user:${userId}` })),
    };
  }
}
