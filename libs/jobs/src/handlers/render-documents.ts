import { checkpointCovering } from '#application';
import { canonicalJson, sha256Hex, type SigningKey } from '#domain';
import {
  readLastEventSequence,
  readMinutesElections,
  readMinutesRows,
  readResolutionDocumentSource,
  readSessionVotes,
  readStoredSourceDigest,
  writeDocument,
} from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { attendanceRoll } from '../documents/document-text.js';
import { minutesElections } from '../documents/minutes-elections.js';
import type { MinutesData, MinutesVote } from '../documents/minutes-pdf.js';
import type { PrintedCheckpoint } from '../documents/pdf.js';
import { pdfThread } from '../documents/pdf-thread.js';

// Bumped when a template changes, so every stored document is made again once.
const RESOLUTION_TEMPLATE = 'resolution-pdf-v4'; // v4: the signed checkpoint and its QR code
const MINUTES_TEMPLATE = 'minutes-pdf-v5'; // v5: the elections held in the session

/** Where the documents' QR codes point, and the key that signs a checkpoint when none covers them yet. */
export interface DocumentSigning {
  publicUrl: string;
  key: SigningKey;
}

/** The first checkpoint at or after the document's own record event (signed on the spot if none is). */
async function printedCheckpoint(
  dataSource: DataSource,
  signing: DocumentSigning,
  type: 'resolution.issued' | 'session.closed',
  subject: string,
): Promise<PrintedCheckpoint | undefined> {
  const sequence = await readLastEventSequence(dataSource, type, subject);
  if (sequence === null) return undefined;
  const c = await checkpointCovering(dataSource, signing.key, sequence);
  return {
    sequence: c.sequence,
    hash: c.hash,
    time: c.time,
    keyId: c.keyId,
    url: `${signing.publicUrl}/verificar?punto=${c.sequence}&huella=${c.hash}`,
  };
}

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

export function renderResolutionDocument(dataSource: DataSource, signing: DocumentSigning) {
  return async ({ number }: { number: string }): Promise<{ rendered: boolean }> => {
    const found = await readResolutionDocumentSource(dataSource, number);
    if (!found) throw new Error(`no resolution ${number}`);
    const checkpoint = await printedCheckpoint(
      dataSource,
      signing,
      'resolution.issued',
      `resolution:${number}`,
    );
    const row = { ...found, context: { ...found.context, ...(checkpoint ? { checkpoint } : {}) } };
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
  const elections = minutesElections(await readMinutesElections(m, sessionId), sessionId);
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
          vote.ballots?.map(({ name, constituency, choice, recordedBy }) => ({
            name,
            constituency,
            choice,
            recordedBy,
          })) ?? null,
        notVoted: vote.secret ? [] : (extra?.notVoted ?? []),
        resolutionNumber: vote.resolutionNumber,
        ...(vote.secret ? { secret: true } : {}),
      };
    }),
    elections,
    resolutions,
    moderators: rows.moderators,
  };
}

export function renderMinutesDocument(dataSource: DataSource, signing: DocumentSigning) {
  return async ({ sessionId }: { sessionId: string }): Promise<{ rendered: boolean }> => {
    const read = await dataSource.transaction('REPEATABLE READ', (m) => readMinutesData(m, sessionId));
    if (!read) throw new Error(`no session ${sessionId}`);
    const checkpoint = await printedCheckpoint(dataSource, signing, 'session.closed', `session:${sessionId}`);
    const data: MinutesData = { ...read, ...(checkpoint ? { checkpoint } : {}) };
    return storeIfChanged(
      dataSource,
      'minutes',
      sessionId,
      sha256Hex(`${MINUTES_TEMPLATE}:${canonicalJson(data)}`),
      () => pdfThread.render({ kind: 'minutes', data }),
    );
  };
}
