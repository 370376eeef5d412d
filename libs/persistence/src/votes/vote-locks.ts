import type { EntityManager } from 'typeorm';

// Advisory locks are granted in arrival order: once a close is waiting, later ballots queue behind it
// instead of starving it (row-level share locks would let a stream of ballots overtake the close).
// The key is the vote id in PostgreSQL's canonical text (lower case), whatever case a URL carried;
// ballots take the same lock inside ballot_batch_facts().
const VOTE_LOCK_CLASS = 7_345_040;

/** Shared, until commit, by what must not overlap a close (ballots take it in ballot_batch_facts()). */
export async function holdVoteForBallot(m: EntityManager, voteId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2::uuid::text))', [
    VOTE_LOCK_CLASS,
    voteId,
  ]);
}

/** Taken by the close: waits for the ballots in flight, and every later ballot waits for the close. */
export async function holdVoteForClose(m: EntityManager, voteId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2::uuid::text))', [VOTE_LOCK_CLASS, voteId]);
}
