import { DomainError, type Role } from '#domain';
import { revokeRefreshTokensOfUser, writeUser } from '#persistence';
import type { UnitOfWork } from '../unit-of-work.js';
import { recordAccountFact } from './account-facts.js';
import { accountWriteRefusal, checkLiaisonInstitution } from './account-rules.js';
import { lockedUser, readUserView, type UserView } from './user-view.js';

export interface UserChangesInput {
  displayName?: string;
  roles?: Role[];
  institutionId?: string | null;
  active?: boolean;
}

/** Changes name, roles, institution or deactivates (which ends the account's sessions). */
export async function updateUser(
  uow: UnitOfWork,
  actorId: string,
  id: string,
  changes: UserChangesInput,
): Promise<UserView> {
  const user = await lockedUser(uow.m, id);
  const roles = changes.roles ?? user.roles;
  const institutionId = changes.institutionId !== undefined ? changes.institutionId : user.institutionId;
  const active = changes.active ?? user.active;
  // An admin cannot lock themselves out: someone must be left to administer.
  if (actorId === id && (!roles.includes('admin') || !active))
    throw new DomainError('CANNOT_CHANGE_OWN_ADMIN');
  checkLiaisonInstitution(roles, institutionId);
  try {
    await writeUser(uow.m, id, {
      displayName: changes.displayName?.trim() ?? user.displayName,
      roles,
      institutionId,
      active,
    });
  } catch (error) {
    throw accountWriteRefusal(error, user.email, institutionId);
  }
  if (!active) await revokeRefreshTokensOfUser(uow.m, id, new Date());
  const granted = roles.filter((role) => !user.roles.includes(role));
  const removed = user.roles.filter((role) => !roles.includes(role));
  if (granted.length > 0 || removed.length > 0)
    await recordAccountFact(uow, 'account.roles_changed', actorId, { userId: id, granted, removed });
  if (active !== user.active)
    await recordAccountFact(uow, 'account.status_changed', actorId, { userId: id, active });
  return readUserView(uow.m, id);
}
