import type { EntityManager } from 'typeorm';

// Advisory locks are granted in arrival order: once a close is waiting, later ballots queue behind it
// instead of starving it (row-level share locks would let a stream of ballots overtake the close).
const VOTE_LOCK_CLASS = 7_345_040;

/** Taken by every ballot until its commit; many ballots hold it at once. */
export async function holdVoteForBallot(m: EntityManager, voteId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [VOTE_LOCK_CLASS, voteId]);
}

/** Taken by the close: waits for the ballots in flight, and every later ballot waits for the close. */
export async function holdVoteForClose(m: EntityManager, voteId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [VOTE_LOCK_CLASS, voteId]);
}

/** The ballot lock of several votes at once, in a fixed order. */
export async function holdVotesForBallots(m: EntityManager, voteIds: readonly string[]): Promise<void> {
  await m.query(
    'SELECT pg_advisory_xact_lock_shared($1, hashtext(v)) FROM unnest($2::text[]) WITH ORDINALITY AS u (v, n) ORDER BY n',
    [VOTE_LOCK_CLASS, [...voteIds].sort()],
  );
}
