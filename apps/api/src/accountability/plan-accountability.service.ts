import type {
  ComplianceSummary,
  DimensionAccountability,
  ObjectiveAccountability,
  PlanAccountabilitySummary,
  PlanOverview,
} from '#contracts';
import { DomainError } from '#domain';
import {
  readDimensionHeading,
  readDimensionHeadings,
  readDimensionMotionLinks,
  readDimensionObjectives,
  readDimensionResolutionLinks,
  readObjectiveHeading,
  readObjectiveMotions,
  readObjectiveResolutions,
  type ObjectiveMotionLinkRow,
  type ObjectiveResolutionLinkRow,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mean, overallStatus, summarizeCompliance } from './compliance-summary.js';
import { readObligations, type ObligationRow } from './obligations.js';

export type { DimensionAccountability, ObjectiveAccountability, PlanAccountabilitySummary, PlanOverview };

const countBy = (values: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
};

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] => [
  ...new Map(items.map((item) => [key(item), item])).values(),
];

/** Motions and resolutions linked to some objectives, each counted once however many of them it names. */
function summarizeLinks(
  motions: readonly ObjectiveMotionLinkRow[],
  resolutions: readonly ObjectiveResolutionLinkRow[],
  obligations: readonly ObligationRow[],
): PlanAccountabilitySummary {
  const distinctMotions = uniqueBy(motions, (mo) => mo.id);
  const wantedIds = new Set(resolutions.map((link) => link.resolution_id));
  return {
    motions: distinctMotions.length,
    motionsByStatus: countBy(distinctMotions.map((mo) => mo.status)),
    ...summarizeCompliance(
      wantedIds,
      obligations.filter((o) => wantedIds.has(o.resolutionId)),
    ),
  };
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

/** How far the plan is being served: objectives and dimensions with their motions, resolutions and compliance. */
@Injectable()
export class PlanAccountabilityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  objective(code: string): Promise<ObjectiveAccountability> {
    const wanted = code.toUpperCase();
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const row = await readObjectiveHeading(m, wanted);
      if (!row) throw new DomainError('PLAN_OBJECTIVE_NOT_FOUND', { code });
      const motions = await readObjectiveMotions(m, wanted);
      const resolutions = await readObjectiveResolutions(m, wanted);
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
      const dimension = await readDimensionHeading(m, wanted);
      // The catalogue has no error of its own for dimensions: an unknown one is an unknown page.
      if (!dimension) throw new DomainError('PLAN_DIMENSION_NOT_FOUND', { code });
      const objectives = await readDimensionObjectives(m, wanted);
      const motionLinks = await readDimensionMotionLinks(m, wanted);
      const resolutionLinks = await readDimensionResolutionLinks(m, wanted);
      const resolutionIds = [...new Set(resolutionLinks.map((link) => link.resolution_id))];
      const obligations = await readObligations(m, { resolutionIds });
      const motionsOf = groupBy(motionLinks, (link) => link.objective_code);
      const resolutionsOf = groupBy(resolutionLinks, (link) => link.objective_code);
      return {
        dimension,
        objectives: objectives.map((objective) => ({
          code: objective.code,
          number: objective.number,
          text: objective.text,
          theme: { code: objective.theme_code, name: objective.theme_name },
          summary: summarizeLinks(
            motionsOf.get(objective.code) ?? [],
            resolutionsOf.get(objective.code) ?? [],
            obligations,
          ),
        })),
        summary: summarizeLinks(motionLinks, resolutionLinks, obligations),
      };
    });
  }

  /** The whole plan in one read: every dimension and objective, and every institution's compliance. */
  overview(): Promise<PlanOverview> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const dimensions = await readDimensionHeadings(m);
      const objectives = await readDimensionObjectives(m, null);
      const motionLinks = await readDimensionMotionLinks(m, null);
      const resolutionLinks = await readDimensionResolutionLinks(m, null);
      const obligations = await readObligations(m, 'all');
      const motionsOf = groupBy(motionLinks, (link) => link.objective_code);
      const resolutionsOf = groupBy(resolutionLinks, (link) => link.objective_code);
      const motionsIn = groupBy(motionLinks, (link) => link.dimension_code);
      const resolutionsIn = groupBy(resolutionLinks, (link) => link.dimension_code);
      const institutions: PlanOverview['institutions'] = [];
      for (const own of groupBy(obligations, (o) => o.view.institution.code).values()) {
        const summary: ComplianceSummary = summarizeCompliance(
          own.map((o) => o.resolutionId),
          own,
        );
        institutions.push({ ...own[0]!.view.institution, summary });
      }
      institutions.sort((a, b) => a.code.localeCompare(b.code));
      return {
        dimensions: dimensions.map((dimension) => ({
          ...dimension,
          summary: summarizeLinks(
            motionsIn.get(dimension.code) ?? [],
            resolutionsIn.get(dimension.code) ?? [],
            obligations,
          ),
        })),
        objectives: objectives.map((objective) => ({
          code: objective.code,
          dimensionCode: objective.dimension_code,
          summary: summarizeLinks(
            motionsOf.get(objective.code) ?? [],
            resolutionsOf.get(objective.code) ?? [],
            obligations,
          ),
        })),
        institutions,
        summary: summarizeLinks(motionLinks, resolutionLinks, obligations),
      };
    });
  }
}
