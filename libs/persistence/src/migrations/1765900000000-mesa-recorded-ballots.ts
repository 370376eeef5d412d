import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BallotBatchFacts1764800000000 } from './1764800000000-ballot-batch-facts.js';

/**
 * Ballots the Mesa records for a delegate who voted by voice, show of hands or on paper: a revision
 * names the moderator who recorded it and how (both or neither), and ballot_batch_facts() takes, beside
 * the callers' own accounts, the delegates the Mesa records for (by delegate id: a delegate needs no
 * account to vote aloud), and answers how the standing ballot was recorded.
 *
 * Row i of the answer is request i: delegate p_delegate_ids[i] when set (the Mesa records for them),
 * else the delegate of account p_user_ids[i]. Locks and their order are those of 1764800000000.
 */
export class MesaRecordedBallots1765900000000 implements MigrationInterface {
  name = 'MesaRecordedBallots1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ballot_revisions
        ADD COLUMN recorded_by uuid REFERENCES users (id),
        ADD COLUMN recorded_method text CHECK (recorded_method IN ('voice', 'hands', 'paper')),
        ADD CONSTRAINT ballot_revisions_recorded_together CHECK ((recorded_by IS NULL) = (recorded_method IS NULL))`);
    await q.query(`DROP FUNCTION ballot_batch_facts(uuid[], uuid[], text[], date)`);
    await q.query(`
      CREATE FUNCTION ballot_batch_facts(
        p_user_ids uuid[], p_delegate_ids uuid[], p_vote_ids uuid[], p_keys text[], p_today date)
      RETURNS TABLE (
        i int, delegate_id uuid, vote_found boolean, vote_open boolean, vote_expired boolean,
        entitled boolean, present boolean,
        key_revision int, key_choice text, key_receipt text, key_sequence bigint, key_cast_at timestamptz,
        cur_revision int, cur_choice text, cur_receipt text, cur_sequence bigint, cur_cast_at timestamptz,
        cur_recorded_method text,
        head_sequence bigint, head_hash text)
      LANGUAGE plpgsql VOLATILE
      SET plan_cache_mode = force_custom_plan
      AS $$
      #variable_conflict use_column
      DECLARE
        v_head_sequence bigint;
        v_head_hash text;
      BEGIN
        PERFORM 1 FROM delegates d
          WHERE (d.user_id = ANY (p_user_ids) OR d.id = ANY (p_delegate_ids)) AND d.status = 'active'
            AND d.term_start <= p_today AND d.term_end >= p_today
          ORDER BY d.id FOR SHARE;
        PERFORM pg_advisory_xact_lock_shared(7345040, hashtext(v.id::text))
          FROM (SELECT DISTINCT x AS id FROM unnest(p_vote_ids) AS x ORDER BY 1) v;
        PERFORM 1 FROM votes WHERE id = ANY (p_vote_ids) ORDER BY id FOR SHARE;
        PERFORM 1 FROM vote_entitlements e
          JOIN delegates d ON d.id = e.delegate_id
          JOIN unnest(p_user_ids, p_delegate_ids, p_vote_ids) AS r (user_id, delegate_id, vote_id)
            ON (r.delegate_id = d.id OR (r.delegate_id IS NULL AND r.user_id = d.user_id))
              AND r.vote_id = e.vote_id
          ORDER BY e.vote_id, e.delegate_id FOR UPDATE OF e;
        SELECT h.sequence, h.hash INTO v_head_sequence, v_head_hash FROM ledger_lock_head() h;
        RETURN QUERY
          WITH r AS (
            SELECT x.n, x.vote_id, x.idempotency_key,
              coalesce(x.delegate_id, (SELECT u.id FROM delegates u WHERE u.user_id = x.user_id)) AS did
            FROM unnest(p_user_ids, p_delegate_ids, p_vote_ids, p_keys) WITH ORDINALITY
              AS x (user_id, delegate_id, vote_id, idempotency_key, n))
          SELECT r.n::int, d.id, v.id IS NOT NULL, v.status = 'open',
            (v.deadline IS NOT NULL AND v.deadline <= now()),
            e.delegate_id IS NOT NULL, coalesce(a.present, false),
            kr.revision, kr.choice, kr.receipt, kr.ledger_sequence, kr.cast_at,
            cr.revision, cr.choice, cr.receipt, cr.ledger_sequence, cr.cast_at, cr.recorded_method,
            v_head_sequence, v_head_hash
          FROM r
          LEFT JOIN delegates d ON d.id = r.did AND d.status = 'active'
            AND d.term_start <= p_today AND d.term_end >= p_today
          LEFT JOIN votes v ON v.id = r.vote_id
          LEFT JOIN vote_entitlements e ON e.vote_id = r.vote_id AND e.delegate_id = d.id
          LEFT JOIN attendance a ON a.session_id = v.session_id AND a.delegate_id = d.id
          LEFT JOIN ballot_idempotency_keys k
            ON k.vote_id = r.vote_id AND k.delegate_id = d.id AND k.idempotency_key = r.idempotency_key
          LEFT JOIN ballot_revisions kr
            ON kr.vote_id = k.vote_id AND kr.delegate_id = k.delegate_id AND kr.revision = k.revision
          LEFT JOIN ballots b ON b.vote_id = r.vote_id AND b.delegate_id = d.id
          LEFT JOIN ballot_revisions cr
            ON cr.vote_id = b.vote_id AND cr.delegate_id = b.delegate_id AND cr.revision = b.revision
          ORDER BY r.n;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ballot_batch_facts(uuid[], uuid[], uuid[], text[], date)`);
    await new BallotBatchFacts1764800000000().up(q);
    await q.query(`
      ALTER TABLE ballot_revisions
        DROP CONSTRAINT ballot_revisions_recorded_together,
        DROP COLUMN recorded_method,
        DROP COLUMN recorded_by`);
  }
}
