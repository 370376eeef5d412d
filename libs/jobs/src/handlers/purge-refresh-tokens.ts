import type { JobPayloads } from '#contracts';
import { modifyReturning } from '#persistence';
import type { DataSource } from 'typeorm';

export function purgeRefreshTokens(dataSource: DataSource) {
  return async ({
    olderThanDays,
  }: JobPayloads['maintenance.purge-refresh-tokens']): Promise<{ deleted: number }> => {
    const deleted = await modifyReturning<{ id: string }>(
      dataSource,
      `DELETE FROM refresh_tokens
       WHERE expires_at < now() - make_interval(days => $1) OR revoked_at < now() - make_interval(days => $1)
       RETURNING id`,
      [olderThanDays],
    );
    return { deleted: deleted.length };
  };
}
