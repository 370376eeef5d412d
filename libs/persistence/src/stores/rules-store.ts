import type { AssemblyRules } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface RulesVersionRow {
  version: number;
  rules: AssemblyRules;
  effectiveAt: Date;
  adoptedAt: Date;
  adoptedBy: string | null;
  adoptedByName: string | null;
  note: string;
}

const COLUMNS = `r.version, r.rules, r.effective_at AS "effectiveAt", r.adopted_at AS "adoptedAt",
  r.adopted_by AS "adoptedBy", u.display_name AS "adoptedByName", r.note`;

/** Every version, oldest first. */
export function readRulesVersions(m: Source): Promise<RulesVersionRow[]> {
  return m.query(
    `SELECT ${COLUMNS} FROM assembly_rules_versions r LEFT JOIN users u ON u.id = r.adopted_by ORDER BY r.version`,
  );
}

export async function readRulesVersion(m: Source, version: number): Promise<RulesVersionRow | undefined> {
  const rows: RulesVersionRow[] = await m.query(
    `SELECT ${COLUMNS} FROM assembly_rules_versions r LEFT JOIN users u ON u.id = r.adopted_by WHERE r.version = $1`,
    [version],
  );
  return rows[0];
}

/**
 * The version in force by the database clock: the highest whose effective time has come (a later version
 * overrides one still waiting). Undefined only before the first start has adopted version 1.
 */
export async function readRulesInForce(m: Source): Promise<RulesVersionRow | undefined> {
  const rows: RulesVersionRow[] = await m.query(
    `SELECT ${COLUMNS} FROM assembly_rules_versions r LEFT JOIN users u ON u.id = r.adopted_by
     WHERE r.effective_at <= now() ORDER BY r.version DESC LIMIT 1`,
  );
  return rows[0];
}

/** Versions adopted but not yet in force that will apply: none overridden by a higher version due no later. */
export function readPendingRulesVersions(m: Source): Promise<RulesVersionRow[]> {
  return m.query(
    `SELECT ${COLUMNS} FROM assembly_rules_versions r LEFT JOIN users u ON u.id = r.adopted_by
     WHERE r.effective_at > now()
       AND NOT EXISTS (SELECT 1 FROM assembly_rules_versions later
                       WHERE later.version > r.version AND later.effective_at <= r.effective_at)
     ORDER BY r.version`,
  );
}

/**
 * Numbers versions without gaps: the table lock serialises adopters (a rare write), so the next number
 * is read and used by one transaction at a time. `effectiveAt` null: from now, by the database clock.
 */
export async function insertRulesVersion(
  m: EntityManager,
  input: { rules: AssemblyRules; effectiveAt: Date | null; adoptedBy: string | null; note: string },
): Promise<RulesVersionRow> {
  await m.query('LOCK TABLE assembly_rules_versions IN SHARE ROW EXCLUSIVE MODE');
  const [next]: { version: number }[] = await m.query(
    'SELECT coalesce(max(version), 0) + 1 AS version FROM assembly_rules_versions',
  );
  await m.query(
    `INSERT INTO assembly_rules_versions (version, rules, effective_at, adopted_by, note)
     VALUES ($1, $2::jsonb, coalesce($3::timestamptz, now()), $4, $5)`,
    [
      next!.version,
      JSON.stringify(input.rules),
      input.effectiveAt?.toISOString() ?? null,
      input.adoptedBy,
      input.note,
    ],
  );
  return (await readRulesVersion(m, next!.version))!;
}

/** Whether any version exists yet, under the adopters' lock (so two first starts adopt version 1 once). */
export async function lockRulesVersions(m: EntityManager): Promise<boolean> {
  await m.query('LOCK TABLE assembly_rules_versions IN SHARE ROW EXCLUSIVE MODE');
  const rows: unknown[] = await m.query('SELECT 1 FROM assembly_rules_versions LIMIT 1');
  return rows.length > 0;
}
