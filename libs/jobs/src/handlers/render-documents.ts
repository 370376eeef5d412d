import { canonicalJson, sha256Hex } from '#domain';
import {
  readMinutesRows,
  readResolutionDocumentSource,
  readSessionVotes,
  readStoredSourceDigest,
  writeDocument,
} from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { MinutesData } from '../documents/minutes-pdf.js';
import { pdfThread } from '../documents/pdf-thread.js';

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
  if ((await readStoredSourceDigest(dataSource, kind, subject)) === sourceDigest) return { rendered: false };
  await writeDocument(dataSource, { kind, subject, sourceDigest, content: await render() });
  return { rendered: true };
}

export function renderResolutionDocument(dataSource: DataSource) {
  return async ({ number }: { number: string }): Promise<{ rendered: boolean }> => {
    const row = await readResolutionDocumentSource(dataSource, number);
    if (!row) throw new Error(`no resolution ${number}`);
    return storeIfChanged(
      dataSource,
      'resolution',
      number,
      sha256Hex(`${RESOLUTION_TEMPLATE}:${row.digest}`),
      () =>
        pdfThread.render({
          kind: 'resolution',
          document: row.document,
          digest: row.digest,
          objectiveTexts: row.objectiveTexts,
        }),
    );
  };
}

export async function readMinutesData(
  m: DataSource | EntityManager,
  sessionId: string,
): Promise<MinutesData | null> {
  const rows = await readMinutesRows(m, sessionId);
  if (!rows) return null;
  const { session, attendance, agenda, speeches, resolutions } = rows;
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
      () => pdfThread.render({ kind: 'minutes', data }),
    );
  };
}
