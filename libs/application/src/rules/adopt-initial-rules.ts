import { initialAssemblyRules, type Fraction, type Role } from '#domain';
import { insertRulesVersion, lockRulesVersions } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

export interface ConfiguredRules {
  quorum: Fraction;
  cosponsorThreshold: number;
  speechSeconds: number;
  deadlineLeadDays: number;
  /** Roles that must enable a second factor (SECOND_FACTOR_ROLES). */
  secondFactorRoles: readonly Role[];
}

/**
 * At the first start, the settings the assembly ran on become version 1 of its reglamento, in the
 * public record. Later starts leave the versions alone: from then on the secretariat changes them.
 * Returns the version adopted, or null when one existed.
 */
export async function adoptInitialRules(uow: UnitOfWork, settings: ConfiguredRules): Promise<number | null> {
  if (await lockRulesVersions(uow.m)) return null;
  const adopted = await insertRulesVersion(uow.m, {
    rules: initialAssemblyRules(settings),
    effectiveAt: null,
    adoptedBy: null,
    note: '',
  });
  await uow.record({
    type: 'rules.changed',
    actor: null,
    payload: {
      version: adopted.version,
      effectiveAt: adopted.effectiveAt.toISOString(),
      rules: adopted.rules,
      note: adopted.note,
    },
  });
  return adopted.version;
}
