import type { BallotChoice, Tally } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { ParticipantRow, SealedBoxRow } from './election-store.js';

type Source = DataSource | EntityManager;

/**
 * A secret question's box, participation and published ballots (docs/secret-ballots.md; migration
 * 1766200000000). Like an election round's, keyed by the vote: the box has no voter, time or serial.
 */

/** The vote's sealed ballot key while it is open (null when closed or roll-call). */
export async function readVoteBallotKey(m: EntityManager, voteId: string): Promise<Buffer | null> {
  const rows: { ballot_key: Buffer | null }[] = await m.query(`SELECT ballot_key FROM votes WHERE id = $1`, [
    voteId,
  ]);
  return rows[0]?.ballot_key ?? null;
}

/** Which of these votes are secret (a roll-call ballot for one is refused). */
export async function readSecretVoteIds(m: Source, voteIds: readonly string[]): Promise<Set<string>> {
  if (voteIds.length === 0) return new Set();
  const rows: { id: string }[] = await m.query(`SELECT id FROM votes WHERE id = ANY($1::uuid[]) AND secret`, [
    voteIds,
  ]);
  return new Set(rows.map((row) => row.id));
}

export interface SecretQuestionRow {
  id: string;
  session_id: string;
  secret: boolean;
  status: 'open' | 'closed';
  ballot_key: Buffer | null;
  due: boolean;
}

/** The vote, held shared against its close (the close takes the advisory lock exclusively, as for roll-call). */
export async function readVoteForSecretBallot(
  m: EntityManager,
  voteId: string,
): Promise<SecretQuestionRow | null> {
  const rows: SecretQuestionRow[] = await m.query(
    `SELECT id, session_id, secret, status, ballot_key, (deadline IS NOT NULL AND deadline <= now()) AS due
     FROM votes WHERE id = $1`,
    [voteId],
  );
  return rows[0] ?? null;
}

/** Whether the delegate is entitled, present and already took part; serialised per (vote, delegate). */
export async function readSecretQuestionVoterFacts(
  m: EntityManager,
  vote: Pick<SecretQuestionRow, 'id' | 'session_id'>,
  delegateId: string,
): Promise<{ entitled: boolean; present: boolean; participated: boolean }> {
  await m.query(`SELECT pg_advisory_xact_lock(7345081, hashtext($1 || '/' || $2))`, [vote.id, delegateId]);
  const [row]: { entitled: boolean; present: boolean; participated: boolean }[] = await m.query(
    `SELECT
       EXISTS (SELECT 1 FROM vote_entitlements WHERE vote_id = $1 AND delegate_id = $3) AS entitled,
       EXISTS (SELECT 1 FROM attendance WHERE session_id = $2 AND delegate_id = $3 AND present) AS present,
       EXISTS (SELECT 1 FROM secret_question_participation WHERE vote_id = $1 AND delegate_id = $3) AS participated`,
    [vote.id, vote.session_id, delegateId],
  );
  return row!;
}

export async function readQuestionBoxRow(
  m: EntityManager,
  voteId: string,
  lookup: Buffer,
): Promise<SealedBoxRow | null> {
  const rows: { sealed: Buffer; owner_tag: Buffer | null }[] = await m.query(
    `SELECT sealed, owner_tag FROM secret_question_box WHERE vote_id = $1 AND tracker_lookup = $2`,
    [voteId, lookup],
  );
  return rows[0] ? { sealed: rows[0].sealed, ownerTag: rows[0].owner_tag } : null;
}

/** A first ballot: the participation row and the sealed ballot, in the caller's transaction. */
export async function insertSecretQuestionBallot(
  m: EntityManager,
  voteId: string,
  delegateId: string,
  row: { lookup: Buffer; ownerTag: Buffer; sealed: Buffer },
): Promise<void> {
  await m.query(`INSERT INTO secret_question_participation (vote_id, delegate_id) VALUES ($1, $2)`, [
    voteId,
    delegateId,
  ]);
  await m.query(
    `INSERT INTO secret_question_box (vote_id, tracker_lookup, owner_tag, sealed) VALUES ($1, $2, $3, $4)`,
    [voteId, row.lookup, row.ownerTag, row.sealed],
  );
}

export async function replaceSecretQuestionBallot(
  m: EntityManager,
  voteId: string,
  lookup: Buffer,
  sealed: Buffer,
): Promise<void> {
  await m.query(`UPDATE secret_question_box SET sealed = $3 WHERE vote_id = $1 AND tracker_lookup = $2`, [
    voteId,
    lookup,
    sealed,
  ]);
}

/** Every sealed ballot of the vote (order meaningless: they are ordered by tracker once opened). */
export async function readQuestionBox(m: EntityManager, voteId: string): Promise<Buffer[]> {
  const rows: { sealed: Buffer }[] = await m.query(
    `SELECT sealed FROM secret_question_box WHERE vote_id = $1`,
    [voteId],
  );
  return rows.map((row) => row.sealed);
}

export async function readQuestionParticipantIds(source: Source, voteId: string): Promise<string[]> {
  const rows: { delegate_id: string }[] = await source.query(
    `SELECT delegate_id FROM secret_question_participation WHERE vote_id = $1 ORDER BY delegate_id`,
    [voteId],
  );
  return rows.map((row) => row.delegate_id);
}

/**
 * The close's writes beside the vote's own (writeVoteClosed): the published ballots in tracker order,
 * the box emptied and the ballot key dropped.
 */
export async function publishSecretQuestionBallots(
  m: EntityManager,
  voteId: string,
  ballots: readonly { tracker: string; choice: BallotChoice }[],
  closedBy: 'moderator' | 'deadline',
  result: Tally,
): Promise<void> {
  if (ballots.length > 0)
    await m.query(
      `INSERT INTO secret_question_ballots (vote_id, tracker, choice)
       SELECT $1, b.tracker, b.choice FROM jsonb_to_recordset($2::jsonb) AS b (tracker text, choice text)`,
      [voteId, JSON.stringify(ballots)],
    );
  await m.query(`DELETE FROM secret_question_box WHERE vote_id = $1`, [voteId]);
  await m.query(
    `UPDATE votes SET status = 'closed', closed_at = now(), closed_by = $2, tally = $3, outcome = $4, ballot_key = NULL
     WHERE id = $1`,
    [voteId, closedBy, JSON.stringify(result), result.outcome],
  );
}

/** The entitled of a secret question and whether each took part (never how), by province then name. */
export function readQuestionParticipation(source: Source, voteId: string): Promise<ParticipantRow[]> {
  return source.query(
    `SELECT e.delegate_id, d.full_name, c.code, c.name, (p.delegate_id IS NOT NULL) AS has_voted
     FROM vote_entitlements e
     JOIN delegates d ON d.id = e.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN secret_question_participation p ON p.vote_id = e.vote_id AND p.delegate_id = e.delegate_id
     WHERE e.vote_id = $1 ORDER BY c.code, d.full_name, d.id`,
    [voteId],
  );
}

/** The published ballots of a closed secret question, in tracker order. */
export function readQuestionBallots(
  source: Source,
  voteId: string,
): Promise<{ tracker: string; choice: BallotChoice }[]> {
  return source.query(
    `SELECT tracker, choice FROM secret_question_ballots WHERE vote_id = $1 ORDER BY tracker COLLATE "C"`,
    [voteId],
  );
}

export async function readQuestionBallot(
  source: Source,
  voteId: string,
  tracker: string,
): Promise<{ choice: BallotChoice } | null> {
  const rows: { choice: BallotChoice }[] = await source.query(
    `SELECT choice FROM secret_question_ballots WHERE vote_id = $1 AND tracker = $2`,
    [voteId, tracker],
  );
  return rows[0] ?? null;
}

/** The `secretBallotsHash` of the vote's close in the record (null while open or roll-call). */
export async function readQuestionBallotsHash(source: Source, voteId: string): Promise<string | null> {
  const rows: { hash: string }[] = await source.query(
    `SELECT payload->>'secretBallotsHash' AS hash FROM ledger_events
     WHERE subject = 'vote:' || $1::uuid::text AND type = 'secret.ballots_published' ORDER BY sequence LIMIT 1`,
    [voteId],
  );
  return rows[0]?.hash ?? null;
}
