import { changeRules, rulesInForceNow, rulesVersionView, type RulesChangeInput } from '#application';
import type { AssemblyRulesView, RulesVersionView } from '#contracts';
import { ASSEMBLY_TIME_ZONE, DomainError, type AssemblyRules } from '#domain';
import { readPendingRulesVersions, readRulesVersion, readRulesVersions } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';

/** The reglamento: what is in force, every version, and the secretariat's changes (libs/application/src/rules). */
@Injectable()
export class RulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
  ) {}

  /** The rules in force now, for the use cases' callers that need one value from them. */
  async current(): Promise<AssemblyRules> {
    return (await rulesInForceNow(this.dataSource.manager)).rules;
  }

  async inForce(): Promise<AssemblyRulesView> {
    const m = this.dataSource.manager;
    const [row, pending] = await Promise.all([rulesInForceNow(m), readPendingRulesVersions(m)]);
    return {
      ...row.rules,
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

  change(actorId: string, input: RulesChangeInput): Promise<RulesVersionView> {
    return this.useCases.run((uow) => changeRules(uow, actorId, input));
  }
}
