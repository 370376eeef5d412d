import { ballotCommitment, DomainError, type BallotCastPayload, type BallotChoice } from '#domain';
import {
  holdVoteForBallot,
  LEDGER_INSERT_COLUMNS,
  ledgerInsertValues,
  sealNextLedgerEvent,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { actingDelegate, actorOf } from '../delegates/acting-delegate.js';

export interface BallotReceipt {
  voteId: string;
  delegateId: string;
  revision: number;
  choice: BallotChoice;
  /** The hash of the ballot's public-record event: findable at /api/ledger once recorded. */
  receipt: string;
  sequence: number;
  castAt: string;
  /** True when this answer repeats an earlier one (same idempotency key, or the same choice again). */
  replayed: boolean;
}

interface RevisionRow {
  revision: number;
  choice: BallotChoice;
  receipt: string;
  ledger_sequence: string;
  cast_at: Date;
}

const receiptOf = (
  voteId: string,
  delegateId: string,
  row: RevisionRow,
  replayed: boolean,
): BallotReceipt => ({
  voteId,
  delegateId,
  revision: row.revision,
  choice: row.choice,
  receipt: row.receipt,
  sequence: Number(row.ledger_sequence),
  castAt: row.cast_at.toISOString(),
  replayed,
});

/**
 * Records a ballot exactly once. The vote is held shared until commit (an advisory lock, and the row
 * FOR SHARE), so a close waits for ballots in flight and every later ballot sees it closed; the delegate's entitlement row is
 * locked FOR UPDATE, so one delegate's concurrent requests (retries) are taken one after the other.
 */
@Injectable()
export class BallotCastingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  cast(
    user: AuthenticatedUser,
    voteId: string,
    input: { choice: BallotChoice; idempotencyKey?: string },
  ): Promise<BallotReceipt> {
    return this.dataSource.transaction((m) => this.castIn(m, user, voteId, input));
  }

  private async castIn(
    m: EntityManager,
    user: AuthenticatedUser,
    voteId: string,
    input: { choice: BallotChoice; idempotencyKey?: string },
  ): Promise<BallotReceipt> {
    const delegate = await actingDelegate(m, user);
    await holdVoteForBallot(m, voteId);
    const [vote]: { status: 'open' | 'closed'; session_id: string; expired: boolean }[] = await m.query(
      `SELECT status, session_id, (deadline IS NOT NULL AND deadline <= now()) AS expired FROM votes WHERE id = $1 FOR SHARE`,
      [voteId],
    );
    if (!vote) throw new DomainError('VOTE_NOT_FOUND');
    const entitlement: unknown[] = await m.query(
      `SELECT 1 FROM vote_entitlements WHERE vote_id = $1 AND delegate_id = $2 FOR UPDATE`,
      [voteId, delegate.id],
    );
    if (entitlement.length === 0) throw new DomainError('NOT_ENTITLED_TO_VOTE');

    const key = input.idempotencyKey;
    if (key) {
      const [earlier]: RevisionRow[] = await m.query(
        `SELECT r.revision, r.choice, r.receipt, r.ledger_sequence, r.cast_at
         FROM ballot_idempotency_keys k JOIN ballot_revisions r USING (vote_id, delegate_id, revision)
         WHERE k.vote_id = $1 AND k.delegate_id = $2 AND k.idempotency_key = $3`,
        [voteId, delegate.id, key],
      );
      if (earlier) {
        if (earlier.choice !== input.choice) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
        return receiptOf(voteId, delegate.id, earlier, true);
      }
    }
    // Past the deadline the vote is over even before the closer has run.
    if (vote.status !== 'open' || vote.expired) throw new DomainError('VOTE_CLOSED');
    const presence: { present: boolean }[] = await m.query(
      `SELECT present FROM attendance WHERE session_id = $1 AND delegate_id = $2`,
      [vote.session_id, delegate.id],
    );
    if (!presence[0]?.present) throw new DomainError('VOTER_NOT_PRESENT');

    const [current]: RevisionRow[] = await m.query(
      `SELECT r.revision, r.choice, r.receipt, r.ledger_sequence, r.cast_at
       FROM ballots b JOIN ballot_revisions r USING (vote_id, delegate_id, revision)
       WHERE b.vote_id = $1 AND b.delegate_id = $2`,
      [voteId, delegate.id],
    );
    // The same choice again changes nothing: the answer is the ballot already standing.
    if (current && current.choice === input.choice) {
      if (key) await this.rememberKey(m, voteId, delegate.id, key, current.revision);
      return receiptOf(voteId, delegate.id, current, true);
    }

    const revision = (current?.revision ?? 0) + 1;
    const nonce = randomBytes(16).toString('hex');
    const reveal = { delegateId: delegate.id, revision, choice: input.choice, nonce };
    const payload: BallotCastPayload = {
      voteId,
      delegateId: delegate.id,
      revision,
      commitment: ballotCommitment(voteId, reveal),
    };
    // The record's append lock is held from here to the commit: everything after it is one statement.
    const event = await sealNextLedgerEvent(m, {
      type: 'ballot.cast',
      subject: `vote:${voteId}`,
      actor: actorOf(user),
      payload,
    });
    const [row]: RevisionRow[] = await m.query(
      `WITH e AS (
         INSERT INTO ledger_events (${LEDGER_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING sequence, hash),
       r AS (
         INSERT INTO ballot_revisions (vote_id, delegate_id, revision, choice, nonce, commitment, ledger_sequence, receipt)
         SELECT $10, $11, $12, $13, $14, $15, e.sequence, e.hash FROM e
         RETURNING revision, choice, receipt, ledger_sequence, cast_at),
       b AS (
         INSERT INTO ballots (vote_id, delegate_id, revision, choice) SELECT $10, $11, r.revision, r.choice FROM r
         ON CONFLICT (vote_id, delegate_id) DO UPDATE SET revision = EXCLUDED.revision, choice = EXCLUDED.choice, updated_at = now()),
       k AS (
         INSERT INTO ballot_idempotency_keys (vote_id, delegate_id, idempotency_key, revision)
         SELECT $10, $11, $16::text, r.revision FROM r WHERE $16::text IS NOT NULL)
       SELECT * FROM r`,
      [
        ...ledgerInsertValues(event),
        voteId,
        delegate.id,
        revision,
        input.choice,
        nonce,
        payload.commitment,
        key ?? null,
      ],
    );
    return receiptOf(voteId, delegate.id, row!, false);
  }

  private async rememberKey(
    m: EntityManager,
    voteId: string,
    delegateId: string,
    key: string,
    revision: number,
  ): Promise<void> {
    await m.query(
      `INSERT INTO ballot_idempotency_keys (vote_id, delegate_id, idempotency_key, revision) VALUES ($1, $2, $3, $4)`,
      [voteId, delegateId, key, revision],
    );
  }
}
