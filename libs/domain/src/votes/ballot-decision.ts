import type { ErrorCode } from '../errors/error-catalogue.js';
import type { BallotChoice } from './counting-rules.js';

/** What the record says about one ballot request, read under the ballot's locks. */
export interface BallotFacts {
  delegateActive: boolean;
  vote: { open: boolean; pastDeadline: boolean } | null;
  entitled: boolean;
  present: boolean;
  /** The revision an earlier request with the same idempotency key recorded, if any. */
  earlierForKey: { revision: number; choice: BallotChoice } | null;
  /** The delegate's standing ballot, if any. */
  current: { revision: number; choice: BallotChoice } | null;
}

export interface BallotRequest {
  choice: BallotChoice;
  idempotencyKey?: string;
}

export type BallotDecision =
  | { kind: 'refuse'; code: ErrorCode }
  /** Answer with a revision already recorded; `rememberKey` stores the request's key against it. */
  | { kind: 'repeat'; of: 'earlierForKey' | 'current'; revision: number; rememberKey: boolean }
  | { kind: 'record'; revision: number };

/**
 * The ballot rules in the order the public contract promises: who may vote, then an idempotent repeat
 * (answered even after the close), then whether the vote still takes ballots, then presence. Casting
 * the choice that already stands changes nothing and is answered with the standing ballot.
 */
export function decideBallot(facts: BallotFacts, request: BallotRequest): BallotDecision {
  if (!facts.delegateActive) return { kind: 'refuse', code: 'DELEGATE_NOT_ACTIVE' };
  if (!facts.vote) return { kind: 'refuse', code: 'VOTE_NOT_FOUND' };
  if (!facts.entitled) return { kind: 'refuse', code: 'NOT_ENTITLED_TO_VOTE' };
  if (request.idempotencyKey && facts.earlierForKey) {
    if (facts.earlierForKey.choice !== request.choice)
      return { kind: 'refuse', code: 'IDEMPOTENCY_KEY_REUSED' };
    return {
      kind: 'repeat',
      of: 'earlierForKey',
      revision: facts.earlierForKey.revision,
      rememberKey: false,
    };
  }
  // Past the deadline the vote is over even before the closer has run.
  if (!facts.vote.open || facts.vote.pastDeadline) return { kind: 'refuse', code: 'VOTE_CLOSED' };
  if (!facts.present) return { kind: 'refuse', code: 'VOTER_NOT_PRESENT' };
  if (facts.current && facts.current.choice === request.choice) {
    return {
      kind: 'repeat',
      of: 'current',
      revision: facts.current.revision,
      rememberKey: !!request.idempotencyKey,
    };
  }
  return { kind: 'record', revision: (facts.current?.revision ?? 0) + 1 };
}
