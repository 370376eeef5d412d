import { canonicalJson, sha256Hex } from '#domain';
import {
  readMinutesRows,
  readResolutionDocumentSource,
  readSessionVotes,
  readStoredSourceDigest,
  writeDocument,
} from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { attendanceRoll } from '../documents/document-text.js';
import type { MinutesData, MinutesVote } from '../documents/minutes-pdf.js';
import { pdfThread } from '../documents/pdf-thread.js';

// Bumped when a template changes, so every stored document is made again once.
const RESOLUTION_TEMPLATE = 'resolution-pdf-v3'; // v3: the embedded DejaVu font
const MINUTES_TEMPLATE = 'minutes-pdf-v3';

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
      // What the record says around the document (its session, who did not vote) prints too.
      sha256Hex(`${RESOLUTION_TEMPLATE}:${row.digest}:${canonicalJson(row.context)}`),
      () =>
        pdfThread.render({
          kind: 'resolution',
          document: row.document,
          digest: row.digest,
          objectiveTexts: row.objectiveTexts,
          context: row.context,
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
  const { session, agenda, speeches, resolutions } = rows;
  const roll = attendanceRoll(rows.seats, rows.checkedIn);
  const votes = await readSessionVotes(m, sessionId);
  return {
    session: {
      number: session.number,
      title: session.title,
      kind: session.kind,
      place: session.place,
      scheduledAt: session.scheduled_at.toISOString(),
      openedAt: session.opened_at?.toISOString() ?? null,
      closedAt: session.closed_at?.toISOString() ?? null,
    },
    seated: roll.seated,
    presentSeats: roll.presentSeats,
    present: roll.present,
    absent: roll.absent,
    agenda: agenda.map((item) => ({
      position: item.position,
      title: item.title,
      status: item.status,
      motionNumber: item.motion_number,
      motionStatus: item.motion_status,
    })),
    speeches: speeches.map((s) => ({
      name: s.name,
      stance: s.stance,
      startedAt: s.started_at.toISOString(),
      endedAt: s.ended_at?.toISOString() ?? null,
    })),
    votes: votes.map((vote): MinutesVote => {
      const extra = rows.votes.get(vote.id);
      return {
        kind: vote.kind,
        question: vote.question,
        motionNumber: extra?.motionNumber ?? null,
        rule: vote.rule,
        ruleVersion: vote.ruleVersion,
        rulesVersion: extra?.rulesVersion ?? null,
        openedAt: vote.openedAt,
        closedAt: vote.closedAt,
        closedBy: vote.closedBy,
        presentAtOpening: vote.presentAtOpening,
        seatedAtOpening: vote.seatedAtOpening,
        entitledCount: vote.entitledCount,
        tally: vote.tally,
        ballots:
          vote.ballots?.map(({ name, constituency, choice }) => ({ name, constituency, choice })) ?? null,
        notVoted: extra?.notVoted ?? [],
        resolutionNumber: vote.resolutionNumber,
      };
    }),
    resolutions,
    moderators: rows.moderators,
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
