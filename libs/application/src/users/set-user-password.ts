import { revokeRefreshTokensOfUser, writeUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { lockedUser } from './user-view.js';

/** Stores a new password hash (hashed by the caller, outside the transaction) and ends every session. */
export async function setUserPassword(uow: UnitOfWork, id: string, passwordHash: string): Promise<void> {
  await lockedUser(uow.m, id);
  await writeUser(uow.m, id, { passwordHash });
  await revokeRefreshTokensOfUser(uow.m, id, new Date());
}
