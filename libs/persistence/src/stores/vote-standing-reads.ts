import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

/** A vote's status and whether it is secret (undefined: no such vote). */
export async function readVoteState(
  source: Source,
  voteId: string,
): Promise<{ status: 'open' | 'closed'; secret: boolean } | undefined> {
  const [vote]: { status: 'open' | 'closed'; secret: boolean }[] = await source.query(
    `SELECT status, secret FROM votes WHERE id = $1`,
    [voteId],
  );
  return vote;
}

export interface DelegateStandingRow {
  delegate_id: string;
  entitled: boolean;
  /** An alternate whose titular was entitled (the seat votes once). */
  titular_entitled: boolean;
  choice: 'yes' | 'no' | 'abstain' | null;
  revision: number | null;
  receipt: string | null;
  cast_at: Date | null;
  /** How the Mesa recorded the standing ballot for them (null: their own, or none). */
  recorded_method: 'voice' | 'hands' | 'paper' | null;
}

/** The calling account's delegate in a vote: entitled or not, and their standing ballot with its receipt. */
export async function readDelegateStanding(
  source: Source,
  voteId: string,
  userId: string,
): Promise<DelegateStandingRow | undefined> {
  const [row]: DelegateStandingRow[] = await source.query(
    `SELECT d.id AS delegate_id,
       EXISTS (SELECT 1 FROM vote_entitlements e WHERE e.vote_id = $1 AND e.delegate_id = d.id) AS entitled,
       (d.alternate_of_id IS NOT NULL AND EXISTS (
         SELECT 1 FROM vote_entitlements e WHERE e.vote_id = $1 AND e.delegate_id = d.alternate_of_id)) AS titular_entitled,
       b.choice, b.revision, r.receipt, r.cast_at, r.recorded_method
     FROM delegates d
     LEFT JOIN ballots b ON b.vote_id = $1 AND b.delegate_id = d.id
     LEFT JOIN ballot_revisions r ON r.vote_id = b.vote_id AND r.delegate_id = b.delegate_id AND r.revision = b.revision
     WHERE d.user_id = $2`,
    [voteId, userId],
  );
  return row;
}

export interface ParticipationRow {
  delegate_id: string;
  full_name: string;
  code: string;
  name: string;
  has_voted: boolean;
}

/** Who is entitled and who has voted (never how), by constituency name then full name. */
export async function readParticipation(source: Source, voteId: string): Promise<ParticipationRow[]> {
  return source.query(
    `SELECT e.delegate_id, d.full_name, c.code, c.name, (b.delegate_id IS NOT NULL) AS has_voted
     FROM vote_entitlements e
     JOIN delegates d ON d.id = e.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN ballots b ON b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id
     WHERE e.vote_id = $1
     ORDER BY c.name, d.full_name, e.delegate_id`,
    [voteId],
  );
}
