import { DomainError } from '#domain';
import { lockSession, type SessionStateRow } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';

/** The session, locked for the rest of the transaction; SESSION_NOT_FOUND when there is none. */
export async function lockedSession(uow: Pick<UnitOfWork, 'm'>, id: string): Promise<SessionStateRow> {
  const session = await lockSession(uow.m, id);
  if (!session) throw new DomainError('SESSION_NOT_FOUND');
  return session;
}
