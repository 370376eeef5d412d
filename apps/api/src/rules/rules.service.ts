import { changeRules, rulesInForceNow, rulesVersionView, type RulesChangeInput } from '#application';
import type { AssemblyRulesView, RulesVersionView } from '#contracts';
import { ASSEMBLY_TIME_ZONE, DomainError, secondFactorRolesOf, type AssemblyRules, type Role } from '#domain';
import { readPendingRulesVersions, readRulesVersion, readRulesVersions } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';

const SECOND_FACTOR_RULES_TTL_MS = 5_000;

/** The reglamento: what is in force, every version, and the secretariat's changes (libs/application/src/rules). */
@Injectable()
export class RulesService {
  /** The roles needing a second factor, asked on every role-guarded request: kept briefly in memory. */
  private secondFactor: { roles: readonly Role[]; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  /** The rules in force now, for the use cases' callers that need one value from them. */
  async current(): Promise<AssemblyRules> {
    return (await rulesInForceNow(this.dataSource.manager)).rules;
  }

  /**
   * The roles the reglamento in force requires a second factor of. Kept until a pending version takes
   * effect and at most SECOND_FACTOR_RULES_TTL_MS (a version adopted on another process applies within
   * that); a version adopted here applies at once.
   */
  async secondFactorRoles(): Promise<readonly Role[]> {
    const now = Date.now();
    if (this.secondFactor && now < this.secondFactor.until) return this.secondFactor.roles;
    const m = this.dataSource.manager;
    const [row, pending] = await Promise.all([rulesInForceNow(m), readPendingRulesVersions(m)]);
    const next = pending[0]?.effectiveAt.getTime() ?? Infinity;
    const roles = secondFactorRolesOf(row.rules);
    this.secondFactor = { roles, until: Math.min(now + SECOND_FACTOR_RULES_TTL_MS, next) };
    return roles;
  }

  async inForce(): Promise<AssemblyRulesView> {
    const m = this.dataSource.manager;
    const [row, pending] = await Promise.all([rulesInForceNow(m), readPendingRulesVersions(m)]);
    return {
      ...row.rules,
      secondFactorRoles: [...secondFactorRolesOf(row.rules)],
      version: row.version,
      effectiveAt: row.effectiveAt.toISOString(),
      adoptedAt: row.adoptedAt.toISOString(),
      timeZone: ASSEMBLY_TIME_ZONE,
      pending: pending.map(rulesVersionView),
    };
  }

  async versions(): Promise<RulesVersionView[]> {
    return (await readRulesVersions(this.dataSource.manager)).map(rulesVersionView);
  }

  async version(version: number): Promise<RulesVersionView> {
    const row = await readRulesVersion(this.dataSource.manager, version);
    if (!row) throw new DomainError('RULES_VERSION_NOT_FOUND');
    return rulesVersionView(row);
  }

  async change(actorId: string, input: RulesChangeInput): Promise<RulesVersionView> {
    const adopted = await this.useCases.run((uow) => changeRules(uow, actorId, input));
    this.secondFactor = null;
    return adopted;
  }
}
