import type { ObjectiveSummary } from '#contracts';
import { DomainError } from '#domain';
import {
  readBicentenarioAxes,
  readNationalPolicies,
  readObjective,
  readObjectives,
  readPlanCatalogueRows,
  readThemeProblems,
  readThemeTargets,
  type ObjectiveRow,
  type PlanMeasure,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type { ObjectiveSummary };

export interface ObjectiveDetail extends ObjectiveSummary {
  themeLead: string | null;
  problems: { code: string; number: number; text: string; aspects: string[] }[];
  targets: { code: string; number: number; text: string; measures: PlanMeasure[] }[];
  nationalPolicies: { code: string; group: string; name: string }[];
  bicentenarioAxes: { code: string; name: string }[];
}

const summary = (row: ObjectiveRow): ObjectiveSummary => ({
  code: row.code,
  number: row.number,
  text: row.text,
  emphases: row.emphases,
  theme: { code: row.theme_code, name: row.theme_name },
  dimension: { code: row.dimension_code, name: row.dimension_name },
});

@Injectable()
export class PlanService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Objectives in plan order, or ranked by relevance when searching (see readObjectives). */
  async listObjectives(filter: {
    q?: string;
    dimension?: string;
    theme?: string;
  }): Promise<ObjectiveSummary[]> {
    const rows = await readObjectives(this.dataSource, {
      dimension: filter.dimension?.toUpperCase(),
      theme: filter.theme?.toUpperCase(),
      q: filter.q,
    });
    return rows.map(summary);
  }

  async getObjective(code: string): Promise<ObjectiveDetail> {
    const row = await readObjective(this.dataSource, code.toUpperCase());
    if (!row) throw new DomainError('PLAN_OBJECTIVE_NOT_FOUND', { code });
    const [problems, targets, nationalPolicies, bicentenarioAxes] = await Promise.all([
      readThemeProblems(this.dataSource, row.theme_code),
      readThemeTargets(this.dataSource, row.theme_code),
      readNationalPolicies(this.dataSource, row.national_policy_codes),
      readBicentenarioAxes(this.dataSource, row.bicentenario_axis_codes),
    ]);
    return {
      ...summary(row),
      themeLead: row.theme_lead,
      problems,
      targets,
      nationalPolicies,
      bicentenarioAxes,
    };
  }

  /** The whole catalogue as stored: dimensions → themes → problems, objectives, targets; plus the cross-cutting taxonomies. */
  async catalogue(): Promise<unknown> {
    const { versions, dimensions, themes, problems, objectives, targets, policies, axes } =
      await readPlanCatalogueRows(this.dataSource);
    const byTheme = <T extends { theme_code: string }>(rows: T[], theme: string) =>
      rows.filter((row) => row.theme_code === theme).map(({ theme_code: _drop, ...rest }) => rest);
    const groups = new Map<string, { code: string; name: string; policies: unknown[] }>();
    for (const policy of policies) {
      const group = groups.get(policy.group_code) ?? {
        code: policy.group_code,
        name: policy.group_name,
        policies: [],
      };
      group.policies.push({ code: policy.code, letter: policy.letter, name: policy.name });
      groups.set(policy.group_code, group);
    }
    return {
      version: versions[0] ?? null,
      dimensions: dimensions.map((dimension) => ({
        ...dimension,
        themes: themes
          .filter((theme) => theme.dimension_code === dimension.code)
          .map(({ dimension_code: _drop, ...theme }) => ({
            ...theme,
            problems: byTheme(problems, theme.code),
            objectives: byTheme(objectives, theme.code),
            targets: byTheme(targets, theme.code),
          })),
      })),
      acuerdoNacional: [...groups.values()],
      bicentenario: axes,
    };
  }
}
