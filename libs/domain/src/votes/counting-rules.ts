export const COUNTING_RULES = [
  'simple',
  'absolute_present',
  'absolute_members',
  'two_thirds_cast',
  'two_thirds_members',
] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];

export const BALLOT_CHOICES = ['yes', 'no', 'abstain'] as const;
export type BallotChoice = (typeof BALLOT_CHOICES)[number];

/** Bumped whenever any rule's arithmetic changes; every tally records the version it used. */
export const COUNTING_RULES_VERSION = 1;

export interface TallyInput {
  rule: CountingRule;
  /** Delegates entitled to vote, frozen when the vote opened. */
  entitled: readonly string[];
  /** Seats present when the vote opened (the base of `absolute_present`). */
  presentAtOpening: number;
  /** Seated delegates of the assembly when the vote opened (the base of the `*_members` rules). */
  seatedAtOpening: number;
  /** The ballot that counts for each delegate (the last one they cast). */
  ballots: ReadonlyMap<string, BallotChoice>;
  /** The reglamento's minimum turnout (ballots cast, abstentions included, over the entitled), if any. */
  minimumTurnout?: { numerator: number; denominator: number } | null;
}

export interface Tally {
  rule: CountingRule;
  ruleVersion: number;
  counts: { yes: number; no: number; abstain: number; notVoted: number };
  /** What the threshold is measured against, and its size. */
  base: { kind: 'yes_plus_no' | 'present' | 'members'; size: number };
  /** Yes votes needed to adopt. */
  required: number;
  outcome: 'adopted' | 'rejected';
  /** Only under a reglamento with a minimum turnout: ballots cast and the number required. */
  turnout?: { cast: number; required: number };
  /** Why a vote with enough yes ballots was still not adopted. */
  reason?: 'turnout_below_minimum';
}

export class TallyError extends Error {}

/** Smallest whole number strictly greater than n/2. */
const moreThanHalf = (n: number) => Math.floor(n / 2) + 1;
/** Smallest whole number at least 2n/3 (integer arithmetic, no floating point). */
const atLeastTwoThirds = (n: number) => Math.ceil((2 * n) / 3);

/**
 * Turns the frozen entitled list and the ballots into counts, the base, the threshold and the outcome.
 * Ties fail; a vote with no yes ballot never passes, whatever the rule.
 */
export function tally(input: TallyInput): Tally {
  const entitled = new Set(input.entitled);
  if (entitled.size !== input.entitled.length) throw new TallyError('the entitled list has duplicates');
  const counts = { yes: 0, no: 0, abstain: 0, notVoted: 0 };
  for (const [delegateId, choice] of input.ballots) {
    if (!entitled.has(delegateId)) throw new TallyError(`ballot from ${delegateId}, who is not entitled`);
    counts[choice] += 1;
  }
  counts.notVoted = entitled.size - input.ballots.size;
  return decideCounts(input, counts, entitled.size);
}

export interface SecretTallyInput extends Omit<TallyInput, 'ballots'> {
  /** Who took part (the public participation list). */
  participants: readonly string[];
  /** The published choices, one per participant, unlinked to them. */
  choices: readonly BallotChoice[];
}

/**
 * A secret question's tally: the same counts, base, threshold and outcome as `tally`, from the
 * published choices and the participation list (one choice per participant, each one entitled).
 */
export function tallySecret(input: SecretTallyInput): Tally {
  const entitled = new Set(input.entitled);
  if (entitled.size !== input.entitled.length) throw new TallyError('the entitled list has duplicates');
  const participants = new Set(input.participants);
  if (participants.size !== input.participants.length)
    throw new TallyError('the participation list has duplicates');
  for (const delegateId of participants)
    if (!entitled.has(delegateId)) throw new TallyError(`participant ${delegateId} was not entitled`);
  if (input.choices.length !== participants.size)
    throw new TallyError(`${input.choices.length} ballots for ${participants.size} participants`);
  const counts = { yes: 0, no: 0, abstain: 0, notVoted: entitled.size - participants.size };
  for (const choice of input.choices) {
    if (!(BALLOT_CHOICES as readonly string[]).includes(choice))
      throw new TallyError(`unknown choice ${String(choice)}`);
    counts[choice] += 1;
  }
  return decideCounts(input, counts, entitled.size);
}

function decideCounts(
  input: Omit<TallyInput, 'ballots' | 'entitled'>,
  counts: Tally['counts'],
  entitledSize: number,
): Tally {
  let base: Tally['base'];
  let required: number;
  switch (input.rule) {
    case 'simple':
      base = { kind: 'yes_plus_no', size: counts.yes + counts.no };
      required = counts.no + 1;
      break;
    case 'absolute_present':
      base = { kind: 'present', size: input.presentAtOpening };
      required = moreThanHalf(input.presentAtOpening);
      break;
    case 'absolute_members':
      base = { kind: 'members', size: input.seatedAtOpening };
      required = moreThanHalf(input.seatedAtOpening);
      break;
    case 'two_thirds_cast':
      base = { kind: 'yes_plus_no', size: counts.yes + counts.no };
      required = Math.max(1, atLeastTwoThirds(counts.yes + counts.no));
      break;
    case 'two_thirds_members':
      base = { kind: 'members', size: input.seatedAtOpening };
      required = Math.max(1, atLeastTwoThirds(input.seatedAtOpening));
      break;
    default:
      throw new TallyError(`unknown rule ${String(input.rule)}`);
  }
  const result: Tally = {
    rule: input.rule,
    ruleVersion: COUNTING_RULES_VERSION,
    counts,
    base,
    required,
    outcome: counts.yes >= required && counts.yes > 0 ? 'adopted' : 'rejected',
  };
  // Without a minimum the tally keeps its earlier shape, so votes recorded before the reglamento verify as they did.
  if (input.minimumTurnout) {
    const { numerator, denominator } = input.minimumTurnout;
    const cast = counts.yes + counts.no + counts.abstain;
    result.turnout = { cast, required: Math.ceil((numerator * entitledSize) / denominator) };
    if (cast < result.turnout.required && result.outcome === 'adopted') {
      result.outcome = 'rejected';
      result.reason = 'turnout_below_minimum';
    }
  }
  return result;
}
