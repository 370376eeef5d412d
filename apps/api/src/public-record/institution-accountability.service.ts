import { DomainError } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { summarizeCompliance, type ComplianceSummary } from './compliance-summary.js';
import { readObligations, type ObligationView } from './obligations.js';

export interface InstitutionAccountability {
  institution: { id: string; code: string; name: string; kind: string; active: boolean };
  /** Every resolution that binds the institution, oldest first, with where its compliance stands. */
  resolutions: ({
    id: string;
    number: string;
    title: string;
    issuedAt: string;
    sessionId: string;
    motionId: string;
    objectives: string[];
  } & Omit<ObligationView, 'institution'>)[];
  summary: ComplianceSummary;
}

/** What binds an institution and how it is doing. */
@Injectable()
export class InstitutionAccountabilityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  institution(code: string): Promise<InstitutionAccountability> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [institution]: InstitutionAccountability['institution'][] = await m.query(
        `SELECT id, code, name, kind, active FROM institutions WHERE code = $1`,
        [code.toUpperCase()],
      );
      if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', { code });
      const resolutions: (Omit<InstitutionAccountability['resolutions'][number], keyof ObligationView> & {
        id: string;
      })[] = await m.query(
        `SELECT r.id, r.number, r.title, r.issued_at AS "issuedAt", r.session_id AS "sessionId",
           r.motion_id AS "motionId",
           ARRAY(SELECT o.objective_code FROM resolution_objectives o WHERE o.resolution_id = r.id ORDER BY 1)
             AS objectives
         FROM resolution_institutions ri JOIN resolutions r ON r.id = ri.resolution_id
         WHERE ri.institution_id = $1
         ORDER BY r.year, r.sequence`,
        [institution.id],
      );
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
