import type { BallotRecordingMethod, BallotView, NonVoterView, TallyView, VoteView } from '#contracts';
import type { Tally } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

interface VoteRow {
  id: string;
  session_id: string;
  item_id: string;
  motion_id: string | null;
  kind: VoteView['kind'];
  question: string;
  rule: VoteView['rule'];
  rule_version: number;
  rules_version: number | null;
  decision: string | null;
  status: VoteView['status'];
  secret: boolean;
  opened_at: Date;
  deadline: Date | null;
  closed_at: Date | null;
  closed_by: string | null;
  entitled_hash: string;
  present_at_opening: number;
  seated_at_opening: number;
  tally: TallyView | null;
  entitled_count: number;
  cast_count: number;
  resolution_number: string | null;
}

const SELECT_VOTE = `
  SELECT v.*,
    (SELECT count(*)::int FROM vote_entitlements e WHERE e.vote_id = v.id) AS entitled_count,
    CASE WHEN v.secret
      THEN (SELECT count(*)::int FROM secret_question_participation s WHERE s.vote_id = v.id)
      ELSE (SELECT count(*)::int FROM ballots b WHERE b.vote_id = v.id) END AS cast_count,
    (SELECT r.number FROM resolutions r WHERE r.vote_id = v.id) AS resolution_number
  FROM votes v`;

/** Ballots with who cast them, by province then name: public once the vote is closed. */
export async function readBallots(source: Source, voteId: string): Promise<BallotView[]> {
  const rows: (Omit<BallotView, 'recordedBy'> & { method: BallotRecordingMethod | null })[] =
    await source.query(
      `SELECT b.delegate_id AS "delegateId", d.full_name AS name, c.name AS constituency, b.choice,
       r.recorded_method AS method
     FROM ballots b JOIN delegates d ON d.id = b.delegate_id JOIN constituencies c ON c.code = d.constituency_code
     JOIN ballot_revisions r ON r.vote_id = b.vote_id AND r.delegate_id = b.delegate_id AND r.revision = b.revision
     WHERE b.vote_id = $1 ORDER BY c.name, d.full_name, b.delegate_id`,
      [voteId],
    );
  // Whether the Mesa recorded the ballot that counts (by voice, hands or paper).
  return rows.map(({ method, ...ballot }) => ({ ...ballot, recordedBy: method ? { method } : null }));
}

/** The entitled who cast no ballot, by province then name: public once the vote is closed. */
export function readNonVoters(source: Source, voteId: string): Promise<NonVoterView[]> {
  return source.query(
    `SELECT e.delegate_id AS "delegateId", d.full_name AS name, c.name AS constituency
     FROM vote_entitlements e JOIN delegates d ON d.id = e.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     WHERE e.vote_id = $1
       AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id)
     ORDER BY c.name, d.full_name, e.delegate_id`,
    [voteId],
  );
}

/**
 * Live events and session snapshots leave the ballot list out (`ballots: null`): it is the bulk of a
 * closed vote (~120 bytes per delegate) and would go to every connected phone; the result itself is in
 * `tally`, and the list is one request away at GET /api/votes/:id.
 */
export interface VoteViewOptions {
  withBallots: boolean;
}

async function toView(source: Source, row: VoteRow, { withBallots }: VoteViewOptions): Promise<VoteView> {
  const closed = row.status === 'closed';
  return {
    id: row.id,
    sessionId: row.session_id,
    itemId: row.item_id,
    motionId: row.motion_id,
    kind: row.kind,
    question: row.question,
    rule: row.rule,
    ruleVersion: row.rule_version,
    rulesVersion: row.rules_version,
    decision: row.decision,
    status: row.status,
    secret: row.secret,
    openedAt: row.opened_at.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedBy: closed ? (row.closed_by === 'deadline' ? 'deadline' : 'moderator') : null,
    entitledCount: row.entitled_count,
    entitledListHash: row.entitled_hash,
    presentAtOpening: row.present_at_opening,
    seatedAtOpening: row.seated_at_opening,
    castCount: row.cast_count,
    tally: row.tally,
    // A secret question has no ballot by name: its (tracker, choice) list is at …/secret-ballots.
    ballots: closed && withBallots && !row.secret ? await readBallots(source, row.id) : null,
    notVoted: closed && withBallots && !row.secret ? await readNonVoters(source, row.id) : null,
    resolutionNumber: row.resolution_number,
  };
}

export async function readVoteView(
  source: Source,
  voteId: string,
  options: VoteViewOptions = { withBallots: true },
): Promise<VoteView | null> {
  const rows: VoteRow[] = await source.query(`${SELECT_VOTE} WHERE v.id = $1`, [voteId]);
  return rows[0] ? toView(source, rows[0], options) : null;
}

/** The session's open vote, or else its latest closed one, for the session snapshot (no ballot list). */
export async function readSessionVote(source: Source, sessionId: string): Promise<VoteView | null> {
  const rows: VoteRow[] = await source.query(
    `${SELECT_VOTE} WHERE v.session_id = $1 ORDER BY (v.status = 'open') DESC, v.opened_at DESC LIMIT 1`,
    [sessionId],
  );
  return rows[0] ? toView(source, rows[0], { withBallots: false }) : null;
}

export async function readSessionVotes(source: Source, sessionId: string): Promise<VoteView[]> {
  const rows: VoteRow[] = await source.query(`${SELECT_VOTE} WHERE v.session_id = $1 ORDER BY v.opened_at`, [
    sessionId,
  ]);
  return Promise.all(rows.map((row) => toView(source, row, { withBallots: true })));
}

/** A vote's stored tally (null while it is open), or undefined when there is no such vote. */
export async function readVoteTally(
  source: Source,
  voteId: string,
): Promise<{ tally: Tally | null } | undefined> {
  const [row]: { tally: Tally | null }[] = await source.query(`SELECT tally FROM votes WHERE id = $1`, [
    voteId,
  ]);
  return row;
}
