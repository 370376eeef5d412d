import type { BallotReveal } from './ballot-commitment.js';
import type { CountingRule, Tally } from './counting-rules.js';

/**
 * The payloads of the public-record events a vote leaves, exactly as stored and hashed. The verify
 * command reads them back from the public API; changing a shape means a new event type. Their types
 * and subjects are in the record's catalogue, libs/domain/src/ledger/record-events.ts.
 */
export interface VoteOpenedPayload {
  voteId: string;
  sessionId: string;
  itemId: string;
  motionId: string | null;
  kind: 'motion' | 'amendment' | 'procedural';
  question: string;
  rule: CountingRule;
  ruleVersion: number;
  /** The reglamento version the vote was opened under (absent from votes opened before the rules were data). */
  rulesVersion?: number;
  /** The kind of decision in the reglamento's terms (`motion`, `amendment`, `procedural` or an added kind). */
  decision?: string;
  presentAtOpening: number;
  seatedAtOpening: number;
  /** Sorted delegate ids entitled to vote. */
  entitled: string[];
  entitledListHash: string;
  deadline: string | null;
  /**
   * A secret question (its decision is marked secret in the reglamento version): ballots go to a sealed
   * box with a tracker each, the record lists who took part (`secret.participated`) and, at the close,
   * every (tracker, choice) (`secret.ballots_published`) — never a `ballot.cast`. Absent: roll-call.
   */
  secret?: true;
}

/** How a delegate voted when the Mesa records the ballot for them: by voice, show of hands or on paper. */
export const BALLOT_RECORDING_METHODS = ['voice', 'hands', 'paper'] as const;
export type BallotRecordingMethod = (typeof BALLOT_RECORDING_METHODS)[number];

export interface BallotCastPayload {
  voteId: string;
  delegateId: string;
  revision: number;
  commitment: string;
  /**
   * Present only when a moderator recorded the ballot for the delegate (who voted by voice, hands or
   * paper); the event's actor is then the moderator. Absent on a delegate's own ballot.
   */
  recordedBy?: { method: BallotRecordingMethod };
}

export interface VoteClosedPayload {
  voteId: string;
  closedBy: 'moderator' | 'deadline';
  tally: Tally;
  /** Every revision of every ballot, sorted by delegate then revision; the last of each counts (empty when secret). */
  revisions: BallotReveal[];
}

export interface ResolutionIssuedPayload {
  resolutionId: string;
  number: string;
  motionId: string;
  voteId: string;
  digest: string;
}
