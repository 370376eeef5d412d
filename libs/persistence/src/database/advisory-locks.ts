import type { EntityManager } from 'typeorm';

/**
 * The transaction-scoped advisory locks that make one process at a time do a periodic job. Every key
 * of the project is 7_345_0xx: 001 migrations (data-source), 002 plan catalogue, 003 demo assembly,
 * 010 record append (ledger_lock_head()), 020 live relay, 030 vote progress, 040 + vote (vote-store).
 */
export const ADVISORY_LOCKS = { liveRelay: 7_345_020, voteProgress: 7_345_030 } as const;

/** Takes the lock for the rest of the transaction if nobody holds it; false when another does. */
export async function tryAdvisoryLock(m: EntityManager, lock: keyof typeof ADVISORY_LOCKS): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await m.query(
    'SELECT pg_try_advisory_xact_lock($1) AS locked',
    [ADVISORY_LOCKS[lock]],
  );
  return locked;
}
