import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip for "take the record's append lock, then read its head": a VOLATILE function runs
 * each statement with a fresh snapshot, so the head it reads is the one left by the last committed
 * append (a single SELECT could not: its snapshot would predate the lock).
 */
export class LedgerHeadLock1764600000000 implements MigrationInterface {
  name = 'LedgerHeadLock1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ledger_lock_head() RETURNS TABLE (sequence bigint, hash text)
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7345010);
        RETURN QUERY SELECT e.sequence, e.hash FROM ledger_events e ORDER BY e.sequence DESC LIMIT 1;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ledger_lock_head()`);
  }
}
