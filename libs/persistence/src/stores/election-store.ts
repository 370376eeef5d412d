import type { ElectionChoice, ElectionMethod, FirstRoundOutcome, RunoffOutcome } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export type ElectionStatus = 'nominating' | 'voting' | 'runoff_pending' | 'decided';
export type CandidacyStatus = 'proposed' | 'accepted' | 'withdrawn';

export interface ElectionRow {
  id: string;
  position_id: string;
  term_id: string;
  title: string;
  method: ElectionMethod;
  seats: number;
  max_choices: number | null;
  status: ElectionStatus;
  called_by: string;
  created_at: Date;
  outcome: unknown;
  decided_at: Date | null;
}

export interface CandidacyRow {
  id: string;
  election_id: string;
  delegate_id: string;
  nominated_by: string;
  status: CandidacyStatus;
  full_name: string;
  user_id: string | null;
}

export interface RoundRow {
  id: string;
  election_id: string;
  round: 'first' | 'runoff';
  session_id: string;
  method: ElectionMethod;
  seats: number;
  max_choices: number | null;
  candidates: string[];
  status: 'open' | 'closed';
  entitled_hash: string;
  present_at_opening: number;
  seated_at_opening: number;
  lot_seed: string;
  ballot_key: Buffer | null;
  opened_at: Date;
  deadline: Date | null;
  closed_at: Date | null;
  closed_by: 'moderator' | 'deadline' | null;
  outcome: FirstRoundOutcome | RunoffOutcome | null;
  /** Read only where asked: the deadline has passed by the database's clock. */
  due?: boolean;
  open_ms?: number;
}

const ELECTION_COLUMNS = `id, position_id, term_id, title, method, seats, max_choices, status, called_by,
  created_at, outcome, decided_at`;

export async function insertElection(
  m: EntityManager,
  row: Pick<
    ElectionRow,
    'id' | 'position_id' | 'term_id' | 'title' | 'method' | 'seats' | 'max_choices' | 'called_by'
  >,
): Promise<void> {
  await m.query(
    `INSERT INTO elections (id, position_id, term_id, title, method, seats, max_choices, called_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.position_id, row.term_id, row.title, row.method, row.seats, row.max_choices, row.called_by],
  );
}

export async function readElection(source: Source, id: string): Promise<ElectionRow | null> {
  const rows: ElectionRow[] = await source.query(`SELECT ${ELECTION_COLUMNS} FROM elections WHERE id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** The election, locked (FOR UPDATE) until commit: candidacies, openings and closes take it in turn. */
export async function lockElection(m: EntityManager, id: string): Promise<ElectionRow | null> {
  const rows: ElectionRow[] = await m.query(
    `SELECT ${ELECTION_COLUMNS} FROM elections WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

/** Every election, or only those with a round held in one session (the board's and projector's read). */
export function readElections(source: Source, sessionId?: string): Promise<ElectionRow[]> {
  return sessionId === undefined
    ? source.query(`SELECT ${ELECTION_COLUMNS} FROM elections ORDER BY created_at DESC, id`)
    : source.query(
        `SELECT ${ELECTION_COLUMNS} FROM elections
         WHERE id IN (SELECT election_id FROM election_rounds WHERE session_id = $1)
         ORDER BY created_at DESC, id`,
        [sessionId],
      );
}

export async function writeElectionStatus(
  m: EntityManager,
  id: string,
  status: ElectionStatus,
): Promise<void> {
  await m.query(`UPDATE elections SET status = $2 WHERE id = $1`, [id, status]);
}

export async function writeElectionDecided(m: EntityManager, id: string, outcome: unknown): Promise<void> {
  await m.query(`UPDATE elections SET status = 'decided', outcome = $2, decided_at = now() WHERE id = $1`, [
    id,
    JSON.stringify(outcome),
  ]);
}

const CANDIDACY_SELECT = `
  SELECT c.id, c.election_id, c.delegate_id, c.nominated_by, c.status, d.full_name, d.user_id
  FROM candidacies c JOIN delegates d ON d.id = c.delegate_id`;

export function readCandidacies(source: Source, electionId: string): Promise<CandidacyRow[]> {
  return source.query(`${CANDIDACY_SELECT} WHERE c.election_id = $1 ORDER BY c.created_at, c.id`, [
    electionId,
  ]);
}

export async function readCandidacy(
  source: Source,
  electionId: string,
  id: string,
): Promise<CandidacyRow | null> {
  const rows: CandidacyRow[] = await source.query(
    `${CANDIDACY_SELECT} WHERE c.election_id = $1 AND c.id = $2`,
    [electionId, id],
  );
  return rows[0] ?? null;
}

export async function insertCandidacy(
  m: EntityManager,
  row: Pick<CandidacyRow, 'id' | 'election_id' | 'delegate_id' | 'nominated_by' | 'status'>,
): Promise<void> {
  await m.query(
    `INSERT INTO candidacies (id, election_id, delegate_id, nominated_by, status) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, row.election_id, row.delegate_id, row.nominated_by, row.status],
  );
}

export async function writeCandidacyStatus(
  m: EntityManager,
  id: string,
  status: CandidacyStatus,
): Promise<void> {
  await m.query(`UPDATE candidacies SET status = $2 WHERE id = $1`, [id, status]);
}

/** An active delegate with an account (who may stand), by delegate id. */
export async function readCandidateDelegate(
  source: Source,
  delegateId: string,
  today: string,
): Promise<{ id: string; user_id: string } | null> {
  const rows: { id: string; user_id: string }[] = await source.query(
    `SELECT id, user_id FROM delegates
     WHERE id = $1 AND status = 'active' AND user_id IS NOT NULL AND term_start <= $2 AND term_end >= $2`,
    [delegateId, today],
  );
  return rows[0] ?? null;
}

const ROUND_COLUMNS = `id, election_id, round, session_id, method, seats, max_choices, candidates::text[] AS candidates,
  status, entitled_hash, present_at_opening, seated_at_opening, lot_seed, ballot_key, opened_at, deadline,
  closed_at, closed_by, outcome`;

export async function insertRound(
  m: EntityManager,
  row: Omit<
    RoundRow,
    'status' | 'opened_at' | 'deadline' | 'closed_at' | 'closed_by' | 'outcome' | 'due' | 'open_ms'
  > & {
    opened_by: string;
    deadline: Date | null;
    entitled: string[];
  },
): Promise<void> {
  await m.query(
    `INSERT INTO election_rounds (id, election_id, round, session_id, method, seats, max_choices, candidates,
       entitled_hash, present_at_opening, seated_at_opening, lot_seed, ballot_key, opened_by, deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13, $14, $15)`,
    [
      row.id,
      row.election_id,
      row.round,
      row.session_id,
      row.method,
      row.seats,
      row.max_choices,
      row.candidates,
      row.entitled_hash,
      row.present_at_opening,
      row.seated_at_opening,
      row.lot_seed,
      row.ballot_key,
      row.opened_by,
      row.deadline,
    ],
  );
  await m.query(`INSERT INTO election_entitlements (round_id, delegate_id) SELECT $1, unnest($2::uuid[])`, [
    row.id,
    row.entitled,
  ]);
}

export function readRounds(source: Source, electionId: string): Promise<RoundRow[]> {
  return source.query(
    `SELECT ${ROUND_COLUMNS} FROM election_rounds WHERE election_id = $1
     ORDER BY array_position(ARRAY['first', 'runoff'], round)`,
    [electionId],
  );
}

/**
 * The election's latest round, locked: FOR SHARE by a ballot (ballots go side by side), FOR UPDATE by
 * the close (which waits for the ballots in flight, and after which a ballot sees the round closed).
 */
export async function lockLatestRound(
  m: EntityManager,
  electionId: string,
  mode: 'share' | 'update',
): Promise<RoundRow | null> {
  const rows: RoundRow[] = await m.query(
    `SELECT ${ROUND_COLUMNS}, deadline IS NOT NULL AND deadline <= now() AS due,
       (extract(epoch FROM now() - opened_at) * 1000)::float8 AS open_ms
     FROM election_rounds WHERE election_id = $1
     ORDER BY array_position(ARRAY['first', 'runoff'], round) DESC LIMIT 1
     FOR ${mode === 'share' ? 'SHARE' : 'UPDATE'}`,
    [electionId],
  );
  return rows[0] ?? null;
}

/** What a secret ballot's rules need about its voter, under a lock on (round, delegate). */
export async function readSecretVoterFacts(
  m: EntityManager,
  round: Pick<RoundRow, 'id' | 'session_id'>,
  delegateId: string,
): Promise<{ entitled: boolean; present: boolean; participated: boolean }> {
  await m.query(`SELECT pg_advisory_xact_lock(7345080, hashtext($1 || '/' || $2))`, [round.id, delegateId]);
  const [row]: { entitled: boolean; present: boolean; participated: boolean }[] = await m.query(
    `SELECT
       EXISTS (SELECT 1 FROM election_entitlements WHERE round_id = $1 AND delegate_id = $3) AS entitled,
       EXISTS (SELECT 1 FROM attendance WHERE session_id = $2 AND delegate_id = $3 AND present) AS present,
       EXISTS (SELECT 1 FROM secret_participation WHERE round_id = $1 AND delegate_id = $3) AS participated`,
    [round.id, round.session_id, delegateId],
  );
  return row!;
}

/** A box row: the sealed ballot and its owner tag (null for a ballot cast before owner tags). */
export interface SealedBoxRow {
  sealed: Buffer;
  ownerTag: Buffer | null;
}

/** The box's row under a tracker's lookup (the box has no voter column to look up by). */
export async function readBoxRow(
  m: EntityManager,
  roundId: string,
  lookup: Buffer,
): Promise<SealedBoxRow | null> {
  const rows: { sealed: Buffer; owner_tag: Buffer | null }[] = await m.query(
    `SELECT sealed, owner_tag FROM secret_ballot_box WHERE round_id = $1 AND tracker_lookup = $2`,
    [roundId, lookup],
  );
  return rows[0] ? { sealed: rows[0].sealed, ownerTag: rows[0].owner_tag } : null;
}

/** A first ballot: the participation row and the sealed ballot, in the caller's transaction. */
export async function insertSecretBallot(
  m: EntityManager,
  roundId: string,
  delegateId: string,
  row: { lookup: Buffer; ownerTag: Buffer; sealed: Buffer },
): Promise<void> {
  await m.query(`INSERT INTO secret_participation (round_id, delegate_id) VALUES ($1, $2)`, [
    roundId,
    delegateId,
  ]);
  await m.query(
    `INSERT INTO secret_ballot_box (round_id, tracker_lookup, owner_tag, sealed) VALUES ($1, $2, $3, $4)`,
    [roundId, row.lookup, row.ownerTag, row.sealed],
  );
}

export async function replaceSecretBallot(
  m: EntityManager,
  roundId: string,
  lookup: Buffer,
  sealed: Buffer,
): Promise<void> {
  await m.query(`UPDATE secret_ballot_box SET sealed = $3 WHERE round_id = $1 AND tracker_lookup = $2`, [
    roundId,
    lookup,
    sealed,
  ]);
}

/** Every sealed ballot of the round (order meaningless: they are ordered by tracker once opened). */
export async function readBallotBox(m: EntityManager, roundId: string): Promise<Buffer[]> {
  const rows: { sealed: Buffer }[] = await m.query(
    `SELECT sealed FROM secret_ballot_box WHERE round_id = $1`,
    [roundId],
  );
  return rows.map((row) => row.sealed);
}

/**
 * The close's writes: the published ballots in tracker order, the box emptied, the round closed with
 * its outcome and its ballot key dropped.
 */
export async function publishSecretBallots(
  m: EntityManager,
  roundId: string,
  ballots: readonly { tracker: string; choice: ElectionChoice }[],
  closedBy: 'moderator' | 'deadline',
  outcome: FirstRoundOutcome | RunoffOutcome,
): Promise<void> {
  if (ballots.length > 0)
    await m.query(
      `INSERT INTO secret_ballots (round_id, tracker, choice)
       SELECT $1, b.tracker, b.choice FROM jsonb_to_recordset($2::jsonb) AS b (tracker text, choice jsonb)`,
      [roundId, JSON.stringify(ballots)],
    );
  await m.query(`DELETE FROM secret_ballot_box WHERE round_id = $1`, [roundId]);
  await m.query(
    `UPDATE election_rounds SET status = 'closed', closed_at = now(), closed_by = $2, outcome = $3, ballot_key = NULL
     WHERE id = $1`,
    [roundId, closedBy, JSON.stringify(outcome)],
  );
}

export async function readParticipantIds(source: Source, roundId: string): Promise<string[]> {
  const rows: { delegate_id: string }[] = await source.query(
    `SELECT delegate_id FROM secret_participation WHERE round_id = $1 ORDER BY delegate_id`,
    [roundId],
  );
  return rows.map((row) => row.delegate_id);
}

export interface ParticipantRow {
  delegate_id: string;
  full_name: string;
  code: string;
  name: string;
  has_voted: boolean;
}

/** The entitled of a round and whether each has taken part (never how), by province then name. */
export function readRoundParticipation(source: Source, roundId: string): Promise<ParticipantRow[]> {
  return source.query(
    `SELECT e.delegate_id, d.full_name, c.code, c.name, (p.delegate_id IS NOT NULL) AS has_voted
     FROM election_entitlements e
     JOIN delegates d ON d.id = e.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN secret_participation p ON p.round_id = e.round_id AND p.delegate_id = e.delegate_id
     WHERE e.round_id = $1 ORDER BY c.code, d.full_name, d.id`,
    [roundId],
  );
}

export async function readEntitledIds(source: Source, roundId: string): Promise<string[]> {
  const rows: { delegate_id: string }[] = await source.query(
    `SELECT delegate_id FROM election_entitlements WHERE round_id = $1 ORDER BY delegate_id`,
    [roundId],
  );
  return rows.map((row) => row.delegate_id);
}

/** The published ballots of a closed round, in tracker order. */
export function readPublishedBallots(
  source: Source,
  roundId: string,
): Promise<{ tracker: string; choice: ElectionChoice }[]> {
  return source.query(
    `SELECT tracker, choice FROM secret_ballots WHERE round_id = $1 ORDER BY tracker COLLATE "C"`,
    [roundId],
  );
}

/** The published ballot under a tracker (a retry after the close is answered from it). */
export async function readPublishedBallot(
  m: EntityManager,
  roundId: string,
  tracker: string,
): Promise<{ choice: ElectionChoice } | null> {
  const rows: { choice: ElectionChoice }[] = await m.query(
    `SELECT choice FROM secret_ballots WHERE round_id = $1 AND tracker = $2`,
    [roundId, tracker],
  );
  return rows[0] ?? null;
}

/** Elections whose open round's deadline has passed (the deadline closer's list). */
export async function electionsWithDueRound(source: Source): Promise<string[]> {
  const rows: { election_id: string }[] = await source.query(
    `SELECT election_id FROM election_rounds WHERE status = 'open' AND deadline <= now() ORDER BY deadline`,
  );
  return rows.map((row) => row.election_id);
}

/** Whether a session has an election round open (one secret or roll-call vote at a time). */
export async function hasOpenElectionRound(m: EntityManager, sessionId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM election_rounds WHERE session_id = $1 AND status = 'open'`,
    [sessionId],
  );
  return rows.length > 0;
}

/** The sitting delegate behind an account (active, in term), or null. */
export async function readDelegateOfUser(
  source: Source,
  userId: string,
  today: string,
): Promise<string | null> {
  const rows: { id: string }[] = await source.query(
    `SELECT id FROM delegates WHERE user_id = $1 AND status = 'active' AND term_start <= $2 AND term_end >= $2`,
    [userId, today],
  );
  return rows[0]?.id ?? null;
}
