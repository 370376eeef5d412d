import { DomainError, validateAssemblyRules, type AssemblyRules } from '#domain';
import { insertRulesVersion, readRulesVersions } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { rulesVersionView, type RulesVersionView } from './rules-view.js';

export interface RulesChangeInput {
  rules: AssemblyRules;
  /** From when the new version applies; omitted: at once. */
  effectiveAt?: Date;
  note?: string;
}

/** The secretariat adopts a new version of the reglamento, whole; the record keeps it whole too. */
export async function changeRules(
  uow: UnitOfWork,
  actorId: string,
  input: RulesChangeInput,
): Promise<RulesVersionView> {
  let rules = validateAssemblyRules(input.rules);
  // A client that does not know the second-factor roles (or leaves them out) keeps the latest version's.
  if (rules.secondFactorRoles === undefined) {
    const latest = (await readRulesVersions(uow.m)).at(-1)?.rules;
    if (latest?.secondFactorRoles !== undefined)
      rules = { ...rules, secondFactorRoles: latest.secondFactorRoles };
  }
  // A second of slack for the clocks of the client and the database.
  if (input.effectiveAt && input.effectiveAt.getTime() < Date.now() - 1_000)
    throw new DomainError('RULES_EFFECTIVE_IN_PAST');
  const adopted = await insertRulesVersion(uow.m, {
    rules,
    effectiveAt: input.effectiveAt ?? null,
    adoptedBy: actorId,
    note: input.note?.trim() ?? '',
  });
  await uow.record({
    type: 'rules.changed',
    actor: `user:${actorId}`,
    payload: {
      version: adopted.version,
      effectiveAt: adopted.effectiveAt.toISOString(),
      rules: adopted.rules,
      note: adopted.note,
    },
  });
  uow.publicReadsChanged();
  return rulesVersionView(adopted);
}
