import type { JobPayloads } from '#contracts';
import { purgeOldRefreshTokens } from '#persistence';
import type { DataSource } from 'typeorm';

export function purgeRefreshTokens(dataSource: DataSource) {
  return async ({
    olderThanDays,
  }: JobPayloads['maintenance.purge-refresh-tokens']): Promise<{ deleted: number }> => ({
    deleted: await purgeOldRefreshTokens(dataSource, olderThanDays),
  });
}
