import {
  confirmSecondFactor,
  disableSecondFactor,
  regenerateRecoveryCodes,
  setUpSecondFactor,
  verifySecondFactor,
} from '#application';
import { DomainError, SecretBox, type Role } from '#domain';
import {
  countRecoveryCodesLeft,
  readPasswordHashOf,
  readSecondFactor,
  secondFactorEnabled,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { RulesService } from '../rules/rules.service.js';
import { PasswordHasher } from './password-hasher.js';

export interface SecondFactorStatus {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
  required: boolean;
}

/** TOTP second factor of an account (libs/application/src/second-factor), for its routes, login and roles. */
@Injectable()
export class SecondFactorService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    private readonly box: SecretBox,
    private readonly hasher: PasswordHasher,
    private readonly rules: RulesService,
  ) {}

  /** The held roles the reglamento in force requires a second factor of. */
  async rolesRequiring(held: readonly Role[]): Promise<Role[]> {
    const required = await this.rules.secondFactorRoles();
    return held.filter((role) => required.includes(role));
  }

  enabled(userId: string): Promise<boolean> {
    return secondFactorEnabled(this.dataSource, userId);
  }

  async status(user: AuthenticatedUser): Promise<SecondFactorStatus> {
    const [factor, left, requiring] = await Promise.all([
      readSecondFactor(this.dataSource, user.id),
      countRecoveryCodesLeft(this.dataSource, user.id),
      this.rolesRequiring(user.roles),
    ]);
    return {
      enabled: Boolean(factor?.enabledAt),
      pending: Boolean(factor && !factor.enabledAt),
      recoveryCodesLeft: factor?.enabledAt ? left : 0,
      required: requiring.length > 0,
    };
  }

  async setUp(user: AuthenticatedUser): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
    const pending = await this.useCases.run((uow) => setUpSecondFactor(uow, this.box, user));
    const qrSvg = await QRCode.toString(pending.otpauthUrl, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return { ...pending, qrSvg };
  }

  confirm(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.useCases.run((uow) => confirmSecondFactor(uow, this.box, userId, code));
  }

  regenerate(userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.useCases.run((uow) => regenerateRecoveryCodes(uow, this.box, userId, code));
  }

  async disable(userId: string, password: string, code: string): Promise<void> {
    const hash = await readPasswordHashOf(this.dataSource, userId);
    if (!hash || !(await this.hasher.verify(hash, password))) throw new DomainError('CURRENT_PASSWORD_WRONG');
    await this.useCases.run((uow) => disableSecondFactor(uow, this.box, userId, code));
  }

  /**
   * At sign-in, once the password is right: nothing for an account without a second factor; otherwise
   * SECOND_FACTOR_REQUIRED without a code, SECOND_FACTOR_INVALID with a wrong, old or reused one.
   */
  async checkAtLogin(userId: string, code: string | undefined): Promise<void> {
    if (!(await this.enabled(userId))) return;
    if (code === undefined || code.trim() === '') throw new DomainError('SECOND_FACTOR_REQUIRED');
    await this.useCases.run((uow) => verifySecondFactor(uow, this.box, userId, code));
  }
}
