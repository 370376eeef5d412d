import { sha256Hex } from '../ledger/hash-chain.js';
import { canonicalJson } from '../ledger/canonical-json.js';
import { computeQuorum, type QuorumRule, type Seat } from '../sessions/quorum.js';

export interface EntitledList {
  /** Delegate ids entitled to vote, sorted: the occupant of each present seat. */
  delegateIds: string[];
  presentAtOpening: number;
  seatedAtOpening: number;
  /** SHA-256 of the canonical JSON of { voteId, delegateIds }: published when the vote opens. */
  hash: string;
}

/**
 * Freezes who may vote when a vote opens: one ballot per present seat, cast by the titular or, when
 * the titular is absent, by their checked-in alternate (never both).
 */
export function freezeEntitledList(
  voteId: string,
  seats: readonly Seat[],
  checkedIn: ReadonlySet<string>,
  rule?: QuorumRule,
): EntitledList {
  const quorum = computeQuorum(seats, checkedIn, rule);
  const delegateIds = [...quorum.presentDelegateIds].sort();
  return {
    delegateIds,
    presentAtOpening: quorum.present,
    seatedAtOpening: quorum.seated,
    hash: entitledListHash(voteId, delegateIds),
  };
}

export function entitledListHash(voteId: string, delegateIds: readonly string[]): string {
  return sha256Hex(canonicalJson({ delegateIds: [...delegateIds].sort(), voteId }));
}
