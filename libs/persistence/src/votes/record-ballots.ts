import {
  ballotCommitment,
  decideBallot,
  GENESIS_HASH,
  sealEvent,
  type BallotCastPayload,
  type BallotChoice,
  type BallotDecision,
  type ErrorCode,
  type LedgerEvent,
} from '#domain';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ledgerInsertValues } from '../ledger/ledger-writer.js';
import { holdVotesForBallots } from './vote-locks.js';

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
  present: boolean | null;
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
}

const revisionOf = (delegateId: string, row: RevisionColumns): RecordedRevision => ({
  delegateId,
  revision: row.revision,
  choice: row.choice,
  receipt: row.receipt,
  ledgerSequence: Number(row.ledger_sequence),
  castAt: row.cast_at,
});

const revisionFrom = (delegateId: string, row: FactsRow, prefix: 'key' | 'cur'): RecordedRevision | null => {
  const revision = row[`${prefix}_revision`];
  if (revision === null) return null;
  return revisionOf(delegateId, {
    revision,
    choice: row[`${prefix}_choice`]!,
    receipt: row[`${prefix}_receipt`]!,
    ledger_sequence: row[`${prefix}_sequence`]!,
    cast_at: row[`${prefix}_cast_at`]!,
  });
};

/**
 * Records a batch of ballot requests in the caller's transaction: every lock and read is one statement
 * for the whole batch, the record's append lock is taken once, and every new revision is written by one
 * statement, so a burst pays for one commit instead of one per ballot. Requests must not repeat a
 * (user, vote) pair: the caller sends repeats in a later batch, where they see the earlier one.
 *
 * Locks, in the order a single ballot always took them: the delegate rows (shared, so a suspension
 * cannot slip in), each vote's ballot lock (shared; the close takes it exclusive) and its row, then the
 * entitlement rows (exclusive, so one delegate's concurrent requests run one after the other).
 */
export async function recordBallots(
  m: EntityManager,
  requests: readonly BallotCastRequest[],
  today: string,
): Promise<BallotOutcome[]> {
  if (!m.queryRunner?.isTransactionActive) throw new Error('recordBallots needs a transaction');
  const delegates: { user_id: string; id: string }[] = await m.query(
    `SELECT d.user_id, d.id FROM delegates d
     WHERE d.user_id = ANY($1::uuid[]) AND d.status = 'active' AND d.term_start <= $2 AND d.term_end >= $2
     ORDER BY d.id FOR SHARE OF d`,
    [[...new Set(requests.map((r) => r.userId))], today],
  );
  const delegateOf = new Map(delegates.map((d) => [d.user_id, d.id]));
  const voteIds = [...new Set(requests.map((r) => r.voteId))].sort();
  await holdVotesForBallots(m, voteIds);
  const votes: { id: string; open: boolean; expired: boolean }[] = await m.query(
    `SELECT id, status = 'open' AS open, (deadline IS NOT NULL AND deadline <= now()) AS expired
     FROM votes WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
    [voteIds],
  );
  const voteOf = new Map(votes.map((v) => [v.id, v]));

  const asked = requests.flatMap((r, i) => {
    const delegateId = delegateOf.get(r.userId);
    return delegateId && voteOf.has(r.voteId) ? [{ i, delegateId, request: r }] : [];
  });
  const entitled = new Set<number>();
  const facts = new Map<number, FactsRow>();
  if (asked.length > 0) {
    const pairs = [asked.map((a) => a.request.voteId), asked.map((a) => a.delegateId)];
    const rows: { vote_id: string; delegate_id: string }[] = await m.query(
      `SELECT e.vote_id, e.delegate_id FROM vote_entitlements e
       JOIN unnest($1::uuid[], $2::uuid[]) AS x (vote_id, delegate_id) USING (vote_id, delegate_id)
       ORDER BY e.vote_id, e.delegate_id FOR UPDATE OF e`,
      pairs,
    );
    const entitledPairs = new Set(rows.map((row) => `${row.vote_id}/${row.delegate_id}`));
    for (const a of asked) if (entitledPairs.has(`${a.request.voteId}/${a.delegateId}`)) entitled.add(a.i);
    const factRows: FactsRow[] = await m.query(
      `SELECT x.i, a.present,
         kr.revision AS key_revision, kr.choice AS key_choice, kr.receipt AS key_receipt,
         kr.ledger_sequence AS key_sequence, kr.cast_at AS key_cast_at,
         cr.revision AS cur_revision, cr.choice AS cur_choice, cr.receipt AS cur_receipt,
         cr.ledger_sequence AS cur_sequence, cr.cast_at AS cur_cast_at
       FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::text[]) AS x (i, vote_id, delegate_id, idempotency_key)
       JOIN votes v ON v.id = x.vote_id
       LEFT JOIN attendance a ON a.session_id = v.session_id AND a.delegate_id = x.delegate_id
       LEFT JOIN ballot_idempotency_keys k
         ON k.vote_id = x.vote_id AND k.delegate_id = x.delegate_id AND k.idempotency_key = x.idempotency_key
       LEFT JOIN ballot_revisions kr
         ON kr.vote_id = k.vote_id AND kr.delegate_id = k.delegate_id AND kr.revision = k.revision
       LEFT JOIN ballots b ON b.vote_id = x.vote_id AND b.delegate_id = x.delegate_id
       LEFT JOIN ballot_revisions cr
         ON cr.vote_id = b.vote_id AND cr.delegate_id = b.delegate_id AND cr.revision = b.revision`,
      [asked.map((a) => a.i), ...pairs, asked.map((a) => a.request.idempotencyKey ?? null)],
    );
    for (const row of factRows) facts.set(row.i, row);
  }

  const decisions: { decision: BallotDecision; delegateId: string; found: FactsRow | undefined }[] =
    requests.map((r, i) => {
      const delegateId = delegateOf.get(r.userId) ?? '';
      const vote = voteOf.get(r.voteId);
      const found = facts.get(i);
      const earlier = found ? revisionFrom(delegateId, found, 'key') : null;
      const current = found ? revisionFrom(delegateId, found, 'cur') : null;
      const decision = decideBallot(
        {
          delegateActive: delegateOf.has(r.userId),
          vote: vote ? { open: vote.open, pastDeadline: vote.expired } : null,
          entitled: entitled.has(i),
          present: found?.present === true,
          earlierForKey: earlier,
          current,
        },
        r,
      );
      return { decision, delegateId, found };
    });

  const keys: { voteId: string; delegateId: string; key: string; revision: number }[] = [];
  const outcomes: (BallotOutcome | null)[] = decisions.map(({ decision, delegateId, found }, i) => {
    const request = requests[i]!;
    if (decision.kind === 'refuse') return { kind: 'refused', code: decision.code };
    if (decision.kind === 'repeat') {
      if (decision.rememberKey) {
        keys.push({
          voteId: request.voteId,
          delegateId,
          key: request.idempotencyKey!,
          revision: decision.revision,
        });
      }
      const prefix = decision.of === 'current' ? 'cur' : 'key';
      return { kind: 'recorded', revision: revisionFrom(delegateId, found!, prefix)!, replayed: true };
    }
    return null;
  });

  const toRecord = decisions.flatMap(({ decision, delegateId }, i) =>
    decision.kind === 'record' ? [{ i, delegateId, revision: decision.revision, request: requests[i]! }] : [],
  );
  if (toRecord.length > 0) {
    const recorded = await appendRevisions(m, toRecord, keys);
    for (const { i, delegateId } of toRecord) {
      outcomes[i] = {
        kind: 'recorded',
        revision: recorded.get(`${requests[i]!.voteId}/${delegateId}`)!,
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
 * Seals one `ballot.cast` event per new revision on the record's head (append lock held from here to
 * the commit) and writes events, revisions, standing ballots and idempotency keys in one statement.
 * The event carries only the commitment; the choice and nonce are revealed at the close.
 */
async function appendRevisions(
  m: EntityManager,
  toRecord: { delegateId: string; revision: number; request: BallotCastRequest }[],
  rememberedKeys: { voteId: string; delegateId: string; key: string; revision: number }[],
): Promise<Map<string, RecordedRevision>> {
  const head: { sequence: string; hash: string }[] = await m.query('SELECT * FROM ledger_lock_head()');
  let previous = { sequence: head[0] ? Number(head[0].sequence) : 0, hash: head[0]?.hash ?? GENESIS_HASH };
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
       INSERT INTO ledger_events (sequence, type, subject, payload, payload_hash, previous_hash, hash, actor, occurred_at)
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
