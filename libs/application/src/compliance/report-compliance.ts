import type { ComplianceStatus } from '#contracts';
import { DomainError, hasAnyRole, type EvidenceLimits } from '#domain';
import {
  attachEvidenceFiles,
  evidenceFilesByDigest,
  insertComplianceReport,
  institutionCodeById,
  lockComplianceTrack,
  resolutionIdByNumber,
  writeComplianceStatus,
} from '#persistence';
import { actorOf, type Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';

export interface ComplianceReportInput {
  /** Required for the secretariat; a liaison reports for their own institution. */
  institutionCode?: string;
  progress: number;
  status?: 'in_progress' | 'fulfilled';
  body: string;
  evidence?: string[];
  /** SHA-256 digests of files uploaded before (POST /api/evidence), in the order they are cited. */
  evidenceFiles?: string[];
}

/** A liaison reports for their own institution only; the secretariat names the institution. */
async function reportingInstitution(
  uow: UnitOfWork,
  caller: Caller,
  requested: string | undefined,
): Promise<string> {
  if (hasAnyRole(caller.roles, ['admin'])) {
    if (!requested)
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'institutionCode', problems: ['institutionCode is required for the secretariat'] },
      ]);
    return requested;
  }
  const own = await institutionCodeById(uow.m, caller.institutionId);
  if (!own || (requested && requested !== own)) throw new DomainError('NOT_INSTITUTION_LIAISON');
  return own;
}

/**
 * An institution's progress on a resolution it is bound by: the report enters the public record (its
 * receipt is the event's hash) and the compliance status moves with it.
 */
export async function reportCompliance(
  uow: UnitOfWork,
  caller: Caller,
  number: string,
  input: ComplianceReportInput,
  limits: Pick<EvidenceLimits, 'maxFiles'> = { maxFiles: 20 },
): Promise<void> {
  const resolutionId = await resolutionIdByNumber(uow.m, number);
  if (!resolutionId) throw new DomainError('RESOLUTION_NOT_FOUND');
  const institution = await reportingInstitution(uow, caller, input.institutionCode);
  const track = await lockComplianceTrack(uow.m, resolutionId, institution);
  if (!track) throw new DomainError('INSTITUTION_NOT_BOUND', { institution, number });
  if (track.status === 'fulfilled') throw new DomainError('COMPLIANCE_ALREADY_FULFILLED');
  const fulfilled = input.status === 'fulfilled';
  if (fulfilled && input.progress !== 100) throw new DomainError('FULFILLED_NEEDS_FULL_PROGRESS');
  // A late report does not erase the lateness: overdue stays overdue until fulfilled.
  const status: ComplianceStatus = fulfilled
    ? 'fulfilled'
    : track.status === 'overdue'
      ? 'overdue'
      : 'in_progress';
  const evidence = input.evidence ?? [];
  const digests = input.evidenceFiles ?? [];
  if (digests.length > limits.maxFiles)
    throw new DomainError('EVIDENCE_TOO_MANY_FILES', { max: limits.maxFiles });
  const files = await evidenceFilesByDigest(uow.m, digests, institution);
  const missing = digests.find((digest) => !files.some((file) => file.sha256 === digest));
  if (missing) throw new DomainError('EVIDENCE_FILE_UNKNOWN', { sha256: missing });
  const reportedAs = hasAnyRole(caller.roles, ['admin']) ? 'secretariat' : 'liaison';
  const event = await uow.record({
    type: 'compliance.reported',
    actor: actorOf(caller),
    payload: {
      resolutionNumber: number,
      institutionCode: institution,
      progress: input.progress,
      status,
      body: input.body,
      evidence,
      evidenceFiles: files.map(({ sha256, fileName, size, mediaType }) => ({
        sha256,
        fileName,
        size,
        mediaType,
      })),
      reportedAs,
    },
  });
  const reportId = await insertComplianceReport(uow.m, {
    resolutionId,
    institutionCode: institution,
    progress: input.progress,
    status,
    body: input.body,
    evidence,
    reportedBy: caller.id,
    reportedAs,
    ledgerSequence: event.sequence,
  });
  await attachEvidenceFiles(uow.m, reportId, digests);
  await writeComplianceStatus(uow.m, resolutionId, institution, status, input.progress);
  uow.publicReadsChanged();
}
