import type { BallotReceipt } from '#contracts';
import { assemblyToday, DomainError, type BallotChoice, type BallotRecordingMethod } from '#domain';
import { actorOf, castBallots, type BallotCastRequest, type BallotOutcome } from '#application';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { UseCaseRunner } from '../application/use-case-runner.js';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export type { BallotReceipt };

interface Waiting {
  request: BallotCastRequest;
  resolve: (receipt: BallotReceipt) => void;
  reject: (error: unknown) => void;
}

// Enough to take a whole burst of an assembly in a few commits, small enough to keep one statement cheap.
const MAX_BATCH = 200;

/**
 * Records ballots exactly once, in group commits: while a batch is being written, the requests that
 * arrive wait and go together in the next, so a burst pays one append lock and one commit per batch
 * instead of one per ballot. Every answer is given only after its batch has committed. A batch that
 * fails for an unexpected reason is rolled back whole and each of its requests is tried again alone,
 * so one bad request cannot take the others down with it.
 */
@Injectable()
export class BallotCastingService implements BeforeApplicationShutdown {
  private waiting: Waiting[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly useCases: UseCaseRunner) {}

  cast(
    user: AuthenticatedUser,
    voteId: string,
    input: { choice: BallotChoice; idempotencyKey?: string },
  ): Promise<BallotReceipt> {
    return this.enqueue({
      userId: user.id,
      actor: actorOf(user),
      // The public record names votes by their canonical (lower-case) id, whatever the URL's case.
      voteId: voteId.toLowerCase(),
      choice: input.choice,
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    });
  }

  /**
   * A ballot the Mesa records for a delegate who voted by voice, show of hands or on paper: the same
   * rules, batches and receipt as the delegate's own, the moderator named as the event's actor, and
   * the refusals naming the delegate (DELEGATE_NOT_ENTITLED, DELEGATE_NOT_PRESENT).
   */
  record(
    moderator: AuthenticatedUser,
    voteId: string,
    input: {
      delegateId: string;
      choice: BallotChoice;
      method: BallotRecordingMethod;
      idempotencyKey?: string;
    },
  ): Promise<BallotReceipt> {
    return this.enqueue({
      userId: moderator.id,
      actor: actorOf(moderator),
      voteId: voteId.toLowerCase(),
      choice: input.choice,
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      recordedFor: { delegateId: input.delegateId.toLowerCase(), method: input.method },
    });
  }

  private enqueue(request: BallotCastRequest): Promise<BallotReceipt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      // One batch at a time: measured again with the socket path (issue 15), a second batch in flight
      // only added contention; ballots wait in line while one batch is written.
      this.draining ??= this.drain().finally(() => {
        this.draining = null;
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) await this.settle(this.takeBatch());
  }

  /**
   * The oldest requests, at most one per delegate and vote: a repeat waits for the next batch. (A
   * delegate's own ballot and one the Mesa records for them are told apart by account and delegate id:
   * if both land in one batch, its write conflicts, and each is tried again alone.)
   */
  private takeBatch(): Waiting[] {
    const taken = new Set<string>();
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    for (const waiting of this.waiting) {
      const { voteId, userId, recordedFor } = waiting.request;
      const pair = recordedFor ? `${voteId}/delegate:${recordedFor.delegateId}` : `${voteId}/${userId}`;
      if (batch.length < MAX_BATCH && !taken.has(pair)) {
        taken.add(pair);
        batch.push(waiting);
      } else {
        later.push(waiting);
      }
    }
    this.waiting = later;
    return batch;
  }

  private async settle(batch: Waiting[]): Promise<void> {
    let outcomes: BallotOutcome[];
    try {
      outcomes = await this.useCases.run((uow) =>
        castBallots(
          uow,
          batch.map((w) => w.request),
          assemblyToday(),
        ),
      );
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else await Promise.all(batch.map((w) => this.settle([w])));
      return;
    }
    outcomes.forEach((outcome, i) => {
      const { request, resolve, reject } = batch[i]!;
      if (outcome.kind === 'refused') {
        reject(new DomainError(outcome.code));
        return;
      }
      const { revision } = outcome;
      resolve({
        voteId: request.voteId,
        delegateId: revision.delegateId,
        revision: revision.revision,
        choice: revision.choice,
        receipt: revision.receipt,
        sequence: revision.ledgerSequence,
        castAt: revision.castAt.toISOString(),
        replayed: outcome.replayed,
      });
    });
  }
}
