import type { BallotChoice, BallotRecordingMethod, LedgerEvent } from '#domain';
import type { EntityManager } from 'typeorm';
import { LEDGER_INSERT_COLUMNS, ledgerInsertValues } from '../ledger/ledger-writer.js';

export interface BallotRevisionColumns {
  revision: number;
  choice: BallotChoice;
  receipt: string;
  ledger_sequence: string;
  cast_at: Date;
}

/** What ballot_batch_facts() answers for one request (see migrations 1764800000000 and 1765900000000). */
export interface BallotFactsRow {
  i: number;
  delegate_id: string | null;
  vote_found: boolean;
  vote_open: boolean | null;
  vote_expired: boolean | null;
  entitled: boolean;
  present: boolean;
  key_revision: number | null;
  key_choice: BallotChoice | null;
  key_receipt: string | null;
  key_sequence: string | null;
  key_cast_at: Date | null;
  cur_revision: number | null;
  cur_choice: BallotChoice | null;
  cur_receipt: string | null;
  cur_sequence: string | null;
  cur_cast_at: Date | null;
  /** How the Mesa recorded the standing ballot (null: the delegate's own). */
  cur_recorded_method: BallotRecordingMethod | null;
  head_sequence: string | null;
  head_hash: string | null;
}

/**
 * One statement for a whole batch: locks and reads what the ballot rules need for each (delegate —
 * the one the Mesa records for, else the caller's —, vote, idempotency key) and takes the record's
 * append lock, held until commit.
 */
export async function readBallotBatchFacts(
  m: EntityManager,
  requests: readonly { userId: string; delegateId?: string; voteId: string; idempotencyKey?: string }[],
  today: string,
): Promise<BallotFactsRow[]> {
  return m.query(
    'SELECT * FROM ballot_batch_facts($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date)',
    [
      requests.map((r) => (r.delegateId ? null : r.userId)),
      requests.map((r) => r.delegateId ?? null),
      requests.map((r) => r.voteId),
      requests.map((r) => r.idempotencyKey ?? null),
      today,
    ],
  );
}

export interface IdempotencyKeyRow {
  voteId: string;
  delegateId: string;
  key: string;
  revision: number;
}

const keyColumns = (keys: IdempotencyKeyRow[]) => [
  keys.map((k) => k.voteId),
  keys.map((k) => k.delegateId),
  keys.map((k) => k.key),
  keys.map((k) => k.revision),
];

export async function insertIdempotencyKeys(m: EntityManager, keys: IdempotencyKeyRow[]): Promise<void> {
  await m.query(
    `INSERT INTO ballot_idempotency_keys (vote_id, delegate_id, idempotency_key, revision)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])`,
    keyColumns(keys),
  );
}

export interface NewBallotRevision {
  voteId: string;
  delegateId: string;
  revision: number;
  choice: BallotChoice;
  nonce: string;
  commitment: string;
  /** Its sealed `ballot.cast` event. */
  event: LedgerEvent;
  /** The moderator who recorded it for the delegate, and how the delegate voted (null: their own). */
  recordedBy: { userId: string; method: BallotRecordingMethod } | null;
}

/**
 * Writes the sealed events, the revisions, the standing ballots and the idempotency keys of a batch
 * in one statement (one round trip); answers the recorded revisions.
 */
export async function insertBallotRevisions(
  m: EntityManager,
  revisions: NewBallotRevision[],
  keys: IdempotencyKeyRow[],
): Promise<(BallotRevisionColumns & { vote_id: string; delegate_id: string })[]> {
  const eventColumns = revisions.map((r) => ledgerInsertValues(r.event));
  const column = (n: number) => eventColumns.map((values) => values[n]);
  return m.query(
    `WITH e AS (
       INSERT INTO ledger_events (${LEDGER_INSERT_COLUMNS})
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::timestamptz[])
       RETURNING sequence),
     r AS (
       INSERT INTO ballot_revisions (vote_id, delegate_id, revision, choice, nonce, commitment, ledger_sequence, receipt,
                                     recorded_by, recorded_method)
       SELECT x.vote_id, x.delegate_id, x.revision, x.choice, x.nonce, x.commitment, x.ledger_sequence, x.receipt,
         x.recorded_by, x.recorded_method
       FROM unnest($10::uuid[], $11::uuid[], $12::int[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::text[],
                   $22::uuid[], $23::text[])
         AS x (vote_id, delegate_id, revision, choice, nonce, commitment, ledger_sequence, receipt, recorded_by,
               recorded_method)
       JOIN e ON e.sequence = x.ledger_sequence
       RETURNING vote_id, delegate_id, revision, choice, receipt, ledger_sequence, cast_at),
     b AS (
       INSERT INTO ballots (vote_id, delegate_id, revision, choice) SELECT vote_id, delegate_id, revision, choice FROM r
       ON CONFLICT (vote_id, delegate_id)
       DO UPDATE SET revision = EXCLUDED.revision, choice = EXCLUDED.choice, updated_at = now()),
     k AS (
       INSERT INTO ballot_idempotency_keys (vote_id, delegate_id, idempotency_key, revision)
       SELECT * FROM unnest($18::uuid[], $19::uuid[], $20::text[], $21::int[]))
     SELECT vote_id, delegate_id, revision, choice, receipt, ledger_sequence, cast_at FROM r`,
    [
      ...Array.from({ length: 9 }, (_, n) => column(n)),
      revisions.map((r) => r.voteId),
      revisions.map((r) => r.delegateId),
      revisions.map((r) => r.revision),
      revisions.map((r) => r.choice),
      revisions.map((r) => r.nonce),
      revisions.map((r) => r.commitment),
      revisions.map((r) => r.event.sequence),
      revisions.map((r) => r.event.hash),
      ...keyColumns(keys),
      revisions.map((r) => r.recordedBy?.userId ?? null),
      revisions.map((r) => r.recordedBy?.method ?? null),
    ],
  );
}
