import { DomainError } from '../errors/domain-error.js';
import {
  initialAssemblyRules,
  secondFactorRolesOf,
  validateAssemblyRules,
  type AssemblyRules,
} from './assembly-rules.js';

const settings = {
  quorum: { numerator: 1, denominator: 2 },
  cosponsorThreshold: 2,
  speechSeconds: 180,
  deadlineLeadDays: 14,
};

function field(rules: AssemblyRules): string | null {
  try {
    validateAssemblyRules(rules);
    return null;
  } catch (error) {
    return error instanceof DomainError ? String(error.params.field) : 'other';
  }
}

describe('the roles the reglamento requires a second factor of', () => {
  it('version 1 takes them from the settings, admin and moderator when none are given', () => {
    expect(initialAssemblyRules(settings).secondFactorRoles).toEqual(['admin', 'moderator']);
    expect(initialAssemblyRules({ ...settings, secondFactorRoles: [] }).secondFactorRoles).toEqual([]);
    expect(initialAssemblyRules({ ...settings, secondFactorRoles: ['delegate'] }).secondFactorRoles).toEqual([
      'delegate',
    ]);
  });

  it('a version from before the field means admin and moderator', () => {
    const { secondFactorRoles: _, ...older } = initialAssemblyRules(settings);
    expect(secondFactorRolesOf(older as AssemblyRules)).toEqual(['admin', 'moderator']);
    expect(validateAssemblyRules(older)).not.toHaveProperty('secondFactorRoles');
    expect(secondFactorRolesOf({ secondFactorRoles: [] })).toEqual([]);
  });

  it('accepts known roles once each, in a stable order; refuses anything else', () => {
    const rules = initialAssemblyRules(settings);
    expect(
      validateAssemblyRules({ ...rules, secondFactorRoles: ['liaison', 'admin'] }).secondFactorRoles,
    ).toEqual(['admin', 'liaison']);
    expect(field({ ...rules, secondFactorRoles: ['admin', 'admin'] })).toBe('secondFactorRoles');
    expect(field({ ...rules, secondFactorRoles: ['root' as never] })).toBe('secondFactorRoles');
    expect(field({ ...rules, secondFactorRoles: 'admin' as never })).toBe('secondFactorRoles');
  });
});
