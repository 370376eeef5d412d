import type { DataSource, EntityManager } from 'typeorm';

type Source = DataSource | EntityManager;

export interface StoredDocumentRow {
  content: Buffer;
  content_type: string;
  source_digest: string;
}

/** A document the worker generated (a resolution's PDF, a session's minutes), once it has. */
export async function readStoredDocument(
  source: Source,
  kind: 'resolution' | 'minutes',
  subject: string,
): Promise<StoredDocumentRow | undefined> {
  const [row]: StoredDocumentRow[] = await source.query(
    `SELECT content, content_type, source_digest FROM documents WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
  return row;
}

export interface MinutesElectionRow {
  id: string;
  title: string;
  position_title: string;
  position_body: 'mesa' | 'commission';
  commission: string | null;
  term_label: string;
  seats: number;
  status: 'nominating' | 'voting' | 'runoff_pending' | 'decided';
  outcome: unknown;
}

export interface MinutesElectionRoundRow {
  id: string;
  election_id: string;
  round: 'first' | 'runoff';
  session_id: string;
  session_number: string;
  method: 'yes_no_abstain_per_candidate' | 'single_choice' | 'approval_up_to_n';
  seats: number;
  max_choices: number | null;
  status: 'open' | 'closed';
  present_at_opening: number;
  seated_at_opening: number;
  lot_seed: string;
  opened_at: Date;
  closed_at: Date | null;
  closed_by: 'moderator' | 'deadline' | null;
  outcome: unknown;
  entitled_count: number;
  /** `secretBallotsHash` of the close's `secret.ballots_published` event. */
  ballots_hash: string | null;
}

export interface MinutesElectionRows {
  /** Elections with a round held in the session, in the order of their first round. */
  elections: MinutesElectionRow[];
  /** Every round of those elections (a run-off may be held in another session). */
  rounds: MinutesElectionRoundRow[];
  /** Names of every candidate on those rounds' ballots. */
  candidates: { id: string; name: string; constituency: string }[];
  /** The entitled of the session's rounds and whether each took part; never how. */
  entitled: { round_id: string; name: string; constituency: string; participated: boolean }[];
}

/** The elections whose rounds were held in a session, as its minutes print them. */
export async function readMinutesElections(source: Source, sessionId: string): Promise<MinutesElectionRows> {
  const elections: MinutesElectionRow[] = await source.query(
    `SELECT e.id, e.title, p.title_es AS position_title, p.body AS position_body, cm.name_es AS commission,
       t.label AS term_label, e.seats, e.status, e.outcome
     FROM elections e
     JOIN positions p ON p.id = e.position_id
     JOIN terms t ON t.id = e.term_id
     LEFT JOIN commissions cm ON cm.id = p.commission_id
     JOIN LATERAL (SELECT min(r.opened_at) AS first_opened FROM election_rounds r
                   WHERE r.election_id = e.id AND r.session_id = $1) held ON held.first_opened IS NOT NULL
     ORDER BY held.first_opened, e.id`,
    [sessionId],
  );
  if (elections.length === 0) return { elections, rounds: [], candidates: [], entitled: [] };
  const rounds: MinutesElectionRoundRow[] = await source.query(
    `SELECT r.id, r.election_id, r.round, r.session_id, s.number AS session_number, r.method, r.seats,
       r.max_choices, r.status, r.present_at_opening, r.seated_at_opening, r.lot_seed, r.opened_at, r.closed_at,
       r.closed_by, r.outcome,
       (SELECT count(*)::int FROM election_entitlements x WHERE x.round_id = r.id) AS entitled_count,
       (SELECT l.payload ->> 'secretBallotsHash' FROM ledger_events l
        WHERE l.subject = 'vote:' || r.id::text AND l.type = 'secret.ballots_published'
        ORDER BY l.sequence LIMIT 1) AS ballots_hash
     FROM election_rounds r JOIN sessions s ON s.id = r.session_id
     WHERE r.election_id = ANY ($1::uuid[])
     ORDER BY r.opened_at, r.id`,
    [elections.map((e) => e.id)],
  );
  const candidates: MinutesElectionRows['candidates'] = await source.query(
    `SELECT d.id, d.full_name AS name, c.name AS constituency FROM delegates d
     JOIN constituencies c ON c.code = d.constituency_code
     WHERE d.id IN (SELECT unnest(r.candidates) FROM election_rounds r WHERE r.election_id = ANY ($1::uuid[]))`,
    [elections.map((e) => e.id)],
  );
  const entitled: MinutesElectionRows['entitled'] = await source.query(
    `SELECT e.round_id, d.full_name AS name, c.name AS constituency, (p.delegate_id IS NOT NULL) AS participated
     FROM election_entitlements e
     JOIN election_rounds r ON r.id = e.round_id AND r.session_id = $1
     JOIN delegates d ON d.id = e.delegate_id
     JOIN constituencies c ON c.code = d.constituency_code
     LEFT JOIN secret_participation p ON p.round_id = e.round_id AND p.delegate_id = e.delegate_id
     ORDER BY c.name, d.full_name, d.id`,
    [sessionId],
  );
  return { elections, rounds, candidates, entitled };
}
