import type { ObjectiveSummary } from '#contracts';
import { DomainError, foldForSearch } from '#domain';
import type { PlanMeasure } from '#persistence';
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

interface ObjectiveRow {
  code: string;
  number: number;
  text: string;
  emphases: string[];
  theme_code: string;
  theme_name: string;
  theme_lead: string | null;
  dimension_code: string;
  dimension_name: string;
  national_policy_codes: string[];
  bicentenario_axis_codes: string[];
}

const SELECT_OBJECTIVES = `
  SELECT o.code, o.number, o.text, o.emphases, t.code AS theme_code, t.name AS theme_name, t.lead AS theme_lead,
         d.code AS dimension_code, d.name AS dimension_name, t.national_policy_codes, t.bicentenario_axis_codes
  FROM plan_objectives o
  JOIN plan_themes t ON t.code = o.theme_code
  JOIN plan_dimensions d ON d.code = t.dimension_code`;

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

  /**
   * Spanish full-text match (stemmed, accent-free) ranked first; a word that is only part of a
   * longer one ("nutricion" in "desnutrición") still matches through the folded text.
   */
  async listObjectives(filter: {
    q?: string;
    dimension?: string;
    theme?: string;
  }): Promise<ObjectiveSummary[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    let rank = '';
    if (filter.dimension) {
      params.push(filter.dimension.toUpperCase());
      where.push(`d.code = $${params.length}`);
    }
    if (filter.theme) {
      params.push(filter.theme.toUpperCase());
      where.push(`(t.code = $${params.length} OR t.slug = $${params.length})`);
    }
    const words = filter.q ? foldForSearch(filter.q).split(' ').filter(Boolean) : [];
    if (words.length > 0) {
      params.push(filter.q);
      const query = `websearch_to_tsquery('asamblea_es', $${params.length})`;
      params.push(words.map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      where.push(`(o.search_vector @@ ${query} OR o.search_folded LIKE ALL ($${params.length}))`);
      rank = `ts_rank(o.search_vector, ${query})`;
    }
    const rows: ObjectiveRow[] = await this.dataSource.query(
      `${SELECT_OBJECTIVES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${rank ? `${rank} DESC, ` : ''}d.number, t.position, o.number`,
      params,
    );
    return rows.map(summary);
  }

  async getObjective(code: string): Promise<ObjectiveDetail> {
    const rows: ObjectiveRow[] = await this.dataSource.query(`${SELECT_OBJECTIVES} WHERE o.code = $1`, [
      code.toUpperCase(),
    ]);
    const row = rows[0];
    if (!row) throw new DomainError('PLAN_OBJECTIVE_NOT_FOUND', { code });
    const [problems, targets, nationalPolicies, bicentenarioAxes] = await Promise.all([
      this.dataSource.query(
        `SELECT code, number, text, aspects FROM plan_problems WHERE theme_code = $1 ORDER BY number`,
        [row.theme_code],
      ),
      this.dataSource.query(
        `SELECT code, number, text, measures FROM plan_targets WHERE theme_code = $1 ORDER BY number`,
        [row.theme_code],
      ),
      this.dataSource.query(
        `SELECT code, group_name AS "group", name FROM plan_national_policies WHERE code = ANY ($1) ORDER BY code`,
        [row.national_policy_codes],
      ),
      this.dataSource.query(
        `SELECT code, name FROM plan_bicentenario_axes WHERE code = ANY ($1) ORDER BY number`,
        [row.bicentenario_axis_codes],
      ),
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
    const q = (sql: string) => this.dataSource.query(sql);
    const [versions, dimensions, themes, problems, objectives, targets, policies, axes] = await Promise.all([
      q(
        `SELECT version, sha256, loaded_at AS "loadedAt" FROM plan_catalogue_versions ORDER BY loaded_at DESC LIMIT 1`,
      ),
      q(`SELECT code, number, name FROM plan_dimensions ORDER BY number`),
      q(`SELECT code, dimension_code, slug, name, name_source AS "nameSource", lead, national_policy_codes AS "nationalPolicies",
                bicentenario_axis_codes AS "bicentenarioAxes" FROM plan_themes ORDER BY position`),
      q(`SELECT code, theme_code, number, text, aspects FROM plan_problems ORDER BY number`),
      q(`SELECT code, theme_code, number, text, emphases FROM plan_objectives ORDER BY number`),
      q(`SELECT code, theme_code, number, text, measures FROM plan_targets ORDER BY number`),
      q(`SELECT code, group_code, group_name, letter, name FROM plan_national_policies ORDER BY code`),
      q(`SELECT code, number, name, description, priorities FROM plan_bicentenario_axes ORDER BY number`),
    ]);
    const byTheme = <T extends { theme_code: string }>(rows: T[], theme: string) =>
      rows.filter((row) => row.theme_code === theme).map(({ theme_code: _drop, ...rest }) => rest);
    const groups = new Map<string, { code: string; name: string; policies: unknown[] }>();
    for (const policy of policies as {
      code: string;
      group_code: string;
      group_name: string;
      letter: string;
      name: string;
    }[]) {
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
      dimensions: (dimensions as { code: string }[]).map((dimension) => ({
        ...dimension,
        themes: (themes as { code: string; dimension_code: string }[])
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
