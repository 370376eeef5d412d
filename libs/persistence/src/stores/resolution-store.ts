import type { ResolutionDocument } from '#domain';
import type { EntityManager } from 'typeorm';
import { nextYearlyNumber } from './yearly-counter.js';

/** The year's next resolution number (gapless: see nextYearlyNumber). */
export function nextResolutionSequence(m: EntityManager, year: number): Promise<number> {
  return nextYearlyNumber(m, 'resolution_number_counters', year);
}

export interface AdoptedMotionText {
  number: string;
  title: string;
  body: string;
  current_version: number;
  compliance_deadline: string | null;
  objectives: string[];
  institutions: { id: string; code: string; name: string }[];
}

/** The adopted motion as it stands now (amendments applied), with what it binds. */
export async function readAdoptedMotion(m: EntityManager, motionId: string): Promise<AdoptedMotionText> {
  const [motion]: Omit<AdoptedMotionText, 'objectives' | 'institutions'>[] = await m.query(
    `SELECT number, title, body, current_version, to_char(compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline
     FROM motions WHERE id = $1`,
    [motionId],
  );
  const objectives: { code: string }[] = await m.query(
    `SELECT objective_code AS code FROM motion_objectives WHERE motion_id = $1`,
    [motionId],
  );
  const institutions: { id: string; code: string; name: string }[] = await m.query(
    `SELECT i.id, i.code, i.name FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id WHERE mi.motion_id = $1`,
    [motionId],
  );
  return { ...motion!, objectives: objectives.map((o) => o.code), institutions };
}

export interface NewResolutionRow {
  number: string;
  year: number;
  sequence: number;
  motionId: string;
  voteId: string;
  sessionId: string;
  motionVersion: number;
  title: string;
  body: string;
  complianceDeadline: string | null;
  document: ResolutionDocument;
  digest: string;
  issuedAt: string;
}

/**
 * Inserts the resolution, what it binds, and a `pending` compliance track per bound institution with
 * the motion's deadline. Answers the resolution's id.
 */
export async function insertResolution(m: EntityManager, resolution: NewResolutionRow): Promise<string> {
  const [row]: { id: string }[] = await m.query(
    `INSERT INTO resolutions (number, year, sequence, motion_id, vote_id, session_id, motion_version, title, body,
       compliance_deadline, document, digest, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      resolution.number,
      resolution.year,
      resolution.sequence,
      resolution.motionId,
      resolution.voteId,
      resolution.sessionId,
      resolution.motionVersion,
      resolution.title,
      resolution.body,
      resolution.complianceDeadline,
      JSON.stringify(resolution.document),
      resolution.digest,
      resolution.issuedAt,
    ],
  );
  const resolutionId = row!.id;
  const institutionIds = resolution.document.institutions.map((i) => i.id);
  await m.query(
    `INSERT INTO resolution_objectives (resolution_id, objective_code) SELECT $1, unnest($2::text[])`,
    [resolutionId, resolution.document.objectives],
  );
  await m.query(
    `INSERT INTO resolution_institutions (resolution_id, institution_id) SELECT $1, unnest($2::uuid[])`,
    [resolutionId, institutionIds],
  );
  await m.query(
    `INSERT INTO compliance (resolution_id, institution_id, deadline)
     SELECT $1, unnest($2::uuid[]), $3::date`,
    [resolutionId, institutionIds, resolution.complianceDeadline],
  );
  return resolutionId;
}
