import type { UnitOfWork } from '../unit-of-work.js';
import { issueEnrolment, type IssuedEnrolment } from '../users/issue-enrolment.js';
import { readDelegateView, type DelegateView } from './delegate-view.js';
import { seatDelegate, type DelegateInput } from './seat-delegate.js';

export type CreatedDelegate = DelegateView & {
  /** The enrolment code of the account created for the delegate, shown once. */
  enrolment: IssuedEnrolment | null;
};

/**
 * The secretariat seats a delegate (or an alternate); answers it as the secretariat sees it. An account
 * created for the delegate comes with its enrolment code, for the delegate to set their own password.
 */
export async function createDelegate(
  uow: UnitOfWork,
  actorId: string | null,
  input: DelegateInput,
  enrolmentTtlHours: number,
): Promise<CreatedDelegate> {
  const { id, account } = await seatDelegate(uow, input, actorId);
  const enrolment = account?.created
    ? await issueEnrolment(uow, actorId, account.userId, enrolmentTtlHours)
    : null;
  return { ...(await readDelegateView(uow.m, id, true)), enrolment };
}
