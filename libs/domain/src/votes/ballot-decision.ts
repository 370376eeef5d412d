import type { ErrorCode } from '../errors/error-catalogue.js';
import type { BallotChoice } from './counting-rules.js';
import type { BallotRecordingMethod } from './vote-record.js';

/** What the record says about one ballot request, read under the ballot's locks. */
export interface BallotFacts {
  delegateActive: boolean;
  vote: { open: boolean; pastDeadline: boolean } | null;
  entitled: boolean;
  present: boolean;
  /** The revision an earlier request with the same idempotency key recorded, if any. */
  earlierForKey: { revision: number; choice: BallotChoice } | null;
  /** The delegate's standing ballot, if any; `recordedBy` is the method when the Mesa recorded it. */
  current: { revision: number; choice: BallotChoice; recordedBy?: BallotRecordingMethod | null } | null;
}

export interface BallotRequest {
  choice: BallotChoice;
  idempotencyKey?: string;
  /** Set when a moderator records the ballot for a delegate who voted by voice, hands or paper. */
  recordedBy?: { method: BallotRecordingMethod };
}

export type BallotDecision =
  | { kind: 'refuse'; code: ErrorCode }
  /** Answer with a revision already recorded; `rememberKey` stores the request's key against it. */
  | { kind: 'repeat'; of: 'earlierForKey' | 'current'; revision: number; rememberKey: boolean }
  | { kind: 'record'; revision: number };

/**
 * The ballot rules in the order the public contract promises: who may vote, then an idempotent repeat
 * (answered even after the close), then whether the vote still takes ballots, then presence. Casting
 * the choice that already stands changes nothing and is answered with the standing ballot — unless it
 * stands otherwise recorded: the delegate's own ballot replaces one the Mesa recorded for them (and the
 * Mesa's, by another method, one the Mesa recorded before), as the next revision. The Mesa never
 * replaces a ballot the delegate cast themselves (BALLOT_CAST_BY_DELEGATE): only they may change it.
 * Refusals of a ballot the Mesa records name the delegate (DELEGATE_NOT_ENTITLED, DELEGATE_NOT_PRESENT),
 * not the caller.
 */
export function decideBallot(facts: BallotFacts, request: BallotRequest): BallotDecision {
  const byMesa = request.recordedBy !== undefined;
  // A delegate who is not sitting is not on any entitled list either: for the Mesa, one answer.
  if (!facts.delegateActive)
    return { kind: 'refuse', code: byMesa ? 'DELEGATE_NOT_ENTITLED' : 'DELEGATE_NOT_ACTIVE' };
  if (!facts.vote) return { kind: 'refuse', code: 'VOTE_NOT_FOUND' };
  if (!facts.entitled)
    return { kind: 'refuse', code: byMesa ? 'DELEGATE_NOT_ENTITLED' : 'NOT_ENTITLED_TO_VOTE' };
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
  if (!facts.present) return { kind: 'refuse', code: byMesa ? 'DELEGATE_NOT_PRESENT' : 'VOTER_NOT_PRESENT' };
  if (byMesa && facts.current && (facts.current.recordedBy ?? null) === null)
    return { kind: 'refuse', code: 'BALLOT_CAST_BY_DELEGATE' };
  if (
    facts.current &&
    facts.current.choice === request.choice &&
    (facts.current.recordedBy ?? null) === (request.recordedBy?.method ?? null)
  ) {
    return {
      kind: 'repeat',
      of: 'current',
      revision: facts.current.revision,
      rememberKey: !!request.idempotencyKey,
    };
  }
  return { kind: 'record', revision: (facts.current?.revision ?? 0) + 1 };
}
