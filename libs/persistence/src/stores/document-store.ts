import { ASSEMBLY_TIME_ZONE, type ResolutionDocument } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { readSeats } from './attendance-store.js';

type Source = DataSource | EntityManager;

export type DocumentKind = 'resolution' | 'minutes';

/** The digest of the source the stored document was made from, if there is one. */
export async function readStoredSourceDigest(
  source: Source,
  kind: DocumentKind,
  subject: string,
): Promise<string | undefined> {
  const [stored]: { source_digest: string }[] = await source.query(
    `SELECT source_digest FROM documents WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
  return stored?.source_digest;
}

export async function writeDocument(
  source: Source,
  document: { kind: DocumentKind; subject: string; sourceDigest: string; content: Buffer },
): Promise<void> {
  await source.query(
    `INSERT INTO documents (kind, subject, source_digest, content, content_type) VALUES ($1, $2, $3, $4, 'application/pdf')
     ON CONFLICT (kind, subject) DO UPDATE SET source_digest = EXCLUDED.source_digest, content = EXCLUDED.content,
       content_type = EXCLUDED.content_type, generated_at = now()`,
    [document.kind, document.subject, document.sourceDigest, document.content],
  );
}

/** Resolutions and closed sessions still without their PDF `graceMinutes` after the fact (100 of each at most). */
export async function readDocumentsNotMade(
  m: Source,
  graceMinutes: number,
): Promise<{ resolutions: string[]; sessions: string[] }> {
  const resolutions: { number: string }[] = await m.query(
    `SELECT r.number FROM resolutions r
     WHERE r.issued_at < now() - make_interval(mins => $1)
       AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kind = 'resolution' AND d.subject = r.number)
     ORDER BY r.issued_at LIMIT 100`,
    [graceMinutes],
  );
  const sessions: { id: string }[] = await m.query(
    `SELECT s.id FROM sessions s
     WHERE s.status = 'closed' AND s.closed_at < now() - make_interval(mins => $1)
       AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.kind = 'minutes' AND d.subject = s.id::text)
     ORDER BY s.closed_at LIMIT 100`,
    [graceMinutes],
  );
  return { resolutions: resolutions.map((r) => r.number), sessions: sessions.map((s) => s.id) };
}

/** What a resolution's PDF is made of: its canonical document, its digest and its objectives' texts. */
export async function readResolutionDocumentSource(
  source: Source,
  number: string,
): Promise<
  | {
      document: ResolutionDocument;
      digest: string;
      objectiveTexts: Map<string, string>;
      context: ResolutionDocumentContext;
    }
  | undefined
> {
  const [row]: { document: ResolutionDocument; digest: string }[] = await source.query(
    `SELECT document, digest FROM resolutions WHERE number = $1`,
    [number],
  );
  if (!row) return undefined;
  const objectives: { code: string; text: string }[] = await source.query(
    `SELECT code, text FROM plan_objectives WHERE code = ANY ($1::text[])`,
    [row.document.objectives],
  );
  const [session]: {
    number: string;
    title: string;
    kind: string;
    opened_at: Date | null;
    scheduled_at: Date;
  }[] = await source.query(
    `SELECT s.number, s.title, s.kind, s.opened_at, s.scheduled_at FROM resolutions r JOIN sessions s ON s.id = r.session_id
       WHERE r.number = $1`,
    [number],
  );
  const [vote]: { rules_version: number | null; secret: boolean }[] = await source.query(
    `SELECT rules_version, secret FROM votes WHERE id = $1`,
    [row.document.vote.id],
  );
  const notVoted = vote?.secret ? [] : await readNotVoted(source, [row.document.vote.id]);
  return {
    ...row,
    objectiveTexts: new Map(objectives.map((o) => [o.code, o.text])),
    context: {
      session: session
        ? {
            number: session.number,
            title: session.title,
            kind: session.kind,
            openedAt: session.opened_at?.toISOString() ?? null,
            scheduledAt: session.scheduled_at.toISOString(),
          }
        : null,
      rulesVersion: vote?.rules_version ?? null,
      notVoted: notVoted.map(({ name, constituency }) => ({ name, constituency })),
      ...(vote?.secret ? { secret: true } : {}),
    },
  };
}

/** What the record knows around a resolution that its frozen document does not say. */
export interface ResolutionDocumentContext {
  session: {
    number: string;
    title: string;
    kind: string;
    openedAt: string | null;
    scheduledAt: string;
  } | null;
  rulesVersion: number | null;
  notVoted: { name: string; constituency: string }[];
}

/** Entitled delegates of these votes who cast no ballot, by province and name. */
async function readNotVoted(
  source: Source,
  voteIds: string[],
): Promise<{ vote_id: string; name: string; constituency: string }[]> {
  return source.query(
    `SELECT e.vote_id, d.full_name AS name, c.name AS constituency FROM vote_entitlements e
     JOIN delegates d ON d.id = e.delegate_id JOIN constituencies c ON c.code = d.constituency_code
     WHERE e.vote_id = ANY ($1::uuid[])
       AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.vote_id = e.vote_id AND b.delegate_id = e.delegate_id)
     ORDER BY c.name, d.full_name, d.id`,
    [voteIds],
  );
}

interface NamedRow {
  id: string;
  name: string;
  constituency: string;
}

export interface MinutesRows {
  session: {
    id: string;
    number: string;
    title: string;
    kind: string;
    place: string | null;
    scheduled_at: Date;
    opened_at: Date | null;
    closed_at: Date | null;
  };
  /** The seats on the session's day (Lima), with names: who was expected. */
  seats: { titular: NamedRow; alternate: NamedRow | null }[];
  /** Who the attendance record has as present at the end of the session. */
  checkedIn: NamedRow[];
  agenda: {
    position: number;
    title: string;
    status: string;
    motion_number: string | null;
    motion_status: string | null;
  }[];
  speeches: { name: string; stance: string; started_at: Date; ended_at: Date | null }[];
  resolutions: { number: string; title: string; digest: string }[];
  /** Display names of the moderators whose actions ran the session, in order of their first one. */
  moderators: string[];
  /** Per vote: its motion's number, its reglamento version (if recorded), and who did not vote. */
  votes: Map<
    string,
    {
      motionNumber: string | null;
      rulesVersion: number | null;
      notVoted: { name: string; constituency: string }[];
    }
  >;
}

// The session's own events that only the Mesa performs, and its votes' opening and closing.
const MESA_SESSION_EVENTS = [
  'session.opened',
  'session.suspended',
  'session.resumed',
  'session.closed',
  'agenda.item_started',
  'agenda.item_finished',
  'agenda.item_deferred',
  'speech.started',
];
const MESA_VOTE_EVENTS = ['vote.opened', 'vote.closed'];

/** What a session's minutes are made of (the votes come from vote-views' readSessionVotes). */
export async function readMinutesRows(m: Source, sessionId: string): Promise<MinutesRows | null> {
  const [session]: (MinutesRows['session'] & { day: string })[] = await m.query(
    `SELECT id, number, title, kind, place, scheduled_at, opened_at, closed_at,
       to_char((COALESCE(opened_at, scheduled_at) AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS day
     FROM sessions WHERE id = $1`,
    [sessionId, ASSEMBLY_TIME_ZONE],
  );
  if (!session) return null;
  const { day, ...sessionRow } = session;
  const seats = await readSeats(m, day);
  const checkedIn: NamedRow[] = await m.query(
    `SELECT d.id, d.full_name AS name, c.name AS constituency FROM attendance a
     JOIN delegates d ON d.id = a.delegate_id JOIN constituencies c ON c.code = d.constituency_code
     WHERE a.session_id = $1 AND a.present ORDER BY c.name, d.full_name, d.id`,
    [sessionId],
  );
  const seatIds = seats.flatMap((s) => (s.alternateId ? [s.titularId, s.alternateId] : [s.titularId]));
  const named: NamedRow[] = await m.query(
    `SELECT d.id, d.full_name AS name, c.name AS constituency FROM delegates d
     JOIN constituencies c ON c.code = d.constituency_code WHERE d.id = ANY ($1::uuid[])`,
    [seatIds],
  );
  const byId = new Map(named.map((d) => [d.id, d]));
  const agenda: MinutesRows['agenda'] = await m.query(
    `SELECT a.position, a.title, a.status, mo.number AS motion_number, mo.status AS motion_status
     FROM agenda_items a LEFT JOIN motions mo ON mo.id = a.motion_id
     WHERE a.session_id = $1 ORDER BY a.position`,
    [sessionId],
  );
  const speeches: MinutesRows['speeches'] = await m.query(
    `SELECT d.full_name AS name, s.stance, s.started_at, s.ended_at FROM speeches s JOIN delegates d ON d.id = s.delegate_id
     WHERE s.session_id = $1 ORDER BY s.started_at, s.id`,
    [sessionId],
  );
  const resolutions: MinutesRows['resolutions'] = await m.query(
    `SELECT number, title, digest FROM resolutions WHERE session_id = $1 ORDER BY year, sequence`,
    [sessionId],
  );
  const votes: { id: string; motion_number: string | null; rules_version: number | null }[] = await m.query(
    `SELECT v.id, mo.number AS motion_number, v.rules_version
     FROM votes v LEFT JOIN motions mo ON mo.id = v.motion_id WHERE v.session_id = $1`,
    [sessionId],
  );
  const rounds: { id: string; election_id: string }[] = await m.query(
    `SELECT id, election_id FROM election_rounds WHERE session_id = $1`,
    [sessionId],
  );
  // Whoever ran a part of the session for the Mesa: only a moderator can, so the roles they hold now are
  // not asked (an elected moderator whose term has ended still ran it). Election rounds count too.
  const moderators: { display_name: string }[] = await m.query(
    `SELECT u.display_name FROM ledger_events e JOIN users u ON e.actor = 'user:' || u.id::text
     WHERE (e.subject = $1 AND e.type = ANY ($2::text[]))
        OR (e.subject = ANY ($3::text[]) AND e.type = ANY ($4::text[]))
        OR (e.subject = ANY ($5::text[]) AND e.type = 'secret.ballots_published')
        OR (e.subject = ANY ($6::text[]) AND e.type = 'election.opened' AND e.payload->>'roundId' = ANY ($7::text[]))
     GROUP BY u.id, u.display_name ORDER BY min(e.sequence)`,
    // Subjects as the record's catalogue files them (recordSubject): `session:<id>`, `vote:<id>`, `election:<id>`.
    [
      `session:${sessionId}`,
      MESA_SESSION_EVENTS,
      votes.map((v) => `vote:${v.id}`),
      MESA_VOTE_EVENTS,
      rounds.map((r) => `vote:${r.id}`),
      [...new Set(rounds.map((r) => `election:${r.election_id}`))],
      rounds.map((r) => r.id),
    ],
  );
  const notVoted = await readNotVoted(
    m,
    votes.map((v) => v.id),
  );
  return {
    session: sessionRow,
    seats: seats.map((s) => ({
      titular: byId.get(s.titularId)!,
      alternate: s.alternateId ? byId.get(s.alternateId)! : null,
    })),
    checkedIn,
    agenda,
    speeches,
    resolutions,
    moderators: moderators.map((row) => row.display_name),
    votes: new Map(
      votes.map((v) => [
        v.id,
        {
          motionNumber: v.motion_number,
          rulesVersion: v.rules_version,
          notVoted: notVoted
            .filter((n) => n.vote_id === v.id)
            .map(({ name, constituency }) => ({ name, constituency })),
        },
      ]),
    ),
  };
}
