import {
  ballotCommitment,
  decideBallot,
  GENESIS_HASH,
  recordSubject,
  sealEvent,
  type BallotCastPayload,
  type BallotChoice,
  type BallotRecordingMethod,
  type ErrorCode,
  type NewRecordEvent,
} from '#domain';
import {
  insertBallotRevisions,
  insertIdempotencyKeys,
  readBallotBatchFacts,
  readSecretVoteIds,
  type BallotFactsRow,
  type BallotRevisionColumns,
  type IdempotencyKeyRow,
  type NewBallotRevision,
} from '#persistence';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../unit-of-work.js';

export interface BallotCastRequest {
  /** The caller: the delegate casting their own ballot, or the moderator recording one. */
  userId: string;
  /** Who the public record names as the author of the ballot event. */
  actor: string;
  voteId: string;
  choice: BallotChoice;
  idempotencyKey?: string;
  /**
   * A ballot the Mesa records for this delegate (who voted by voice, hands or paper): `userId` and
   * `actor` are then the moderator's, and the event says how the delegate voted.
   */
  recordedFor?: { delegateId: string; method: BallotRecordingMethod };
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

const revisionOf = (delegateId: string, row: BallotRevisionColumns): RecordedRevision => ({
  delegateId,
  revision: row.revision,
  choice: row.choice,
  receipt: row.receipt,
  ledgerSequence: Number(row.ledger_sequence),
  castAt: row.cast_at,
});

const revisionFrom = (row: BallotFactsRow, prefix: 'key' | 'cur'): RecordedRevision | null => {
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
export async function castBallots(
  uow: UnitOfWork,
  requests: readonly BallotCastRequest[],
  today: string,
): Promise<BallotOutcome[]> {
  const { m } = uow;
  // The record's append lock taken by the facts statement lasts only as long as its transaction.
  if (!m.queryRunner?.isTransactionActive) throw new Error('castBallots needs a transaction');
  const facts = await readBallotBatchFacts(
    m,
    requests.map((r) => ({ ...r, ...(r.recordedFor ? { delegateId: r.recordedFor.delegateId } : {}) })),
    today,
  );
  if (facts.length !== requests.length)
    throw new Error(`facts for ${facts.length} of ${requests.length} ballots`);
  // A secret question takes no roll-call ballot, the delegate's own nor one the Mesa records (a trigger refuses it too).
  const secret = await readSecretVoteIds(m, [...new Set(requests.map((r) => r.voteId))]);

  const keys: IdempotencyKeyRow[] = [];
  const toRecord: { i: number; delegateId: string; revision: number; request: BallotCastRequest }[] = [];
  const outcomes: (BallotOutcome | null)[] = facts.map((row, i) => {
    const request = requests[i]!;
    if (row.vote_found && secret.has(request.voteId)) return { kind: 'refused', code: 'VOTE_IS_SECRET' };
    const decision = decideBallot(
      {
        delegateActive: row.delegate_id !== null,
        vote: row.vote_found
          ? { open: row.vote_open === true, pastDeadline: row.vote_expired === true }
          : null,
        entitled: row.entitled,
        present: row.present,
        earlierForKey: revisionFrom(row, 'key'),
        current:
          row.cur_revision === null
            ? null
            : { ...revisionFrom(row, 'cur')!, recordedBy: row.cur_recorded_method },
      },
      {
        choice: request.choice,
        ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
        ...(request.recordedFor ? { recordedBy: { method: request.recordedFor.method } } : {}),
      },
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
    await insertIdempotencyKeys(m, keys);
  }
  return outcomes as BallotOutcome[];
}

/**
 * Seals one `ballot.cast` event per new revision on the record's head (its append lock is held since
 * ballot_batch_facts() and until the commit) and writes events, revisions, standing ballots and idempotency keys in one statement.
 * The event carries only the commitment; the choice and nonce are revealed at the close.
 */
async function appendRevisions(
  m: EntityManager,
  head: { sequence: number; hash: string },
  toRecord: { delegateId: string; revision: number; request: BallotCastRequest }[],
  rememberedKeys: IdempotencyKeyRow[],
): Promise<Map<string, RecordedRevision>> {
  let previous = head;
  const occurredAt = new Date().toISOString();
  const revisions = toRecord.map(({ delegateId, revision, request }): NewBallotRevision => {
    const nonce = randomBytes(16).toString('hex');
    const commitment = ballotCommitment(request.voteId, {
      delegateId,
      revision,
      choice: request.choice,
      nonce,
    });
    const payload: BallotCastPayload = { voteId: request.voteId, delegateId, revision, commitment };
    // Only on a ballot the Mesa records: a delegate's own keeps the payload it always had.
    if (request.recordedFor) payload.recordedBy = { method: request.recordedFor.method };
    const cast: NewRecordEvent = { type: 'ballot.cast', actor: request.actor, payload };
    const event = sealEvent(
      { ...cast, sequence: previous.sequence + 1, subject: recordSubject(cast), occurredAt },
      previous.hash,
    );
    previous = { sequence: event.sequence, hash: event.hash };
    return {
      voteId: request.voteId,
      delegateId,
      revision,
      choice: request.choice,
      nonce,
      commitment,
      event,
      recordedBy: request.recordedFor ? { userId: request.userId, method: request.recordedFor.method } : null,
    };
  });
  const keys = [
    ...rememberedKeys,
    ...toRecord.flatMap(({ delegateId, revision, request }) =>
      request.idempotencyKey
        ? [{ voteId: request.voteId, delegateId, key: request.idempotencyKey, revision }]
        : [],
    ),
  ];
  const rows = await insertBallotRevisions(m, revisions, keys);
  if (rows.length !== revisions.length)
    throw new Error(`recorded ${rows.length} of ${revisions.length} ballots`);
  return new Map(rows.map((row) => [`${row.vote_id}/${row.delegate_id}`, revisionOf(row.delegate_id, row)]));
}
