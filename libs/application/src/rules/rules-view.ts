import type { RulesVersionView } from '#contracts';
import { secondFactorRolesOf } from '#domain';
import type { RulesVersionRow } from '#persistence';

export type { RulesVersionView };

export function rulesVersionView(row: RulesVersionRow): RulesVersionView {
  return {
    version: row.version,
    effectiveAt: row.effectiveAt.toISOString(),
    adoptedAt: row.adoptedAt.toISOString(),
    adoptedBy: row.adoptedBy ? { id: row.adoptedBy, name: row.adoptedByName ?? '' } : null,
    note: row.note,
    // Versions from before the field existed say what they meant.
    rules: { ...row.rules, secondFactorRoles: [...secondFactorRolesOf(row.rules)] },
  };
}
