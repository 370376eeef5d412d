import type { BallotChoice, BallotReveal, CountingRule, Tally, VoteOpenedPayload } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

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

export interface LockedVote {
  id: string;
  session_id: string;
  item_id: string;
  motion_id: string | null;
  kind: 'motion' | 'amendment' | 'procedural';
  question: string;
  rule: CountingRule;
  status: 'open' | 'closed';
  present_at_opening: number;
  seated_at_opening: number;
  entitled_hash: string;
  secret: boolean;
  ballot_key: Buffer | null;
  due: boolean;
  /** How long the vote has been open, by the database clock. */
  open_ms: number;
  rules_version: number | null;
}

/** The close's locks: the vote's advisory lock (after the ballots in flight), then its row. */
export async function lockVoteForClose(m: EntityManager, voteId: string): Promise<LockedVote | undefined> {
  await holdVoteForClose(m, voteId);
  const rows: LockedVote[] = await m.query(
    `SELECT id, session_id, item_id, motion_id, kind, question, rule, status, present_at_opening, seated_at_opening,
            entitled_hash, secret, ballot_key, (deadline IS NOT NULL AND deadline <= now()) AS due,
            (extract(epoch FROM now() - opened_at) * 1000)::float8 AS open_ms, rules_version
     FROM votes WHERE id = $1 FOR UPDATE`,
    [voteId],
  );
  return rows[0];
}

export async function hasOpenVote(m: EntityManager, sessionId: string): Promise<boolean> {
  const open: unknown[] = await m.query(`SELECT 1 FROM votes WHERE session_id = $1 AND status = 'open'`, [
    sessionId,
  ]);
  return open.length > 0;
}

/** What a vote is opened with: the fields its `vote.opened` record carries, and who and how long. */
export interface NewVoteRow extends Pick<
  VoteOpenedPayload,
  | 'sessionId'
  | 'itemId'
  | 'motionId'
  | 'kind'
  | 'question'
  | 'rule'
  | 'ruleVersion'
  | 'rulesVersion'
  | 'decision'
  | 'presentAtOpening'
  | 'seatedAtOpening'
> {
  id: string;
  entitledHash: string;
  openedBy: string;
  deadlineSeconds: number | null;
  /** The entitled delegates and the seat (titular id) each votes for. */
  entitled: { delegateId: string; seatTitularId: string }[];
  /** A secret question: its ballot key, sealed under SECRETS_KEY. */
  sealedBallotKey?: Buffer;
}

/** Inserts the vote, its frozen entitled list and its progress row; answers the deadline by the database clock. */
export async function insertVote(m: EntityManager, vote: NewVoteRow): Promise<{ deadline: Date | null }> {
  await m.query(
    `INSERT INTO votes (id, session_id, item_id, motion_id, kind, question, rule, rule_version, present_at_opening,
       seated_at_opening, entitled_hash, opened_by, deadline, rules_version, decision, secret, ballot_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() + make_interval(secs => $13), $14, $15,
       $16, $17)`,
    [
      vote.id,
      vote.sessionId,
      vote.itemId,
      vote.motionId,
      vote.kind,
      vote.question,
      vote.rule,
      vote.ruleVersion,
      vote.presentAtOpening,
      vote.seatedAtOpening,
      vote.entitledHash,
      vote.openedBy,
      vote.deadlineSeconds,
      vote.rulesVersion ?? null,
      vote.decision ?? null,
      vote.sealedBallotKey !== undefined,
      vote.sealedBallotKey ?? null,
    ],
  );
  await m.query(
    `INSERT INTO vote_entitlements (vote_id, delegate_id, seat_titular_id)
     SELECT $1, d, s FROM unnest($2::uuid[], $3::uuid[]) AS t(d, s)`,
    [vote.id, vote.entitled.map((e) => e.delegateId), vote.entitled.map((e) => e.seatTitularId)],
  );
  await m.query(`INSERT INTO vote_progress (vote_id) VALUES ($1)`, [vote.id]);
  const [row]: { deadline: Date | null }[] = await m.query(`SELECT deadline FROM votes WHERE id = $1`, [
    vote.id,
  ]);
  return row!;
}

/** What a close counts: the frozen entitled list, every ballot revision, and the standing ballots. */
export async function readVoteForCount(
  m: EntityManager,
  voteId: string,
): Promise<{
  entitled: string[];
  revisions: BallotReveal[];
  current: { delegate_id: string; revision: number; choice: BallotChoice }[];
}> {
  const entitled: { delegate_id: string }[] = await m.query(
    `SELECT delegate_id FROM vote_entitlements WHERE vote_id = $1 ORDER BY delegate_id`,
    [voteId],
  );
  const revisions: BallotReveal[] = await m.query(
    `SELECT delegate_id AS "delegateId", revision, choice, nonce FROM ballot_revisions
     WHERE vote_id = $1 ORDER BY delegate_id, revision`,
    [voteId],
  );
  const current: { delegate_id: string; revision: number; choice: BallotChoice }[] = await m.query(
    `SELECT delegate_id, revision, choice FROM ballots WHERE vote_id = $1`,
    [voteId],
  );
  return { entitled: entitled.map((e) => e.delegate_id), revisions, current };
}

export async function writeVoteClosed(
  m: EntityManager,
  voteId: string,
  closedBy: 'moderator' | 'deadline',
  result: Tally,
): Promise<void> {
  await m.query(
    `UPDATE votes SET status = 'closed', closed_at = now(), closed_by = $2, tally = $3, outcome = $4 WHERE id = $1`,
    [voteId, closedBy, JSON.stringify(result), result.outcome],
  );
}

/** Open votes with a deadline, for the deadline clock to (re)arm. */
export async function openVotesWithDeadline(
  m: DataSource | EntityManager,
): Promise<{ id: string; deadline: Date }[]> {
  return m.query(`SELECT id, deadline FROM votes WHERE status = 'open' AND deadline IS NOT NULL`);
}

/** Open votes whose ballot count differs from the one last announced. */
export function readUnannouncedProgress(
  m: EntityManager,
): Promise<{ vote_id: string; session_id: string; cast_count: number; entitled_count: number }[]> {
  return m.query(
    `SELECT p.vote_id, v.session_id, c.cast_count,
       (SELECT count(*)::int FROM vote_entitlements e WHERE e.vote_id = p.vote_id) AS entitled_count
     FROM vote_progress p
     JOIN votes v ON v.id = p.vote_id AND v.status = 'open'
     CROSS JOIN LATERAL (SELECT CASE WHEN v.secret
         THEN (SELECT count(*)::int FROM secret_question_participation s WHERE s.vote_id = p.vote_id)
         ELSE (SELECT count(*)::int FROM ballots b WHERE b.vote_id = p.vote_id) END AS cast_count) c
     WHERE c.cast_count <> p.published_count`,
  );
}

export async function isVoteOpen(m: EntityManager, voteId: string): Promise<boolean> {
  const [still]: { open: boolean }[] = await m.query(
    `SELECT status = 'open' AS open FROM votes WHERE id = $1`,
    [voteId],
  );
  return still?.open === true;
}

export async function writeAnnouncedProgress(
  m: EntityManager,
  voteId: string,
  castCount: number,
): Promise<void> {
  await m.query(`UPDATE vote_progress SET published_count = $2 WHERE vote_id = $1`, [voteId, castCount]);
}
