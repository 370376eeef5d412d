import { foldForSearch, type PlanCatalogue } from '#domain';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DataSource, EntityManager } from 'typeorm';

const CATALOGUE_FILE = new URL('../../../plan-data/plan-catalogue.json', import.meta.url);
const CATALOGUE_LOCK = 7_345_002;

export function readPlanCatalogue(): { catalogue: PlanCatalogue; sha256: string } {
  const raw = readFileSync(CATALOGUE_FILE);
  return {
    catalogue: JSON.parse(raw.toString('utf8')) as PlanCatalogue,
    sha256: createHash('sha256').update(raw).digest('hex'),
  };
}

/**
 * Makes the stored catalogue equal to the data file, once per file content: rows are upserted by
 * their stable code and codes the file no longer has are removed (a foreign key from a motion stops
 * that, on purpose). Idempotent and safe when several processes boot together.
 */
export async function loadPlanCatalogue(
  dataSource: DataSource,
): Promise<{ loaded: boolean; version: string }> {
  const { catalogue, sha256 } = readPlanCatalogue();
  return dataSource.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [CATALOGUE_LOCK]);
    const current = await m.query(
      'SELECT 1 FROM plan_catalogue_versions WHERE version = $1 AND sha256 = $2',
      [catalogue.version, sha256],
    );
    if (current.length > 0) return { loaded: false, version: catalogue.version };
    await writeCatalogue(m, catalogue);
    await m.query(
      `INSERT INTO plan_catalogue_versions (version, sha256) VALUES ($1, $2)
       ON CONFLICT (version) DO UPDATE SET sha256 = EXCLUDED.sha256, loaded_at = now()`,
      [catalogue.version, sha256],
    );
    return { loaded: true, version: catalogue.version };
  });
}

async function writeCatalogue(m: EntityManager, catalogue: PlanCatalogue): Promise<void> {
  const keep = {
    dimensions: [] as string[],
    themes: [] as string[],
    problems: [] as string[],
    objectives: [] as string[],
    targets: [] as string[],
  };

  for (const group of catalogue.acuerdoNacional) {
    for (const policy of group.policies) {
      await m.query(
        `INSERT INTO plan_national_policies (code, group_code, group_name, letter, name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET group_code = $2, group_name = $3, letter = $4, name = $5`,
        [policy.code, group.code, group.name, policy.letter, policy.name],
      );
    }
  }
  for (const axis of catalogue.bicentenario) {
    await m.query(
      `INSERT INTO plan_bicentenario_axes (code, number, name, description, priorities) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO UPDATE SET number = $2, name = $3, description = $4, priorities = $5`,
      [axis.code, axis.number, axis.name, axis.description, JSON.stringify(axis.priorities ?? [])],
    );
  }

  let position = 0;
  for (const dimension of catalogue.dimensions) {
    keep.dimensions.push(dimension.code);
    await m.query(
      `INSERT INTO plan_dimensions (code, number, name) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET number = $2, name = $3`,
      [dimension.code, dimension.number, dimension.name],
    );
    for (const theme of dimension.themes) {
      keep.themes.push(theme.code);
      await m.query(
        `INSERT INTO plan_themes (code, dimension_code, slug, name, name_source, lead, position, national_policy_codes, bicentenario_axis_codes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET dimension_code = $2, slug = $3, name = $4, name_source = $5, lead = $6,
           position = $7, national_policy_codes = $8, bicentenario_axis_codes = $9`,
        [
          theme.code,
          dimension.code,
          theme.slug,
          theme.name,
          theme.nameSource,
          theme.lead ?? null,
          position++,
          theme.crossCutting.acuerdoNacional,
          theme.crossCutting.bicentenario,
        ],
      );
      for (const problem of theme.problems) {
        keep.problems.push(problem.code);
        await m.query(
          `INSERT INTO plan_problems (code, theme_code, number, text, aspects) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE SET theme_code = $2, number = $3, text = $4, aspects = $5`,
          [problem.code, theme.code, problem.number, problem.text, problem.aspects],
        );
      }
      for (const objective of theme.objectives) {
        keep.objectives.push(objective.code);
        const own = [objective.text, ...objective.emphases].join(' ');
        const context = [theme.name, dimension.name, theme.lead ?? ''].join(' ');
        await m.query(
          `INSERT INTO plan_objectives (code, theme_code, number, text, emphases, search_folded, search_vector)
           VALUES ($1, $2, $3, $4, $5, $6,
             setweight(to_tsvector('asamblea_es', $7), 'A') || setweight(to_tsvector('asamblea_es', $8), 'B'))
           ON CONFLICT (code) DO UPDATE SET theme_code = $2, number = $3, text = $4, emphases = $5,
             search_folded = EXCLUDED.search_folded, search_vector = EXCLUDED.search_vector`,
          [
            objective.code,
            theme.code,
            objective.number,
            objective.text,
            objective.emphases,
            foldForSearch(`${objective.code} ${own} ${context}`),
            own,
            context,
          ],
        );
      }
      for (const target of theme.targets) {
        keep.targets.push(target.code);
        await m.query(
          `INSERT INTO plan_targets (code, theme_code, number, text, measures) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE SET theme_code = $2, number = $3, text = $4, measures = $5`,
          [target.code, theme.code, target.number, target.text, JSON.stringify(target.measures)],
        );
      }
    }
  }

  await m.query(`DELETE FROM plan_targets WHERE NOT (code = ANY ($1))`, [keep.targets]);
  await m.query(`DELETE FROM plan_objectives WHERE NOT (code = ANY ($1))`, [keep.objectives]);
  await m.query(`DELETE FROM plan_problems WHERE NOT (code = ANY ($1))`, [keep.problems]);
  await m.query(`DELETE FROM plan_themes WHERE NOT (code = ANY ($1))`, [keep.themes]);
  await m.query(`DELETE FROM plan_dimensions WHERE NOT (code = ANY ($1))`, [keep.dimensions]);
}
