import { DomainError } from '../errors/domain-error.js';
import {
  countingRuleFor,
  decisionKindFor,
  initialAssemblyRules,
  rulesInForce,
  secondsUntilClosable,
  validateAssemblyRules,
  type AssemblyRules,
} from './assembly-rules.js';

const initial = initialAssemblyRules({
  quorum: { numerator: 1, denominator: 2 },
  cosponsorThreshold: 2,
  speechSeconds: 180,
  deadlineLeadDays: 14,
});

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError
      ? `${error.code}:${String(error.params.field ?? error.params.kind ?? '')}`
      : 'other';
  }
}

describe('the reglamento as data', () => {
  it('the first version carries the configured values and leaves the moderator free, as before', () => {
    expect(initial.cosponsorThreshold).toBe(2);
    expect(initial.compliance.warningDays).toBe(14);
    expect(initial.decisions.map((d) => [d.kind, d.moderatorMayChoose])).toEqual([
      ['motion', true],
      ['amendment', true],
      ['procedural', true],
    ]);
    expect(initial.minimumTurnout).toBeNull();
  });

  it('refuses a reglamento without a built-in decision, with a kind twice, or numbers out of range', () => {
    const without: AssemblyRules = { ...initial, decisions: initial.decisions.slice(1) };
    expect(codeOf(() => validateAssemblyRules(without))).toBe('RULES_INVALID:decisions');
    const twice = { ...initial, decisions: [...initial.decisions, initial.decisions[0]!] };
    expect(codeOf(() => validateAssemblyRules(twice))).toBe('RULES_INVALID:decisions.kind');
    expect(
      codeOf(() => validateAssemblyRules({ ...initial, quorum: { numerator: 2, denominator: 2 } })),
    ).toBe('RULES_INVALID:quorum');
    expect(
      codeOf(() => validateAssemblyRules({ ...initial, minimumTurnout: { numerator: 3, denominator: 2 } })),
    ).toBe('RULES_INVALID:minimumTurnout');
    expect(
      codeOf(() => validateAssemblyRules({ ...initial, minimumTurnout: { numerator: 1, denominator: 1 } })),
    ).toBeNull();
    expect(codeOf(() => validateAssemblyRules({ ...initial, cosponsorThreshold: 1.5 }))).toBe(
      'RULES_INVALID:cosponsorThreshold',
    );
    const badKind = {
      ...initial,
      decisions: [...initial.decisions, { ...initial.decisions[0]!, kind: 'Budget!' }],
    };
    expect(codeOf(() => validateAssemblyRules(badKind))).toBe('RULES_INVALID:decisions.kind');
  });

  it('keeps the built-in decisions first and added kinds in alphabetical order', () => {
    const budget = {
      kind: 'budget',
      label: { es: ' Presupuesto ', en: 'Budget' },
      rule: 'two_thirds_members' as const,
      moderatorMayChoose: false,
    };
    const valid = validateAssemblyRules({ ...initial, decisions: [budget, ...initial.decisions].reverse() });
    expect(valid.decisions.map((d) => d.kind)).toEqual(['motion', 'amendment', 'procedural', 'budget']);
    expect(valid.decisions[3]!.label.es).toBe('Presupuesto');
  });

  it('the version in force is the highest whose effective time has come', () => {
    const versions = [
      { version: 1, effectiveAt: '2026-01-01T00:00:00.000Z' },
      { version: 2, effectiveAt: '2026-06-01T00:00:00.000Z' },
      { version: 3, effectiveAt: '2026-03-01T00:00:00.000Z' },
    ];
    expect(rulesInForce(versions, '2025-12-31T23:59:59.999Z')).toBeNull();
    expect(rulesInForce(versions, '2026-02-01T00:00:00.000Z')?.version).toBe(1);
    expect(rulesInForce(versions, '2026-04-01T00:00:00.000Z')?.version).toBe(3);
    // Version 2 was overridden by version 3 before it took effect: it never applies.
    expect(rulesInForce(versions, '2026-07-01T00:00:00.000Z')?.version).toBe(3);
  });

  it('a vote is the decision on the floor unless a motion is ruled on as an added kind', () => {
    const strict = validateAssemblyRules({
      ...initial,
      decisions: [
        { ...initial.decisions[0]!, rule: 'absolute_present', moderatorMayChoose: false },
        ...initial.decisions.slice(1),
        {
          kind: 'budget',
          label: { es: 'Presupuesto', en: 'Budget' },
          rule: 'two_thirds_members',
          moderatorMayChoose: false,
        },
      ],
    });
    expect(decisionKindFor(strict, 'motion', undefined).kind).toBe('motion');
    expect(decisionKindFor(strict, 'motion', 'budget').rule).toBe('two_thirds_members');
    expect(codeOf(() => decisionKindFor(strict, 'amendment', 'budget'))).toBe(
      'DECISION_KIND_MISMATCH:budget',
    );
    expect(codeOf(() => decisionKindFor(strict, 'motion', 'procedural'))).toBe(
      'DECISION_KIND_MISMATCH:procedural',
    );
    expect(codeOf(() => decisionKindFor(strict, 'motion', 'elections'))).toBe(
      'DECISION_KIND_UNKNOWN:elections',
    );
    const motion = decisionKindFor(strict, 'motion', undefined);
    expect(countingRuleFor(motion, undefined)).toBe('absolute_present');
    expect(countingRuleFor(motion, 'absolute_present')).toBe('absolute_present');
    expect(codeOf(() => countingRuleFor(motion, 'simple'))).toBe('RULE_NOT_ALLOWED:motion');
    expect(countingRuleFor(decisionKindFor(strict, 'amendment', undefined), 'two_thirds_cast')).toBe(
      'two_thirds_cast',
    );
  });

  it('counts the seconds a moderator must still wait before closing', () => {
    const rules = { ...initial, minimumOpenSeconds: 60 };
    expect(secondsUntilClosable(rules, 10_500)).toBe(50);
    expect(secondsUntilClosable(rules, 59_001)).toBe(1);
    expect(secondsUntilClosable(rules, 60_000)).toBe(0);
    expect(secondsUntilClosable(initial, 0)).toBe(0);
  });
});
