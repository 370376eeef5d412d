import type { ResolutionIssued } from '#contracts';
import {
  addCalendarDays,
  assemblyToday,
  formatResolutionNumber,
  normaliseResolutionDocument,
  resolutionDigest,
  type ResolutionDocument,
  type ResolutionIssuedPayload,
  type Tally,
} from '#domain';
import {
  insertResolution,
  nextResolutionSequence,
  notifyInstitutions,
  readAdoptedMotion,
  readBallots,
} from '#persistence';
import { rulesInForceNow } from '../rules/rules-in-force.js';
import type { UnitOfWork } from '../unit-of-work.js';

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
 * the next number of the year (gapless), the motion's text as it stands now (adopted amendments
 * applied), its canonical form and digest, its compliance tracks, its PDF job and webhooks.
 */
export async function issueResolution(
  uow: UnitOfWork,
  vote: AdoptedVote,
  actor: string | null,
): Promise<ResolutionIssued> {
  const { m } = uow;
  const year = Number(assemblyToday().slice(0, 4));
  const sequence = await nextResolutionSequence(m, year);
  const number = formatResolutionNumber(year, sequence);
  const motion = await readAdoptedMotion(m, vote.motionId);
  // The document's ballot table keeps the shape its digest has always covered (who recorded a ballot
  // is in the record's events and the served vote, not in the resolution).
  const ballots = (await readBallots(m, vote.id)).map(({ delegateId, name, constituency, choice }) => ({
    delegateId,
    name,
    constituency,
    choice,
  }));
  const issuedAt = new Date().toISOString();
  // A motion that names no deadline gets the reglamento's default, counted from the day it binds.
  const complianceDeadline =
    motion.compliance_deadline ??
    addCalendarDays(assemblyToday(), (await rulesInForceNow(m)).rules.compliance.defaultDeadlineDays);
  const document = normaliseResolutionDocument({
    number,
    issuedAt,
    sessionId: vote.sessionId,
    motion: { id: vote.motionId, number: motion.number, version: motion.current_version },
    title: motion.title,
    body: motion.body,
    objectives: motion.objectives,
    institutions: motion.institutions,
    complianceDeadline,
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
  const resolutionId = await insertResolution(m, {
    number,
    year,
    sequence,
    motionId: vote.motionId,
    voteId: vote.id,
    sessionId: vote.sessionId,
    motionVersion: motion.current_version,
    title: motion.title,
    body: motion.body,
    complianceDeadline,
    document,
    digest,
    issuedAt,
  });
  await uow.job('documents.render-resolution', { number });
  await notifyInstitutions(
    m,
    document.institutions.map((i) => i.id),
    'resolution.issued',
    `resolution.issued:${number}`,
    (institutionId) => ({
      number,
      title: motion.title,
      digest,
      issuedAt,
      complianceDeadline,
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
  await uow.record({ type: 'resolution.issued', actor, payload });
  const issued: ResolutionIssued = { ...payload, title: motion.title };
  await uow.live(vote.sessionId, 'resolution.issued', issued);
  uow.publicReadsChanged();
  uow.checkpointAfterCommit();
  return issued;
}
