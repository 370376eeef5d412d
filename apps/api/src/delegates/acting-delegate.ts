import { actingDelegate as actingDelegateOf, type ActingDelegate } from '#application';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';

export { actorOf, type ActingDelegate } from '#application';

/** For services still handed an EntityManager; use cases call libs/application's `actingDelegate`. */
export function actingDelegate(manager: EntityManager, user: AuthenticatedUser): Promise<ActingDelegate> {
  return actingDelegateOf({ m: manager }, user);
}
