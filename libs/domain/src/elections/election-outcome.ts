import { sha256Hex } from '#crypto/digest';
import { canonicalJson } from '../ledger/canonical-json.js';
import {
  checkElectionBallot,
  checkElectionSpec,
  type ElectionBallotSpec,
  type ElectionChoice,
  type ElectionMethod,
} from './election-method.js';

/** Bumped whenever the arithmetic below changes; every outcome records the version it used. */
export const ELECTION_RULES_VERSION = 1;

export class ElectionCountError extends Error {}

export interface BallotCounts {
  /** Every ballot in the box: one per participant. */
  cast: number;
  /** Ballots naming or marking candidates: the base of the absolute majority. */
  valid: number;
  blank: number;
  null: number;
}

export interface CandidateCount {
  candidate: string;
  /** Ballots choosing (single choice), approving, or marking yes for the candidate. */
  support: number;
  /** Only under `yes_no_abstain_per_candidate`. */
  marks?: { yes: number; no: number; abstain: number };
}

export interface RoundCount {
  method: ElectionMethod;
  ballots: BallotCounts;
  /** Most support first; equal support by candidate id, for a stable display only (ties are decided below). */
  candidates: CandidateCount[];
}

export type SeatDecidedBy = 'absolute_majority' | 'runoff_most_votes' | 'tie_first_round_support' | 'tie_lot';

export interface ElectedSeat {
  candidate: string;
  support: number;
  by: SeatDecidedBy;
}

/** A tie the rules had to settle, and how. */
export interface TieDecision {
  /** `seat`: equal support for the last seats; `runoff_place`: for the last places in the run-off. */
  at: 'seat' | 'runoff_place';
  among: string[];
  /** Seats or run-off places the tied candidates compete for. */
  places: number;
  decidedBy: 'runoff' | 'runoff_widened' | 'first_round_support' | 'lot';
  winners: string[];
  /** When lots were drawn: the seed and each tied candidate's key; the smallest key wins. */
  lot?: { seed: string; keys: Record<string, string> };
}

interface RoundOutcomeBase {
  ruleVersion: number;
  method: ElectionMethod;
  seats: number;
  ballots: BallotCounts;
  candidates: CandidateCount[];
  elected: ElectedSeat[];
  /** Seats no one fills in this election (too few candidates left, or none with a vote in the run-off). */
  vacant: number;
  ties: TieDecision[];
}

export interface FirstRoundOutcome extends RoundOutcomeBase {
  round: 'first';
  threshold: { kind: 'absolute_majority_of_valid'; base: number; required: number };
  runoff: { candidates: string[]; seats: number } | null;
}

export interface RunoffOutcome extends RoundOutcomeBase {
  round: 'runoff';
  threshold: { kind: 'most_votes'; required: 1 };
}

/** Counts a round's (already published) ballots; a ballot the method refuses means the box was altered. */
export function countElectionRound(spec: ElectionBallotSpec, choices: readonly ElectionChoice[]): RoundCount {
  const specProblem = checkElectionSpec(spec);
  if (specProblem) throw new ElectionCountError(`election set-up invalid: ${specProblem.params.reason.en}`);
  const ballots: BallotCounts = { cast: 0, valid: 0, blank: 0, null: 0 };
  const perCandidate = new Map<string, CandidateCount>(
    spec.candidates.map((candidate) => [
      candidate,
      spec.method === 'yes_no_abstain_per_candidate'
        ? { candidate, support: 0, marks: { yes: 0, no: 0, abstain: 0 } }
        : { candidate, support: 0 },
    ]),
  );
  for (const raw of choices) {
    const check = checkElectionBallot(spec, raw);
    if (!check.ok) throw new ElectionCountError(`ballot refused by the method (${check.code})`);
    const choice = check.choice;
    ballots.cast += 1;
    if (choice.kind === 'blank' || choice.kind === 'null') {
      ballots[choice.kind] += 1;
      continue;
    }
    ballots.valid += 1;
    if (choice.kind === 'candidates') {
      for (const candidate of choice.candidates) perCandidate.get(candidate)!.support += 1;
    } else {
      for (const [candidate, mark] of Object.entries(choice.marks)) {
        const count = perCandidate.get(candidate)!;
        count.marks![mark] += 1;
        if (mark === 'yes') count.support += 1;
      }
    }
  }
  return { method: spec.method, ballots, candidates: rank([...perCandidate.values()]) };
}

function rank(counts: CandidateCount[]): CandidateCount[] {
  return counts.sort((a, b) => b.support - a.support || (a.candidate < b.candidate ? -1 : 1));
}

/** Smallest whole number strictly greater than n/2. */
const moreThanHalf = (n: number) => Math.floor(n / 2) + 1;

/**
 * The first round: a candidate is elected with more than half of the valid ballots (blank and null
 * ballots are counted and shown, never part of the base). More candidates over the majority than seats:
 * the most supported take them, and a tie for the last ones goes to a run-off between the tied. Seats
 * left: a run-off between the two most voted per seat left (all tied for the last place join it); with
 * no more candidates left than seats, those seats stay vacant for a new call for candidacies.
 */
export function decideFirstRound(spec: ElectionBallotSpec, count: RoundCount): FirstRoundOutcome {
  const required = moreThanHalf(count.ballots.valid);
  const ranked = count.candidates;
  const overMajority = ranked.filter((c) => c.support >= required);
  const ties: TieDecision[] = [];
  let elected: CandidateCount[];
  let runoff: FirstRoundOutcome['runoff'] = null;
  let vacant = 0;
  if (overMajority.length > spec.seats) {
    const boundary = overMajority[spec.seats - 1]!.support;
    elected = overMajority.filter((c) => c.support > boundary);
    const tied = overMajority.filter((c) => c.support === boundary).map((c) => c.candidate);
    const places = spec.seats - elected.length;
    if (tied.length === places) {
      // No tie for the last seat: the next most supported over the majority take the seats left.
      elected = overMajority.slice(0, spec.seats);
    } else {
      runoff = { candidates: tied, seats: places };
      ties.push({ at: 'seat', among: tied, places, decidedBy: 'runoff', winners: [] });
    }
  } else {
    elected = overMajority;
    const left = spec.seats - elected.length;
    const pool = ranked.filter((c) => c.support < required);
    if (left > 0 && pool.length <= left) vacant = left;
    else if (left > 0) {
      const places = Math.min(2 * left, pool.length);
      const cut = pool[places - 1]!.support;
      const into = pool.filter((c) => c.support >= cut).map((c) => c.candidate);
      runoff = { candidates: into, seats: left };
      if (into.length > places) {
        const tied = pool.filter((c) => c.support === cut).map((c) => c.candidate);
        const placesForTied = places - pool.filter((c) => c.support > cut).length;
        ties.push({
          at: 'runoff_place',
          among: tied,
          places: placesForTied,
          decidedBy: 'runoff_widened',
          winners: tied,
        });
      }
    }
  }
  return {
    round: 'first',
    ruleVersion: ELECTION_RULES_VERSION,
    method: spec.method,
    seats: spec.seats,
    ballots: count.ballots,
    threshold: { kind: 'absolute_majority_of_valid', base: count.ballots.valid, required },
    candidates: ranked,
    elected: elected.map((c) => ({ candidate: c.candidate, support: c.support, by: 'absolute_majority' })),
    runoff,
    vacant,
    ties,
  };
}

/** The run-off's ballot: the same method over the run-off's candidates, for the seats left. */
export function runoffSpec(spec: ElectionBallotSpec, first: FirstRoundOutcome): ElectionBallotSpec {
  if (!first.runoff) throw new ElectionCountError('the first round calls no run-off');
  const runoff: ElectionBallotSpec = {
    method: spec.method,
    seats: first.runoff.seats,
    candidates: first.runoff.candidates,
  };
  if (spec.method === 'approval_up_to_n') runoff.maxChoices = first.runoff.seats;
  return runoff;
}

/**
 * A candidate's key in a drawing of lots: SHA-256 of the canonical JSON of
 * { candidate, purpose: 'election-lot', seed }. Anyone holding the seed recomputes it.
 */
export function lotKey(seed: string, candidate: string): string {
  return sha256Hex(canonicalJson({ candidate, purpose: 'election-lot', seed }));
}

const SEED = /^[0-9a-f]{64}$/;

/**
 * The run-off: the most supported win, with at least one vote. A tie for the last seats goes first to
 * the first round's support, then to lots drawn with `seed` — the hash of the public-record event that
 * opened the election, fixed before any ballot was cast, so anyone can redraw them.
 */
export function decideRunoff(
  spec: ElectionBallotSpec,
  count: RoundCount,
  first: FirstRoundOutcome,
  seed: string,
): RunoffOutcome {
  if (!SEED.test(seed)) throw new ElectionCountError('the lot seed is a SHA-256 hash in lower-case hex');
  const seats = spec.seats;
  const withVotes = count.candidates.filter((c) => c.support >= 1);
  const ties: TieDecision[] = [];
  let elected: ElectedSeat[];
  if (withVotes.length <= seats) {
    elected = withVotes.map((c) => ({ candidate: c.candidate, support: c.support, by: 'runoff_most_votes' }));
  } else {
    const boundary = withVotes[seats - 1]!.support;
    elected = withVotes
      .filter((c) => c.support > boundary)
      .map((c) => ({ candidate: c.candidate, support: c.support, by: 'runoff_most_votes' }));
    const tied = withVotes.filter((c) => c.support === boundary);
    const places = seats - elected.length;
    if (tied.length === places) {
      for (const c of tied)
        elected.push({ candidate: c.candidate, support: c.support, by: 'runoff_most_votes' });
      return runoffOutcome(spec, count, elected, ties);
    }
    const firstSupport = new Map(first.candidates.map((c) => [c.candidate, c.support]));
    const keys = Object.fromEntries(tied.map((c) => [c.candidate, lotKey(seed, c.candidate)]));
    const order = [...tied].sort(
      (a, b) =>
        firstSupport.get(b.candidate)! - firstSupport.get(a.candidate)! ||
        (keys[a.candidate]! < keys[b.candidate]! ? -1 : 1),
    );
    const winners = order.slice(0, places);
    const firstLoser = order[places]!;
    const lotUsed =
      firstSupport.get(winners[places - 1]!.candidate) === firstSupport.get(firstLoser.candidate);
    for (const winner of winners) {
      const byFirstRound = firstSupport.get(winner.candidate)! > firstSupport.get(firstLoser.candidate)!;
      elected.push({
        candidate: winner.candidate,
        support: winner.support,
        by: byFirstRound ? 'tie_first_round_support' : 'tie_lot',
      });
    }
    const tie: TieDecision = {
      at: 'seat',
      among: tied.map((c) => c.candidate),
      places,
      decidedBy: lotUsed ? 'lot' : 'first_round_support',
      winners: winners.map((c) => c.candidate),
    };
    if (lotUsed) tie.lot = { seed, keys };
    ties.push(tie);
  }
  return runoffOutcome(spec, count, elected, ties);
}

function runoffOutcome(
  spec: ElectionBallotSpec,
  count: RoundCount,
  elected: ElectedSeat[],
  ties: TieDecision[],
): RunoffOutcome {
  const seats = spec.seats;
  return {
    round: 'runoff',
    ruleVersion: ELECTION_RULES_VERSION,
    method: spec.method,
    seats,
    ballots: count.ballots,
    threshold: { kind: 'most_votes', required: 1 },
    candidates: count.candidates,
    elected,
    vacant: seats - elected.length,
    ties,
  };
}

export interface ElectionOutcome {
  ruleVersion: number;
  first: FirstRoundOutcome;
  runoff: RunoffOutcome | null;
  /** Everyone elected, first round then run-off. */
  elected: ElectedSeat[];
  vacant: number;
  /** Still waiting for the run-off's ballots. */
  pending: boolean;
}

/**
 * The whole election from its published ballots: what the board, the minutes and the verifier show.
 * Without `runoff` ballots, an election that calls a run-off is `pending`.
 */
export function decideElection(input: {
  spec: ElectionBallotSpec;
  firstRound: readonly ElectionChoice[];
  runoff?: readonly ElectionChoice[];
  seed: string;
}): ElectionOutcome {
  const first = decideFirstRound(input.spec, countElectionRound(input.spec, input.firstRound));
  if (!first.runoff && input.runoff)
    throw new ElectionCountError('run-off ballots for an election that calls none');
  // Decided in the first round, or waiting for the run-off it calls.
  if (!first.runoff || !input.runoff)
    return {
      ruleVersion: ELECTION_RULES_VERSION,
      first,
      runoff: null,
      elected: first.elected,
      vacant: first.vacant,
      pending: first.runoff !== null,
    };
  const spec = runoffSpec(input.spec, first);
  const runoff = decideRunoff(spec, countElectionRound(spec, input.runoff), first, input.seed);
  return {
    ruleVersion: ELECTION_RULES_VERSION,
    first,
    runoff,
    elected: [...first.elected, ...runoff.elected],
    vacant: first.vacant + runoff.vacant,
    pending: false,
  };
}
