import type { DimensionAccountability, ObjectiveAccountability, PlanAccountabilitySummary } from '#contracts';
import { DomainError } from '#domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mean, overallStatus, summarizeCompliance } from './compliance-summary.js';
import { readObligations } from './obligations.js';

export type { DimensionAccountability, ObjectiveAccountability, PlanAccountabilitySummary };

interface MotionLink {
  objective_code: string;
  id: string;
  status: string;
}

const countBy = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] => [
  ...new Map(items.map((item) => [key(item), item])).values(),
];

/** How far the plan is being served: objectives and dimensions with their motions, resolutions and compliance. */
@Injectable()
export class PlanAccountabilityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  objective(code: string): Promise<ObjectiveAccountability> {
    const wanted = code.toUpperCase();
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [row]: {
        code: string;
        number: number;
        text: string;
        theme_code: string;
        theme_name: string;
        dimension_code: string;
        dimension_name: string;
      }[] = await m.query(
        `SELECT o.code, o.number, o.text, t.code AS theme_code, t.name AS theme_name,
           d.code AS dimension_code, d.name AS dimension_name
         FROM plan_objectives o JOIN plan_themes t ON t.code = o.theme_code
         JOIN plan_dimensions d ON d.code = t.dimension_code
         WHERE o.code = $1`,
        [wanted],
      );
      if (!row) throw new DomainError('PLAN_OBJECTIVE_NOT_FOUND', { code });
      const motions: ObjectiveAccountability['motions'] = await m.query(
        `SELECT mo.id, mo.number, mo.title, mo.status, mo.parent_id AS "parentId", mo.filed_at AS "filedAt",
           json_build_object('delegateId', d.id, 'name', d.full_name) AS author
         FROM motion_objectives link JOIN motions mo ON mo.id = link.motion_id
         JOIN delegates d ON d.id = mo.author_delegate_id
         WHERE link.objective_code = $1 AND mo.number IS NOT NULL
         ORDER BY mo.year, mo.sequence`,
        [wanted],
      );
      const resolutions: Omit<
        ObjectiveAccountability['resolutions'][number],
        'status' | 'progress' | 'compliance'
      >[] = await m.query(
        `SELECT r.id, r.number, r.title, r.issued_at AS "issuedAt", r.session_id AS "sessionId",
             r.motion_id AS "motionId", r.vote_id AS "voteId",
             to_char(r.compliance_deadline, 'YYYY-MM-DD') AS "complianceDeadline"
           FROM resolution_objectives link JOIN resolutions r ON r.id = link.resolution_id
           WHERE link.objective_code = $1
           ORDER BY r.year, r.sequence`,
        [wanted],
      );
      const obligations = await readObligations(m, { resolutionIds: resolutions.map((r) => r.id) });
      return {
        objective: {
          code: row.code,
          number: row.number,
          text: row.text,
          theme: { code: row.theme_code, name: row.theme_name },
          dimension: { code: row.dimension_code, name: row.dimension_name },
        },
        motions,
        resolutions: resolutions.map((resolution) => {
          const own = obligations.filter((o) => o.resolutionId === resolution.id);
          return {
            ...resolution,
            status: overallStatus(own.map((o) => o.status)),
            progress: mean(own.map((o) => o.progress)),
            compliance: own.map((o) => o.view),
          };
        }),
        summary: {
          motions: motions.length,
          motionsByStatus: countBy(motions.map((mo) => mo.status)),
          ...summarizeCompliance(
            resolutions.map((r) => r.id),
            obligations,
          ),
        },
      };
    });
  }

  dimension(code: string): Promise<DimensionAccountability> {
    const wanted = code.toUpperCase();
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [dimension]: DimensionAccountability['dimension'][] = await m.query(
        `SELECT code, number, name FROM plan_dimensions WHERE code = $1`,
        [wanted],
      );
      // The catalogue has no error of its own for dimensions: an unknown one is an unknown page.
      if (!dimension) throw new DomainError('PLAN_DIMENSION_NOT_FOUND', { code });
      const objectives: {
        code: string;
        number: number;
        text: string;
        theme_code: string;
        theme_name: string;
      }[] = await m.query(
        `SELECT o.code, o.number, o.text, t.code AS theme_code, t.name AS theme_name
           FROM plan_objectives o JOIN plan_themes t ON t.code = o.theme_code
           WHERE t.dimension_code = $1 ORDER BY t.position, o.number`,
        [wanted],
      );
      const motionLinks: MotionLink[] = await m.query(
        `SELECT link.objective_code, mo.id, mo.status
         FROM motion_objectives link JOIN motions mo ON mo.id = link.motion_id
         JOIN plan_objectives o ON o.code = link.objective_code JOIN plan_themes t ON t.code = o.theme_code
         WHERE t.dimension_code = $1 AND mo.number IS NOT NULL`,
        [wanted],
      );
      const resolutionLinks: { objective_code: string; resolution_id: string }[] = await m.query(
        `SELECT link.objective_code, link.resolution_id
         FROM resolution_objectives link
         JOIN plan_objectives o ON o.code = link.objective_code JOIN plan_themes t ON t.code = o.theme_code
         WHERE t.dimension_code = $1`,
        [wanted],
      );
      const resolutionIds = [...new Set(resolutionLinks.map((link) => link.resolution_id))];
      const obligations = await readObligations(m, { resolutionIds });
      const summarize = (motions: MotionLink[], ids: string[]): PlanAccountabilitySummary => {
        const distinctMotions = uniqueBy(motions, (mo) => mo.id);
        const wantedIds = new Set(ids);
        return {
          motions: distinctMotions.length,
          motionsByStatus: countBy(distinctMotions.map((mo) => mo.status)),
          ...summarizeCompliance(
            wantedIds,
            obligations.filter((o) => wantedIds.has(o.resolutionId)),
          ),
        };
      };
      return {
        dimension,
        objectives: objectives.map((objective) => ({
          code: objective.code,
          number: objective.number,
          text: objective.text,
          theme: { code: objective.theme_code, name: objective.theme_name },
          summary: summarize(
            motionLinks.filter((link) => link.objective_code === objective.code),
            resolutionLinks
              .filter((link) => link.objective_code === objective.code)
              .map((link) => link.resolution_id),
          ),
        })),
        summary: summarize(motionLinks, resolutionIds),
      };
    });
  }
}
