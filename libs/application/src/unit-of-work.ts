import type { JobName, JobPayloads, LiveEnvelope, LiveEventData, LiveEventType } from '#contracts';
import type { LedgerEvent, NewRecordEvent } from '#domain';
import { appendLedgerEvent, enqueueJob, enqueueLiveEvent } from '#persistence';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a use case leaves to do once its transaction has committed. The use case declares it (the writes
 * below set it as they happen); the process that ran the use case applies it: the API nudges its relay
 * and its public-read cache and arms deadlines, the worker does what it can without a socket server.
 * A lost effect delays, never loses: the relay and the deadline reconcile poll for what was committed.
 */
export interface AfterCommit {
  /** Live events are in the outbox: publish them now rather than at the relay's next poll. */
  live: boolean;
  /** Resolutions or compliance changed: the public reads served from memory must be read again. */
  publicReads: boolean;
  /** Votes whose deadline is to be armed. */
  voteDeadlines: { voteId: string; deadline: Date }[];
  /** A session closed or a resolution was issued: sign a checkpoint now (the interval signs it otherwise). */
  checkpoint: boolean;
}

export function noEffects(): AfterCommit {
  return { live: false, publicReads: false, voteDeadlines: [], checkpoint: false };
}

/** A use case's answer: its result, and the effects its commit calls for. */
export interface Outcome<T> {
  result: T;
  after: AfterCommit;
}

/**
 * One transaction of a use case. Its writes to the public record and the outboxes go through here so
 * the after-commit effects can never be forgotten by a caller.
 */
export class UnitOfWork {
  readonly after: AfterCommit = noEffects();

  constructor(readonly m: EntityManager) {}

  /** Appends to the public record (typed by the catalogue in libs/domain/src/ledger/record-events.ts). */
  record(event: NewRecordEvent): Promise<LedgerEvent> {
    return appendLedgerEvent(this.m, event);
  }

  /** A live event for the session's room, published by the relay after commit. */
  async live<K extends LiveEventType>(
    sessionId: string,
    type: K,
    data: LiveEventData[K],
  ): Promise<LiveEnvelope<LiveEventData[K]>> {
    const envelope = await enqueueLiveEvent(this.m, sessionId, type, data);
    this.after.live = true;
    return envelope;
  }

  /** A background job, handed to the queue by the dispatcher after commit. */
  job<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    return enqueueJob(this.m, name, payload);
  }

  publicReadsChanged(): void {
    this.after.publicReads = true;
  }

  checkpointAfterCommit(): void {
    this.after.checkpoint = true;
  }

  armVoteDeadline(voteId: string, deadline: Date): void {
    this.after.voteDeadlines.push({ voteId, deadline });
  }
}

/** Runs `work` in one READ COMMITTED transaction (row locks give the ordering) and returns its effects. */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<Outcome<T>> {
  let uow: UnitOfWork | undefined;
  const result = await dataSource.transaction((m) => {
    uow = new UnitOfWork(m);
    return work(uow);
  });
  return { result, after: uow!.after };
}
