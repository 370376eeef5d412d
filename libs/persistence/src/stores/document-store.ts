import type { ResolutionDocument } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';

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
  { document: ResolutionDocument; digest: string; objectiveTexts: Map<string, string> } | undefined
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
  return { ...row, objectiveTexts: new Map(objectives.map((o) => [o.code, o.text])) };
}

export interface MinutesRows {
  session: {
    id: string;
    title: string;
    kind: string;
    place: string | null;
    opened_at: Date | null;
    closed_at: Date | null;
  };
  attendance: { name: string; constituency: string; present: boolean }[];
  agenda: { position: number; title: string; status: string }[];
  speeches: { name: string; stance: string; started_at: Date; ended_at: Date | null }[];
  resolutions: { number: string; title: string; digest: string }[];
}

/** What a session's minutes are made of (the votes come from vote-views' readSessionVotes). */
export async function readMinutesRows(m: Source, sessionId: string): Promise<MinutesRows | null> {
  const [session]: MinutesRows['session'][] = await m.query(
    `SELECT id, title, kind, place, opened_at, closed_at FROM sessions WHERE id = $1`,
    [sessionId],
  );
  if (!session) return null;
  const attendance: MinutesRows['attendance'] = await m.query(
    `SELECT d.full_name AS name, c.name AS constituency, a.present FROM attendance a
     JOIN delegates d ON d.id = a.delegate_id JOIN constituencies c ON c.code = d.constituency_code
     WHERE a.session_id = $1 ORDER BY c.name, d.full_name, d.id`,
    [sessionId],
  );
  const agenda: MinutesRows['agenda'] = await m.query(
    `SELECT position, title, status FROM agenda_items WHERE session_id = $1 ORDER BY position`,
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
  return { session, attendance, agenda, speeches, resolutions };
}
