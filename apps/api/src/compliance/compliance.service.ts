import type { ComplianceTrack } from '#contracts';
import { reportCompliance } from '#application';
import { complianceReportRows, complianceTrackRows, resolutionNumberExists } from '#persistence';
import { DomainError } from '#domain';
import type { AppConfig } from '#config';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UseCaseRunner } from '../application/use-case-runner.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import type { ComplianceReportDto } from './dto/compliance.dto.js';

/** Compliance of a resolution per bound institution: reports by that institution's liaisons or the secretariat. */
@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly useCases: UseCaseRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async report(
    user: AuthenticatedUser,
    number: string,
    input: ComplianceReportDto,
  ): Promise<ComplianceTrack[]> {
    await this.useCases.run((uow) => reportCompliance(uow, user, number, input, this.config.evidence));
    return this.tracks(number);
  }

  async tracks(number: string): Promise<ComplianceTrack[]> {
    const rows = await complianceTrackRows(this.dataSource, number);
    if (rows.length === 0 && !(await resolutionNumberExists(this.dataSource, number)))
      throw new DomainError('RESOLUTION_NOT_FOUND');
    const reports = await complianceReportRows(this.dataSource, number);
    return rows.map(({ resolution_id: _r, institution_id, ...track }) => ({
      ...track,
      reports: reports
        .filter((r) => r.institution_id === institution_id)
        .map(({ institution_id: _i, ...r }) => r),
    }));
  }
}
