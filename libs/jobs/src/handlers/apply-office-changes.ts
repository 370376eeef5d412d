import type { JobPayloads } from '#contracts';
import { applyOfficeChanges, inTransaction, type AppliedOfficeChanges } from '#application';
import type { DataSource } from 'typeorm';

/** Every minute (and at boot in-process): office starts and ends up to now, with their role changes. */
export function applyOfficeChangesJob(dataSource: DataSource) {
  return async ({ at }: JobPayloads['offices.apply-changes']): Promise<AppliedOfficeChanges> =>
    (await inTransaction(dataSource, (uow) => applyOfficeChanges(uow, at ? new Date(at) : new Date())))
      .result;
}
