import type { RulesVersionView } from '#contracts';
import type { RulesVersionRow } from '#persistence';

export type { RulesVersionView };

export function rulesVersionView(row: RulesVersionRow): RulesVersionView {
  return {
    version: row.version,
    effectiveAt: row.effectiveAt.toISOString(),
    adoptedAt: row.adoptedAt.toISOString(),
    adoptedBy: row.adoptedBy ? { id: row.adoptedBy, name: row.adoptedByName ?? '' } : null,
    note: row.note,
    rules: row.rules,
  };
}
