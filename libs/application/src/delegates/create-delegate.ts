import type { UnitOfWork } from '../unit-of-work.js';
import { readDelegateView, type DelegateView } from './delegate-view.js';
import { seatDelegate, type DelegateInput } from './seat-delegate.js';

/** The secretariat seats a delegate (or an alternate); answers it as the secretariat sees it. */
export async function createDelegate(uow: UnitOfWork, input: DelegateInput): Promise<DelegateView> {
  const id = await seatDelegate(uow, input);
  return readDelegateView(uow.m, id, true);
}
