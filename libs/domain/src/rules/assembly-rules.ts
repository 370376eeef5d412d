import { isRole, ROLES, type Role } from '../accounts/roles.js';
import { DomainError } from '../errors/domain-error.js';
import { COUNTING_RULES, type CountingRule } from '../votes/counting-rules.js';

/** A share as two whole numbers, so no rule ever depends on floating point. */
export interface Fraction {
  numerator: number;
  denominator: number;
}

/** The decisions every reglamento rules on; an assembly may add its own (e.g. `budget`). */
export const BUILT_IN_DECISIONS = ['motion', 'amendment', 'procedural'] as const;
export type BuiltInDecision = (typeof BUILT_IN_DECISIONS)[number];

export interface DecisionRule {
  /** `motion`, `amendment`, `procedural`, or a kind the assembly added (lower case, digits, `_`). */
  kind: string;
  label: { es: string; en: string };
  /** The counting rule that applies to this kind of decision. */
  rule: CountingRule;
  /** Whether the moderator may open the vote under another counting rule. */
  moderatorMayChoose: boolean;
  /**
   * Voted by secret ballot (docs/secret-ballots.md): who took part is public, what each chose is not.
   * Absent in versions adopted before the field existed, and when false (kept absent, so a version's
   * hash does not change when re-adopted).
   */
  secret?: boolean;
}

/** The assembly's rules (reglamento): one version of them. */
export interface AssemblyRules {
  /** Present seats must exceed numerator/denominator of the seated delegates. */
  quorum: Fraction;
  /** Co-sponsors a motion needs before it can be admitted. */
  cosponsorThreshold: number;
  /** Default length of a speech, in seconds. */
  speechSeconds: number;
  decisions: DecisionRule[];
  /** A moderator may not close a vote sooner than this after it opened (its deadline still may). */
  minimumOpenSeconds: number;
  /** Ballots cast (abstentions included) as a share of the entitled, below which a vote cannot adopt. */
  minimumTurnout: Fraction | null;
  compliance: {
    /** Deadline of a resolution whose motion names none: this many days after it is issued. */
    defaultDeadlineDays: number;
    /** Days before a deadline at which an open track is marked as approaching. */
    warningDays: number;
  };
  /**
   * Roles that must enable a second factor (TOTP) before acting as such. Absent in versions adopted
   * before the field existed, which therefore mean admin and moderator (`secondFactorRolesOf`).
   */
  secondFactorRoles?: Role[];
}

/** What a version without `secondFactorRoles` requires. */
export const DEFAULT_SECOND_FACTOR_ROLES: readonly Role[] = ['admin', 'moderator'];

/** The roles a version of the rules requires a second factor of. */
export function secondFactorRolesOf(rules: Pick<AssemblyRules, 'secondFactorRoles'>): readonly Role[] {
  return rules.secondFactorRoles ?? DEFAULT_SECOND_FACTOR_ROLES;
}

/** A version of the reglamento as recorded: the rules and the time from which they apply. */
export interface RulesVersion {
  version: number;
  effectiveAt: string;
  rules: AssemblyRules;
}

export const RULES_LIMITS = {
  cosponsorThreshold: [0, 1000],
  speechSeconds: [1, 3600],
  minimumOpenSeconds: [0, 86_400],
  defaultDeadlineDays: [1, 3650],
  warningDays: [0, 365],
  decisions: 30,
  labelLength: 80,
} as const;

const KIND = /^[a-z][a-z0-9_]{1,39}$/;

function invalid(field: string, reason: string): never {
  throw new DomainError('RULES_INVALID', { field, reason });
}

function wholeIn(field: string, value: number, [low, high]: readonly [number, number]): void {
  if (!Number.isInteger(value) || value < low || value > high)
    invalid(field, `a whole number from ${low} to ${high}`);
}

function fraction(field: string, value: Fraction, allowWhole: boolean): void {
  const { numerator: n, denominator: d } = value;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1 || d > 1000)
    invalid(field, 'whole numbers, the denominator from 1 to 1000');
  if (allowWhole ? n > d : n >= d) invalid(field, allowWhole ? 'at most 1' : 'less than 1');
}

/**
 * Checks a proposed reglamento as a whole (the API's DTO has already checked types): every built-in
 * decision ruled on exactly once, kinds unique, numbers in range. Returns it in a stable order.
 */
export function validateAssemblyRules(rules: AssemblyRules): AssemblyRules {
  fraction('quorum', rules.quorum, false);
  wholeIn('cosponsorThreshold', rules.cosponsorThreshold, RULES_LIMITS.cosponsorThreshold);
  wholeIn('speechSeconds', rules.speechSeconds, RULES_LIMITS.speechSeconds);
  wholeIn('minimumOpenSeconds', rules.minimumOpenSeconds, RULES_LIMITS.minimumOpenSeconds);
  if (rules.minimumTurnout !== null) fraction('minimumTurnout', rules.minimumTurnout, true);
  wholeIn(
    'compliance.defaultDeadlineDays',
    rules.compliance.defaultDeadlineDays,
    RULES_LIMITS.defaultDeadlineDays,
  );
  wholeIn('compliance.warningDays', rules.compliance.warningDays, RULES_LIMITS.warningDays);
  if (rules.decisions.length > RULES_LIMITS.decisions)
    invalid('decisions', `at most ${RULES_LIMITS.decisions}`);
  const seen = new Set<string>();
  for (const decision of rules.decisions) {
    if (!KIND.test(decision.kind)) invalid('decisions.kind', 'lower-case letters, digits and _');
    if (seen.has(decision.kind)) invalid('decisions.kind', `${decision.kind} appears twice`);
    seen.add(decision.kind);
    if (!(COUNTING_RULES as readonly string[]).includes(decision.rule))
      invalid('decisions.rule', `unknown counting rule ${decision.rule}`);
    if (decision.secret !== undefined && typeof decision.secret !== 'boolean')
      invalid('decisions.secret', 'true or false');
    for (const language of ['es', 'en'] as const) {
      const label = decision.label[language].trim();
      if (label.length === 0 || label.length > RULES_LIMITS.labelLength)
        invalid(`decisions.label.${language}`, `1 to ${RULES_LIMITS.labelLength} characters`);
    }
  }
  for (const kind of BUILT_IN_DECISIONS) if (!seen.has(kind)) invalid('decisions', `${kind} is missing`);
  if (rules.secondFactorRoles !== undefined) {
    if (!Array.isArray(rules.secondFactorRoles) || !rules.secondFactorRoles.every(isRole))
      invalid('secondFactorRoles', `roles among ${ROLES.join(', ')}`);
    if (new Set(rules.secondFactorRoles).size !== rules.secondFactorRoles.length)
      invalid('secondFactorRoles', 'each role once');
  }
  const order = (kind: string) => {
    const index = (BUILT_IN_DECISIONS as readonly string[]).indexOf(kind);
    return index === -1 ? BUILT_IN_DECISIONS.length : index;
  };
  return {
    quorum: { numerator: rules.quorum.numerator, denominator: rules.quorum.denominator },
    cosponsorThreshold: rules.cosponsorThreshold,
    speechSeconds: rules.speechSeconds,
    decisions: [...rules.decisions]
      .sort((a, b) => order(a.kind) - order(b.kind) || a.kind.localeCompare(b.kind))
      .map((d) => ({
        kind: d.kind,
        label: { es: d.label.es.trim(), en: d.label.en.trim() },
        rule: d.rule,
        moderatorMayChoose: d.moderatorMayChoose,
        ...(d.secret === true ? { secret: true } : {}),
      })),
    minimumOpenSeconds: rules.minimumOpenSeconds,
    minimumTurnout:
      rules.minimumTurnout === null
        ? null
        : { numerator: rules.minimumTurnout.numerator, denominator: rules.minimumTurnout.denominator },
    compliance: {
      defaultDeadlineDays: rules.compliance.defaultDeadlineDays,
      warningDays: rules.compliance.warningDays,
    },
    ...(rules.secondFactorRoles === undefined
      ? {}
      : { secondFactorRoles: ROLES.filter((role) => rules.secondFactorRoles!.includes(role)) }),
  };
}

/**
 * The first version, from the settings the assembly ran on before its rules were data: the moderator
 * may still choose any counting rule, no minimum open time or turnout, until the secretariat says otherwise.
 */
export function initialAssemblyRules(settings: {
  quorum: Fraction;
  cosponsorThreshold: number;
  speechSeconds: number;
  deadlineLeadDays: number;
  secondFactorRoles?: readonly Role[];
}): AssemblyRules {
  return validateAssemblyRules({
    quorum: settings.quorum,
    cosponsorThreshold: settings.cosponsorThreshold,
    speechSeconds: settings.speechSeconds,
    decisions: [
      {
        kind: 'motion',
        label: { es: 'Moción ordinaria', en: 'Ordinary motion' },
        rule: 'simple',
        moderatorMayChoose: true,
      },
      {
        kind: 'amendment',
        label: { es: 'Enmienda', en: 'Amendment' },
        rule: 'simple',
        moderatorMayChoose: true,
      },
      {
        kind: 'procedural',
        label: { es: 'Cuestión de procedimiento', en: 'Procedural question' },
        rule: 'simple',
        moderatorMayChoose: true,
      },
    ],
    minimumOpenSeconds: 0,
    minimumTurnout: null,
    compliance: { defaultDeadlineDays: 90, warningDays: settings.deadlineLeadDays },
    secondFactorRoles: [...(settings.secondFactorRoles ?? DEFAULT_SECOND_FACTOR_ROLES)],
  });
}

/**
 * The version in force at a time: the highest version whose effective time has come. A later version
 * therefore overrides an earlier one still waiting for its effective time (which then never applies).
 */
export function rulesInForce<V extends Pick<RulesVersion, 'version' | 'effectiveAt'>>(
  versions: Iterable<V>,
  at: string,
): V | null {
  let best: V | null = null;
  const time = Date.parse(at);
  for (const candidate of versions)
    if (Date.parse(candidate.effectiveAt) <= time && (!best || candidate.version > best.version))
      best = candidate;
  return best;
}

/** Which decision a vote is, by default from what is on the floor; an added kind applies to motions. */
export function decisionKindFor(
  rules: AssemblyRules,
  item: 'motion' | 'amendment' | 'procedural',
  requested: string | undefined,
): DecisionRule {
  const kind = requested ?? item;
  const decision = rules.decisions.find((d) => d.kind === kind);
  if (!decision) throw new DomainError('DECISION_KIND_UNKNOWN', { kind });
  const builtIn = (BUILT_IN_DECISIONS as readonly string[]).includes(kind);
  // An amendment or a procedural question is what it is; only a motion may be ruled on as an added kind.
  if (builtIn ? kind !== item : item !== 'motion')
    throw new DomainError('DECISION_KIND_MISMATCH', { kind, item });
  return decision;
}

/** The counting rule a vote is opened under: the reglamento's, or the moderator's choice where allowed. */
export function countingRuleFor(decision: DecisionRule, requested: CountingRule | undefined): CountingRule {
  if (requested === undefined || requested === decision.rule) return decision.rule;
  if (!decision.moderatorMayChoose)
    throw new DomainError('RULE_NOT_ALLOWED', {
      rule: requested,
      kind: decision.kind,
      required: decision.rule,
    });
  return requested;
}

/** Seconds a moderator must still wait before closing a vote open for `openMs` (0: it may be closed now). */
export function secondsUntilClosable(
  rules: Pick<AssemblyRules, 'minimumOpenSeconds'>,
  openMs: number,
): number {
  return Math.max(0, Math.ceil((rules.minimumOpenSeconds * 1000 - openMs) / 1000));
}
