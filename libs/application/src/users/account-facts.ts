import type { NewRecordEvent, RecordEventPayloads } from '#domain';
import { seatsOfAccounts } from '#persistence';
import { actorOf } from '../delegates/caller.js';
import type { UnitOfWork } from '../unit-of-work.js';

type AccountFactType = Extract<NewRecordEvent['type'], `account.${string}`>;

/**
 * Appends a credential fact of an account to the public record, naming the delegate seat the account
 * holds (read in the same transaction) so anyone can see a seat's account was reset before a vote.
 * `actorId` is the acting account's id (null: the operator's command line).
 */
export async function recordAccountFact<K extends AccountFactType>(
  uow: UnitOfWork,
  type: K,
  actorId: string | null,
  payload: Omit<RecordEventPayloads[K], 'delegateId'> & { delegateId?: string },
): Promise<void> {
  const delegateId =
    payload.delegateId ?? (await seatsOfAccounts(uow.m, [payload.userId])).get(payload.userId);
  await uow.record({
    type,
    actor: actorId === null ? null : actorOf({ id: actorId }),
    payload: { ...payload, ...(delegateId ? { delegateId } : {}) },
  } as NewRecordEvent);
}
