import { canonicalJson } from '../ledger/canonical-json.js';
import { sha256Hex } from '../ledger/hash-chain.js';
import type { BallotChoice } from './counting-rules.js';

/** One revision of a delegate's ballot, as revealed in the public record when the vote closes. */
export interface BallotReveal {
  delegateId: string;
  revision: number;
  choice: BallotChoice;
  /** 128 random bits, hex: without it the three possible choices could be guessed from the commitment. */
  nonce: string;
}

/**
 * What the public record holds while the vote is open: SHA-256 of the canonical JSON of
 * { choice, delegateId, nonce, revision, voteId }. It binds the choice without showing it.
 */
export function ballotCommitment(voteId: string, reveal: BallotReveal): string {
  return sha256Hex(
    canonicalJson({
      choice: reveal.choice,
      delegateId: reveal.delegateId,
      nonce: reveal.nonce,
      revision: reveal.revision,
      voteId,
    }),
  );
}

/** The ballot that counts for each delegate: their highest revision. */
export function countedBallots(reveals: readonly BallotReveal[]): Map<string, BallotReveal> {
  const last = new Map<string, BallotReveal>();
  for (const reveal of reveals) {
    const seen = last.get(reveal.delegateId);
    if (!seen || reveal.revision > seen.revision) last.set(reveal.delegateId, reveal);
  }
  return last;
}
