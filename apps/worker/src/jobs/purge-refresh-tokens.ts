import type { JobPayloads } from '#contracts';
import type { DataSource } from 'typeorm';

export function purgeRefreshTokens(dataSource: DataSource) {
  return async ({
    olderThanDays,
  }: JobPayloads['maintenance.purge-refresh-tokens']): Promise<{ deleted: number }> => {
    const result: [unknown[], number] = await dataSource.query(
      `DELETE FROM refresh_tokens
       WHERE expires_at < now() - make_interval(days => $1) OR revoked_at < now() - make_interval(days => $1)`,
      [olderThanDays],
    );
    return { deleted: result[1] };
  };
}
