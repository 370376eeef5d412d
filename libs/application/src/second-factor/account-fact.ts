import { delegateIdOfUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/** The base of an account's credential facts: its id, and the delegate seat it holds if any. */
export async function accountFactBase(
  uow: UnitOfWork,
  userId: string,
): Promise<{ userId: string; delegateId?: string }> {
  const delegateId = await delegateIdOfUser(uow.m, userId);
  return delegateId ? { userId, delegateId } : { userId };
}
