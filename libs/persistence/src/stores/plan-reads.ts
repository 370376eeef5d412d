import { foldForSearch } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { PlanMeasure } from '../entities/plan.entities.js';

type Source = DataSource | EntityManager;

export interface ObjectiveRow {
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

export interface ObjectiveFilter {
  /** A dimension code, as stored (upper case). */
  dimension?: string;
  /** A theme code (as stored) or slug. */
  theme?: string;
  /** Words to search for. */
  q?: string;
}

/**
 * Objectives in plan order, or ranked when searching: Spanish full-text match (stemmed, accent-free)
 * first; a word that is only part of a longer one ("nutricion" in "desnutrición") still matches
 * through the folded text.
 */
export function readObjectives(source: Source, filter: ObjectiveFilter): Promise<ObjectiveRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  let rank = '';
  if (filter.dimension) {
    params.push(filter.dimension);
    where.push(`d.code = $${params.length}`);
  }
  if (filter.theme) {
    params.push(filter.theme);
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
  return source.query(
    `${SELECT_OBJECTIVES} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${rank ? `${rank} DESC, ` : ''}d.number, t.position, o.number`,
    params,
  );
}

/** One objective by its code, as stored (upper case). */
export async function readObjective(source: Source, code: string): Promise<ObjectiveRow | undefined> {
  const rows: ObjectiveRow[] = await source.query(`${SELECT_OBJECTIVES} WHERE o.code = $1`, [code]);
  return rows[0];
}

export interface ThemeProblemRow {
  code: string;
  number: number;
  text: string;
  aspects: string[];
}

export function readThemeProblems(source: Source, themeCode: string): Promise<ThemeProblemRow[]> {
  return source.query(
    `SELECT code, number, text, aspects FROM plan_problems WHERE theme_code = $1 ORDER BY number`,
    [themeCode],
  );
}

export interface ThemeTargetRow {
  code: string;
  number: number;
  text: string;
  measures: PlanMeasure[];
}

export function readThemeTargets(source: Source, themeCode: string): Promise<ThemeTargetRow[]> {
  return source.query(
    `SELECT code, number, text, measures FROM plan_targets WHERE theme_code = $1 ORDER BY number`,
    [themeCode],
  );
}

export function readNationalPolicies(
  source: Source,
  codes: string[],
): Promise<{ code: string; group: string; name: string }[]> {
  return source.query(
    `SELECT code, group_name AS "group", name FROM plan_national_policies WHERE code = ANY ($1) ORDER BY code`,
    [codes],
  );
}

export function readBicentenarioAxes(
  source: Source,
  codes: string[],
): Promise<{ code: string; name: string }[]> {
  return source.query(`SELECT code, name FROM plan_bicentenario_axes WHERE code = ANY ($1) ORDER BY number`, [
    codes,
  ]);
}

/** Every table of the plan's catalogue as stored, each in its order (read side by side). */
export interface PlanCatalogueRows {
  versions: { version: string; sha256: string; loadedAt: Date }[];
  dimensions: { code: string; number: number; name: string }[];
  themes: {
    code: string;
    dimension_code: string;
    slug: string;
    name: string;
    nameSource: 'plan' | 'editorial';
    lead: string | null;
    nationalPolicies: string[];
    bicentenarioAxes: string[];
  }[];
  problems: { code: string; theme_code: string; number: number; text: string; aspects: string[] }[];
  objectives: { code: string; theme_code: string; number: number; text: string; emphases: string[] }[];
  targets: { code: string; theme_code: string; number: number; text: string; measures: PlanMeasure[] }[];
  policies: { code: string; group_code: string; group_name: string; letter: string; name: string }[];
  axes: { code: string; number: number; name: string; description: string; priorities: unknown }[];
}

export async function readPlanCatalogueRows(source: Source): Promise<PlanCatalogueRows> {
  const q = (sql: string) => source.query(sql);
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
  return { versions, dimensions, themes, problems, objectives, targets, policies, axes };
}
