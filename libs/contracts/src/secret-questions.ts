/**
 * Secret questions: a vote on a motion, amendment or procedural question whose decision the reglamento
 * marks secret (`DecisionRule.secret`). Same box, trackers and publication as an election round
 * (docs/secret-ballots.md), with the choices yes / no / abstain, counted under the vote's counting rule.
 */
export type SecretQuestionChoice = 'yes' | 'no' | 'abstain';

/** `POST /api/votes/:id/secret-ballots` (delegate), body `{ tracker, choice }`. */
export interface SecretQuestionReceipt {
  voteId: string;
  tracker: string;
  /** `cast`: first ballot; `replaced`: a change of mind (same tracker); `repeat`: a retry, nothing changed. */
  status: 'cast' | 'replaced' | 'repeat';
}

/**
 * `GET /api/votes/:id/secret-participation` (public; 409 VOTE_NOT_SECRET for a roll-call vote, whose
 * `…/participation` stays the Mesa's): who of the entitled took part, never how.
 */
export interface SecretQuestionParticipationView {
  voteId: string;
  status: 'open' | 'closed';
  entitledCount: number;
  participationCount: number;
  entitled: {
    delegateId: string;
    fullName: string;
    constituency: { code: string; name: string };
    hasVoted: boolean;
  }[];
}

/** `GET /api/votes/:id/secret-ballots` (public, once closed; 409 VOTE_NOT_CLOSED before): in tracker order. */
export interface SecretQuestionBallotsView {
  voteId: string;
  ballots: { tracker: string; choice: SecretQuestionChoice }[];
  secretBallotsHash: string;
}

/** `POST /api/votes/:id/find-ballot` (public), body `{ tracker }`: the voter's own check. */
export type FoundQuestionBallotView =
  | { found: true; voteId: string; tracker: string; choice: SecretQuestionChoice }
  | { found: false; reason: 'malformed' | 'absent' | 'open' };
