import type { InstitutionAccountability } from '#contracts';
import { DomainError } from '#domain';
import { readBoundResolutions, readInstitutionHeading } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { summarizeCompliance } from './compliance-summary.js';
import { readObligations } from './obligations.js';

export type { InstitutionAccountability };

/** What binds an institution and how it is doing. */
@Injectable()
export class InstitutionAccountabilityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  institution(code: string): Promise<InstitutionAccountability> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const institution = await readInstitutionHeading(m, code.toUpperCase());
      if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', { code });
      const resolutions = await readBoundResolutions(m, institution.id);
      const obligations = await readObligations(m, { institutionId: institution.id });
      const byResolution = new Map(obligations.map((o) => [o.resolutionId, o.view]));
      return {
        institution,
        resolutions: resolutions.map((resolution) => {
          const { institution: _institution, ...compliance } = byResolution.get(resolution.id)!;
          return { ...resolution, ...compliance };
        }),
        summary: summarizeCompliance(
          resolutions.map((r) => r.id),
          obligations,
        ),
      };
    });
  }
}
