import { sha256Hex } from '#crypto/digest';
import type { ErrorCode } from '../errors/error-catalogue.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { isPublishedTracker, parseTrackerCode } from './tracker-code.js';

/**
 * One ballot of a secret vote as stored and published: its tracker and its choice, nothing else — no
 * voter, no time, no sequence. `choice` is an election's choice or a question's `yes`/`no`/`abstain`.
 */
export interface SecretBallot<C = unknown> {
  tracker: string;
  choice: C;
}

/** The only order ballots are ever listed in: by tracker, which is random, never by arrival. */
export function orderBallots<C>(ballots: readonly SecretBallot<C>[]): SecretBallot<C>[] {
  return [...ballots].sort((a, b) => (a.tracker < b.tracker ? -1 : a.tracker > b.tracker ? 1 : 0));
}

/** SHA-256 of the canonical JSON of { ballots (ordered by tracker), voteId }: recorded at the close. */
export function secretBallotsHash(voteId: string, ballots: readonly SecretBallot[]): string {
  return sha256Hex(
    canonicalJson({
      ballots: orderBallots(ballots).map((b) => ({ choice: b.choice, tracker: b.tracker })),
      voteId,
    }),
  );
}

/** SHA-256 of the canonical JSON of { participants (sorted), voteId }: the public list of who voted. */
export function participationHash(voteId: string, participants: readonly string[]): string {
  return sha256Hex(canonicalJson({ participants: [...participants].sort(), voteId }));
}

/** What the store knows when a delegate sends a secret ballot, read under the vote's lock. */
export interface SecretBallotFacts {
  delegateActive: boolean;
  vote: { open: boolean; pastDeadline: boolean } | null;
  entitled: boolean;
  present: boolean;
  /** The delegate is on this vote's participation list already. */
  participated: boolean;
  /**
   * The ballot in this vote's box under the request's tracker, if any, found by the tracker alone
   * (the box has no voter column to look up by): its choice's canonical JSON, and whether it is this
   * delegate's own — its owner tag, an HMAC of (delegate, tracker) under the vote's key, matches; a
   * published ballot (after the close) counts as own, since it is public anyway.
   */
  underTracker: { choiceKey: string; own: boolean } | null;
}

export interface SecretBallotRequest {
  /** As typed or as the voter's device drew it with `newTrackerCode`. */
  tracker: string;
  /** Canonical JSON of the (already checked and normalized) choice. */
  choiceKey: string;
}

export type SecretBallotDecision =
  | { kind: 'refuse'; code: ErrorCode }
  /** First ballot: add the delegate to the participation list and the ballot to the box, in one transaction. */
  | { kind: 'cast'; tracker: string }
  /** A change of mind: the ballot under the tracker takes the new choice; the participation list is untouched. */
  | { kind: 'replace'; tracker: string }
  /** That choice already stands under the tracker (a retry): change nothing, answer as before. */
  | { kind: 'repeat'; tracker: string };

/**
 * The secret ballot's rules, in the order of the roll-call's (`decideBallot`): who may vote, then a
 * repeat (answered even after the close, when the ballot is public anyway), then whether the vote still
 * takes ballots, then presence. A first ballot needs a tracker no ballot holds; after it, the delegate
 * changes their ballot only by sending the same tracker. The replacement is found by tracker, so nothing
 * written says whose ballot changed; only the delegate who cast it can change it (its owner tag), so a
 * tracker seen on someone's screen neither changes their ballot nor, by a "repeat", reveals it.
 */
export function decideSecretBallot(
  facts: SecretBallotFacts,
  request: SecretBallotRequest,
): SecretBallotDecision {
  if (!facts.delegateActive) return { kind: 'refuse', code: 'DELEGATE_NOT_ACTIVE' };
  if (!facts.vote) return { kind: 'refuse', code: 'VOTE_NOT_FOUND' };
  if (!facts.entitled) return { kind: 'refuse', code: 'NOT_ENTITLED_TO_VOTE' };
  const tracker = parseTrackerCode(request.tracker);
  if (!tracker) return { kind: 'refuse', code: 'TRACKER_MALFORMED' };
  if (facts.participated && facts.underTracker?.own && facts.underTracker.choiceKey === request.choiceKey)
    return { kind: 'repeat', tracker };
  if (!facts.vote.open || facts.vote.pastDeadline) return { kind: 'refuse', code: 'VOTE_CLOSED' };
  if (!facts.present) return { kind: 'refuse', code: 'VOTER_NOT_PRESENT' };
  if (!facts.participated)
    return facts.underTracker ? { kind: 'refuse', code: 'TRACKER_TAKEN' } : { kind: 'cast', tracker };
  return facts.underTracker?.own
    ? { kind: 'replace', tracker }
    : { kind: 'refuse', code: 'SECRET_BALLOT_ALREADY_CAST' };
}

/** What a voter sees looking for their tracker among the published ballots. */
export function findBallot<C>(
  published: readonly SecretBallot<C>[],
  typedTracker: string,
): { found: true; tracker: string; choice: C } | { found: false; reason: 'malformed' | 'absent' } {
  const tracker = parseTrackerCode(typedTracker);
  if (!tracker) return { found: false, reason: 'malformed' };
  const ballot = published.find((b) => b.tracker === tracker);
  return ballot ? { found: true, tracker, choice: ballot.choice } : { found: false, reason: 'absent' };
}

/** A published ballot list that counts: each choice's number of ballots, keyed by its canonical JSON. */
export interface SecretTally {
  ballots: number;
  participants: number;
  counts: Record<string, number>;
}

export type SecretBallotFindingCode =
  | 'tracker_malformed'
  | 'ballot_duplicated'
  | 'choice_invalid'
  | 'participant_duplicated'
  | 'participant_not_entitled'
  | 'count_differs'
  | 'ballot_altered'
  | 'ballot_missing'
  | 'ballot_unexpected'
  | 'ballots_hash_differs'
  | 'result_differs';

export interface SecretBallotFinding {
  code: SecretBallotFindingCode;
  /** The ballot the finding is about, when it is about one. */
  tracker?: string;
  detail: string;
}

export type TallyCheck = { ok: true; tally: SecretTally } | { ok: false; finding: SecretBallotFinding };

/**
 * Recounts a published list against the participation list: every tracker well formed and unique,
 * every choice one the vote accepts, and exactly one ballot per participant.
 */
export function tallyPublishedBallots<C>(
  published: readonly SecretBallot<C>[],
  participants: readonly string[],
  options: { isValidChoice?: (choice: C) => boolean; entitled?: readonly string[] } = {},
): TallyCheck {
  const fail = (code: SecretBallotFindingCode, detail: string, tracker?: string): TallyCheck => ({
    ok: false,
    finding: tracker === undefined ? { code, detail } : { code, tracker, detail },
  });
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  for (const ballot of published) {
    if (!isPublishedTracker(ballot.tracker))
      return fail('tracker_malformed', `tracker ${String(ballot.tracker)} is not a well-formed tracker`);
    if (seen.has(ballot.tracker))
      return fail('ballot_duplicated', `tracker ${ballot.tracker} is published twice`, ballot.tracker);
    seen.add(ballot.tracker);
    if (options.isValidChoice && !options.isValidChoice(ballot.choice))
      return fail(
        'choice_invalid',
        `ballot ${ballot.tracker} holds a choice the vote does not accept`,
        ballot.tracker,
      );
    const key = canonicalJson(ballot.choice);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const people = new Set(participants);
  if (people.size !== participants.length)
    return fail('participant_duplicated', 'the participation list names someone twice');
  if (options.entitled) {
    const entitled = new Set(options.entitled);
    for (const participant of participants)
      if (!entitled.has(participant))
        return fail('participant_not_entitled', `participant ${participant} was not entitled to vote`);
  }
  if (published.length !== participants.length)
    return fail(
      'count_differs',
      `${published.length} ballots published, ${participants.length} delegates took part`,
    );
  return { ok: true, tally: { ballots: published.length, participants: participants.length, counts } };
}

export interface SecretVoteEvidence<C> {
  voteId: string;
  /** The ballots as served (API, open data): what a voter and the public read. */
  published: readonly SecretBallot<C>[];
  /** The participation list, from the public record. */
  participants: readonly string[];
  entitled?: readonly string[];
  /** The close as the public record holds it (hash-chained, so altered only by breaking the chain). */
  recorded: { ballots: readonly SecretBallot<C>[]; ballotsHash: string; result?: unknown };
  isValidChoice?: (choice: C) => boolean;
  /** Recomputes the result from the choices (e.g. `decideElection`), compared with the recorded one. */
  recount?: (choices: C[]) => unknown;
}

/**
 * Everything anyone can check about a closed secret vote, first problem first: the record's own list
 * matches its hash, it and the served list both recount with one ballot per participant, the served
 * list is the recorded one ballot by ballot (naming the altered, missing or extra tracker), and the
 * recorded result is what the ballots give.
 */
export function verifySecretVote<C>(evidence: SecretVoteEvidence<C>): TallyCheck {
  const { recorded } = evidence;
  const fail = (code: SecretBallotFindingCode, detail: string, tracker?: string): TallyCheck => ({
    ok: false,
    finding: tracker === undefined ? { code, detail } : { code, tracker, detail },
  });
  if (secretBallotsHash(evidence.voteId, recorded.ballots) !== recorded.ballotsHash)
    return fail('ballots_hash_differs', 'the recorded ballots do not match the recorded ballots hash');
  const options = { isValidChoice: evidence.isValidChoice, entitled: evidence.entitled };
  const ofRecord = tallyPublishedBallots(recorded.ballots, evidence.participants, options);
  if (!ofRecord.ok) return ofRecord;
  const served = tallyPublishedBallots(evidence.published, evidence.participants, options);
  const inRecord = new Map(recorded.ballots.map((b) => [b.tracker, canonicalJson(b.choice)]));
  const inServed = new Set<string>();
  for (const ballot of evidence.published) {
    const recordedChoice = inRecord.get(ballot.tracker);
    if (recordedChoice === undefined) {
      if (isPublishedTracker(ballot.tracker) && !inServed.has(ballot.tracker))
        return fail(
          'ballot_unexpected',
          `ballot ${ballot.tracker} is served but not in the record`,
          ballot.tracker,
        );
      continue;
    }
    if (!inServed.has(ballot.tracker) && canonicalJson(ballot.choice) !== recordedChoice)
      return fail(
        'ballot_altered',
        `ballot ${ballot.tracker} is served as ${canonicalJson(ballot.choice)}, the record says ${recordedChoice}`,
        ballot.tracker,
      );
    inServed.add(ballot.tracker);
  }
  for (const tracker of inRecord.keys())
    if (!inServed.has(tracker))
      return fail('ballot_missing', `ballot ${tracker} is in the record but not served`, tracker);
  if (!served.ok) return served;
  if (evidence.recount && recorded.result !== undefined) {
    const recomputed = evidence.recount(orderBallots(recorded.ballots).map((b) => b.choice));
    if (canonicalJson(recomputed) !== canonicalJson(recorded.result))
      return fail('result_differs', 'the recorded result differs from the one the ballots give');
  }
  return served;
}
