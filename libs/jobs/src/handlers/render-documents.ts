import { canonicalJson, sha256Hex, type ResolutionDocument } from '#domain';
import { readSessionVotes } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { minutesPdf, type MinutesData } from '../documents/minutes-pdf.js';
import { resolutionPdf } from '../documents/resolution-pdf.js';

// Bumped when a template changes, so every stored document is made again once.
const RESOLUTION_TEMPLATE = 'resolution-pdf-v1';
const MINUTES_TEMPLATE = 'minutes-pdf-v1';

/** Stores a rendered document unless the stored one was made from the same source. */
async function storeIfChanged(
  dataSource: DataSource,
  kind: 'resolution' | 'minutes',
  subject: string,
  sourceDigest: string,
  render: () => Promise<Buffer>,
): Promise<{ rendered: boolean }> {
  const [stored]: { source_digest: string }[] = await dataSource.query(
    `SELECT source_digest FROM documents WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
  if (stored?.source_digest === sourceDigest) return { rendered: false };
  const content = await render();
  await dataSource.query(
    `INSERT INTO documents (kind, subject, source_digest, content, content_type) VALUES ($1, $2, $3, $4, 'application/pdf')
     ON CONFLICT (kind, subject) DO UPDATE SET source_digest = EXCLUDED.source_digest, content = EXCLUDED.content,
       content_type = EXCLUDED.content_type, generated_at = now()`,
    [kind, subject, sourceDigest, content],
  );
  return { rendered: true };
}

export function renderResolutionDocument(dataSource: DataSource) {
  return async ({ number }: { number: string }): Promise<{ rendered: boolean }> => {
    const [row]: { document: ResolutionDocument; digest: string }[] = await dataSource.query(
      `SELECT document, digest FROM resolutions WHERE number = $1`,
      [number],
    );
    if (!row) throw new Error(`no resolution ${number}`);
    const objectives: { code: string; text: string }[] = await dataSource.query(
      `SELECT code, text FROM plan_objectives WHERE code = ANY ($1::text[])`,
      [row.document.objectives],
    );
    return storeIfChanged(
      dataSource,
      'resolution',
      number,
      sha256Hex(`${RESOLUTION_TEMPLATE}:${row.digest}`),
      () => resolutionPdf(row.document, row.digest, new Map(objectives.map((o) => [o.code, o.text]))),
    );
  };
}

export async function readMinutesData(
  m: DataSource | EntityManager,
  sessionId: string,
): Promise<MinutesData | null> {
  const [session]: {
    id: string;
    title: string;
    kind: string;
    place: string | null;
    opened_at: Date | null;
    closed_at: Date | null;
  }[] = await m.query(`SELECT id, title, kind, place, opened_at, closed_at FROM sessions WHERE id = $1`, [
    sessionId,
  ]);
  if (!session) return null;
  const attendance: MinutesData['attendance'] = await m.query(
    `SELECT d.full_name AS name, c.name AS constituency, a.present FROM attendance a
     JOIN delegates d ON d.id = a.delegate_id JOIN constituencies c ON c.code = d.constituency_code
     WHERE a.session_id = $1 ORDER BY c.name, d.full_name, d.id`,
    [sessionId],
  );
  const agenda: MinutesData['agenda'] = await m.query(
    `SELECT position, title, status FROM agenda_items WHERE session_id = $1 ORDER BY position`,
    [sessionId],
  );
  const speeches: { name: string; stance: string; started_at: Date; ended_at: Date | null }[] = await m.query(
    `SELECT d.full_name AS name, s.stance, s.started_at, s.ended_at FROM speeches s JOIN delegates d ON d.id = s.delegate_id
     WHERE s.session_id = $1 ORDER BY s.started_at, s.id`,
    [sessionId],
  );
  const resolutions: MinutesData['resolutions'] = await m.query(
    `SELECT number, title, digest FROM resolutions WHERE session_id = $1 ORDER BY year, sequence`,
    [sessionId],
  );
  return {
    session: {
      id: session.id,
      title: session.title,
      kind: session.kind,
      place: session.place,
      openedAt: session.opened_at?.toISOString() ?? null,
      closedAt: session.closed_at?.toISOString() ?? null,
    },
    attendance,
    agenda,
    speeches: speeches.map((s) => ({
      name: s.name,
      stance: s.stance,
      startedAt: s.started_at.toISOString(),
      endedAt: s.ended_at?.toISOString() ?? null,
    })),
    votes: await readSessionVotes(m, sessionId),
    resolutions,
  };
}

export function renderMinutesDocument(dataSource: DataSource) {
  return async ({ sessionId }: { sessionId: string }): Promise<{ rendered: boolean }> => {
    const data = await dataSource.transaction('REPEATABLE READ', (m) => readMinutesData(m, sessionId));
    if (!data) throw new Error(`no session ${sessionId}`);
    return storeIfChanged(
      dataSource,
      'minutes',
      sessionId,
      sha256Hex(`${MINUTES_TEMPLATE}:${canonicalJson(data)}`),
      () => minutesPdf(data),
    );
  };
}
