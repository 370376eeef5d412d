import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE … RETURNING and gives back its rows: TypeORM answers those statements
 * with `[rows, affectedCount]` instead of the rows a SELECT or INSERT gives.
 */
export async function modifyReturning<T>(
  source: DataSource | EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await source.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
