import type { AssemblyRules } from '#domain';
import { readRulesInForce, type RulesVersionRow } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

/** The reglamento in force now; boot adopts version 1 before anything is served, so one always exists. */
export async function rulesInForceNow(
  m: DataSource | EntityManager,
): Promise<RulesVersionRow & { rules: AssemblyRules }> {
  const row = await readRulesInForce(m);
  if (!row) throw new Error('no reglamento in force: the first start adopts version 1 before serving');
  return row;
}
