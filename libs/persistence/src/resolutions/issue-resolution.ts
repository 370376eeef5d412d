import type { ResolutionIssued } from '#contracts';
import {
  assemblyToday,
  formatResolutionNumber,
  normaliseResolutionDocument,
  resolutionDigest,
  type ResolutionDocument,
  type ResolutionIssuedPayload,
  type Tally,
} from '#domain';
import type { EntityManager } from 'typeorm';
import { appendLedgerEvent } from '../ledger/ledger-writer.js';
import { enqueueJob } from '../outbox/job-outbox.js';
import { enqueueLiveEvent } from '../outbox/outbox-writer.js';
import { notifyInstitutions } from '../webhooks/notify-institutions.js';
import { readBallots } from '../votes/vote-view.js';

export interface AdoptedVote {
  id: string;
  sessionId: string;
  motionId: string;
  question: string;
  rule: ResolutionDocument['vote']['rule'];
  ruleVersion: number;
  entitledListHash: string;
  tally: Tally;
}

/**
 * Turns an adopted motion into a binding resolution inside the transaction that closed its vote:
 * the next number of the year (the counter row stays locked until commit, so numbers are gapless),
 * the motion's text as it stands now (adopted amendments applied), its canonical form and digest.
 */
export async function issueResolution(
  m: EntityManager,
  vote: AdoptedVote,
  actor: string | null,
): Promise<ResolutionIssued> {
  const year = Number(assemblyToday().slice(0, 4));
  const [counter]: { last_number: number }[] = await m.query(
    `INSERT INTO resolution_number_counters (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = resolution_number_counters.last_number + 1
     RETURNING last_number`,
    [year],
  );
  const sequence = counter!.last_number;
  const number = formatResolutionNumber(year, sequence);
  const [motion]: {
    number: string;
    title: string;
    body: string;
    current_version: number;
    compliance_deadline: string | null;
  }[] = await m.query(
    `SELECT number, title, body, current_version, to_char(compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline
     FROM motions WHERE id = $1`,
    [vote.motionId],
  );
  const objectives: { code: string }[] = await m.query(
    `SELECT objective_code AS code FROM motion_objectives WHERE motion_id = $1`,
    [vote.motionId],
  );
  const institutions: { id: string; code: string; name: string }[] = await m.query(
    `SELECT i.id, i.code, i.name FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id WHERE mi.motion_id = $1`,
    [vote.motionId],
  );
  const ballots = await readBallots(m, vote.id);
  const issuedAt = new Date().toISOString();
  const document = normaliseResolutionDocument({
    number,
    issuedAt,
    sessionId: vote.sessionId,
    motion: { id: vote.motionId, number: motion!.number, version: motion!.current_version },
    title: motion!.title,
    body: motion!.body,
    objectives: objectives.map((o) => o.code),
    institutions,
    complianceDeadline: motion!.compliance_deadline,
    vote: {
      id: vote.id,
      question: vote.question,
      rule: vote.rule,
      ruleVersion: vote.ruleVersion,
      entitledListHash: vote.entitledListHash,
      tally: vote.tally,
      ballots,
    },
  });
  const digest = resolutionDigest(document);
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO resolutions (number, year, sequence, motion_id, vote_id, session_id, motion_version, title, body,
       compliance_deadline, document, digest, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      number,
      year,
      sequence,
      vote.motionId,
      vote.id,
      vote.sessionId,
      motion!.current_version,
      motion!.title,
      motion!.body,
      motion!.compliance_deadline,
      JSON.stringify(document),
      digest,
      issuedAt,
    ],
  );
  const resolutionId = row!.id;
  await m.query(
    `INSERT INTO resolution_objectives (resolution_id, objective_code) SELECT $1, unnest($2::text[])`,
    [resolutionId, document.objectives],
  );
  await m.query(
    `INSERT INTO resolution_institutions (resolution_id, institution_id) SELECT $1, unnest($2::uuid[])`,
    [resolutionId, document.institutions.map((i) => i.id)],
  );
  // Each bound institution starts a compliance track at `pending`, with the motion's deadline.
  await m.query(
    `INSERT INTO compliance (resolution_id, institution_id, deadline)
     SELECT $1, unnest($2::uuid[]), $3::date`,
    [resolutionId, document.institutions.map((i) => i.id), motion!.compliance_deadline],
  );
  await enqueueJob(m, 'documents.render-resolution', { number });
  await notifyInstitutions(
    m,
    document.institutions.map((i) => i.id),
    'resolution.issued',
    `resolution.issued:${number}`,
    (institutionId) => ({
      number,
      title: motion!.title,
      digest,
      issuedAt,
      complianceDeadline: motion!.compliance_deadline,
      institution: document.institutions.find((i) => i.id === institutionId)!.code,
      objectives: document.objectives,
    }),
  );
  const payload: ResolutionIssuedPayload = {
    resolutionId,
    number,
    motionId: vote.motionId,
    voteId: vote.id,
    digest,
  };
  await appendLedgerEvent(m, { type: 'resolution.issued', subject: `resolution:${number}`, actor, payload });
  const issued: ResolutionIssued = { ...payload, title: motion!.title };
  await enqueueLiveEvent(m, vote.sessionId, 'resolution.issued', issued);
  return issued;
}
