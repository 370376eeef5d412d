import type { EvidenceFileView } from '#contracts';
import { checkEvidenceFile, type EvidenceLimits } from '#domain';
import { storeEvidenceFile } from '#persistence';
import type { Caller } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';

/**
 * Stores a file a liaison or the secretariat means to cite in a compliance report, after checking its
 * bytes (type and size). It is not public and not in the record until a report cites it by its digest;
 * uploading the same bytes again answers the file already stored.
 */
export async function uploadEvidenceFile(
  uow: UnitOfWork,
  caller: Caller,
  file: { bytes: Uint8Array; declaredType: string; originalName: string },
  limits: Pick<EvidenceLimits, 'maxFileBytes'>,
): Promise<EvidenceFileView & { created: boolean }> {
  const checked = checkEvidenceFile(file, limits);
  return storeEvidenceFile(uow.m, { ...checked, content: file.bytes, uploadedBy: caller.id });
}
