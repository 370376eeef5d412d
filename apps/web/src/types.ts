import type { BallotView, VoteView } from '#contracts';

export type BallotChoice = BallotView['choice'];
export type CountingRule = VoteView['rule'];
