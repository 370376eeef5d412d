import type { EntityManager } from 'typeorm';

/**
 * The year's next number from a counter table (motions, resolutions, sessions). The counter row stays locked
 * until commit, so concurrent callers queue and a rollback leaves no gap.
 */
export async function nextYearlyNumber(
  m: EntityManager,
  counter: 'motion_number_counters' | 'resolution_number_counters' | 'session_number_counters',
  year: number,
): Promise<number> {
  const [row]: { last_number: number }[] = await m.query(
    `INSERT INTO ${counter} (year, last_number) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last_number = ${counter}.last_number + 1
     RETURNING last_number`,
    [year],
  );
  return row!.last_number;
}
