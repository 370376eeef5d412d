import {
  ballotCommitment,
  decideBallot,
  GENESIS_HASH,
  sealEvent,
  type BallotCastPayload,
  type BallotChoice,
  type ErrorCode,
  type LedgerEvent,
} from '#domain';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { LEDGER_INSERT_COLUMNS, ledgerInsertValues } from '../ledger/ledger-writer.js';

export interface BallotCastRequest {
  userId: string;
  /** Who the public record names as the author of the ballot event. */
  actor: string;
  voteId: string;
  choice: BallotChoice;
  idempotencyKey?: string;
}

export interface RecordedRevision {
  delegateId: string;
  revision: number;
  choice: BallotChoice;
  receipt: string;
  ledgerSequence: number;
  castAt: Date;
}

export type BallotOutcome =
  { kind: 'recorded'; revision: RecordedRevision; replayed: boolean } | { kind: 'refused'; code: ErrorCode };

interface RevisionColumns {
  revision: number;
  choice: BallotChoice;
  receipt: string;
  ledger_sequence: string;
  cast_at: Date;
}

interface FactsRow {
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
  head_sequence: string | null;
  head_hash: string | null;
}

const revisionOf = (delegateId: string, row: RevisionColumns): RecordedRevision => ({
  delegateId,
  revision: row.revision,
  choice: row.choice,
  receipt: row.receipt,
  ledgerSequence: Number(row.ledger_sequence),
  castAt: row.cast_at,
});

const revisionFrom = (row: FactsRow, prefix: 'key' | 'cur'): RecordedRevision | null => {
  const revision = row[`${prefix}_revision`];
  if (revision === null || row.delegate_id === null) return null;
  return revisionOf(row.delegate_id, {
    revision,
    choice: row[`${prefix}_choice`]!,
    receipt: row[`${prefix}_receipt`]!,
    ledger_sequence: row[`${prefix}_sequence`]!,
    cast_at: row[`${prefix}_cast_at`]!,
  });
};

/**
 * Records a batch of ballot requests in the caller's transaction: one statement locks and reads what
 * the rules need for the whole batch and takes the record's append lock (ballot_batch_facts()), the
 * rules decide each request, and one statement writes every new revision, so a burst pays for one
 * commit instead of one per ballot. Requests must not repeat a (user, vote) pair: the caller sends
 * repeats in a later batch, where they see the earlier one.
 */
export async function recordBallots(
  m: EntityManager,
  requests: readonly BallotCastRequest[],
  today: string,
): Promise<BallotOutcome[]> {
  if (!m.queryRunner?.isTransactionActive) throw new Error('recordBallots needs a transaction');
  const facts: FactsRow[] = await m.query(
    'SELECT * FROM ballot_batch_facts($1::uuid[], $2::uuid[], $3::text[], $4::date)',
    [
      requests.map((r) => r.userId),
      requests.map((r) => r.voteId),
      requests.map((r) => r.idempotencyKey ?? null),
      today,
    ],
  );
  if (facts.length !== requests.length)
    throw new Error(`facts for ${facts.length} of ${requests.length} ballots`);

  const keys: { voteId: string; delegateId: string; key: string; revision: number }[] = [];
  const toRecord: { i: number; delegateId: string; revision: number; request: BallotCastRequest }[] = [];
  const outcomes: (BallotOutcome | null)[] = facts.map((row, i) => {
    const request = requests[i]!;
    const decision = decideBallot(
      {
        delegateActive: row.delegate_id !== null,
        vote: row.vote_found
          ? { open: row.vote_open === true, pastDeadline: row.vote_expired === true }
          : null,
        entitled: row.entitled,
        present: row.present,
        earlierForKey: revisionFrom(row, 'key'),
        current: revisionFrom(row, 'cur'),
      },
      request,
    );
    if (decision.kind === 'refuse') return { kind: 'refused', code: decision.code };
    const delegateId = row.delegate_id!;
    if (decision.kind === 'record') {
      toRecord.push({ i, delegateId, revision: decision.revision, request });
      return null;
    }
    if (decision.rememberKey) {
      keys.push({
        voteId: request.voteId,
        delegateId,
        key: request.idempotencyKey!,
        revision: decision.revision,
      });
    }
    const standing = revisionFrom(row, decision.of === 'current' ? 'cur' : 'key')!;
    return { kind: 'recorded', revision: standing, replayed: true };
  });

  if (toRecord.length > 0) {
    const head = {
      sequence: Number(facts[0]!.head_sequence ?? 0),
      hash: facts[0]!.head_hash ?? GENESIS_HASH,
    };
    const recorded = await appendRevisions(m, head, toRecord, keys);
    for (const { i, delegateId, request } of toRecord) {
      outcomes[i] = {
        kind: 'recorded',
        revision: recorded.get(`${request.voteId}/${delegateId}`)!,
        replayed: false,
      };
    }
  } else if (keys.length > 0) {
    await m.query(
      `INSERT INTO ballot_idempotency_keys (vote_id, delegate_id, idempotency_key, revision)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])`,
      keyColumns(keys),
    );
  }
  return outcomes as BallotOutcome[];
}

const keyColumns = (keys: { voteId: string; delegateId: string; key: string; revision: number }[]) => [
  keys.map((k) => k.voteId),
  keys.map((k) => k.delegateId),
  keys.map((k) => k.key),
  keys.map((k) => k.revision),
];

/**
 * Seals one `ballot.cast` event per new revision on the record's head (its append lock is held since
 * ballot_batch_facts() and until the commit) and writes events, revisions, standing ballots and idempotency keys in one statement.
 * The event carries only the commitment; the choice and nonce are revealed at the close.
 */
async function appendRevisions(
  m: EntityManager,
  head: { sequence: number; hash: string },
  toRecord: { delegateId: string; revision: number; request: BallotCastRequest }[],
  rememberedKeys: { voteId: string; delegateId: string; key: string; revision: number }[],
): Promise<Map<string, RecordedRevision>> {
  let previous = head;
  const occurredAt = new Date().toISOString();
  const events: LedgerEvent[] = [];
  const revisions = toRecord.map(({ delegateId, revision, request }) => {
    const nonce = randomBytes(16).toString('hex');
    const commitment = ballotCommitment(request.voteId, {
      delegateId,
      revision,
      choice: request.choice,
      nonce,
    });
    const payload: BallotCastPayload = { voteId: request.voteId, delegateId, revision, commitment };
    const event = sealEvent(
      {
        sequence: previous.sequence + 1,
        type: 'ballot.cast',
        subject: `vote:${request.voteId}`,
        payload,
        actor: request.actor,
        occurredAt,
      },
      previous.hash,
    );
    events.push(event);
    previous = { sequence: event.sequence, hash: event.hash };
    return { voteId: request.voteId, delegateId, revision, choice: request.choice, nonce, commitment, event };
  });
  const keys = [
    ...rememberedKeys,
    ...toRecord.flatMap(({ delegateId, revision, request }) =>
      request.idempotencyKey
        ? [{ voteId: request.voteId, delegateId, key: request.idempotencyKey, revision }]
        : [],
    ),
  ];
  const eventColumns = events.map(ledgerInsertValues);
  const column = (n: number) => eventColumns.map((values) => values[n]);
  const rows: (RevisionColumns & { vote_id: string; delegate_id: string })[] = await m.query(
    `WITH e AS (
       INSERT INTO ledger_events (${LEDGER_INSERT_COLUMNS})
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::timestamptz[])
       RETURNING sequence),
     r AS (
       INSERT INTO ballot_revisions (vote_id, delegate_id, revision, choice, nonce, commitment, ledger_sequence, receipt)
       SELECT x.vote_id, x.delegate_id, x.revision, x.choice, x.nonce, x.commitment, x.ledger_sequence, x.receipt
       FROM unnest($10::uuid[], $11::uuid[], $12::int[], $13::text[], $14::text[], $15::text[], $16::bigint[], $17::text[])
         AS x (vote_id, delegate_id, revision, choice, nonce, commitment, ledger_sequence, receipt)
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
    ],
  );
  if (rows.length !== revisions.length)
    throw new Error(`recorded ${rows.length} of ${revisions.length} ballots`);
  return new Map(rows.map((row) => [`${row.vote_id}/${row.delegate_id}`, revisionOf(row.delegate_id, row)]));
}
