import { checkNewOffice, DomainError, type Office } from '#domain';
import {
  insertOffice,
  lockOfficesOfPosition,
  positionOf,
  readActiveAccount,
  readPosition,
  readTerm,
  type OfficeRow,
} from '#persistence';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';
import { officeView, type OfficeView } from './office-views.js';

export const officeOf = (
  row: Pick<OfficeRow, 'position_id' | 'holder_id' | 'starts_at' | 'ends_at' | 'ended_at'>,
): Office => ({
  positionId: row.position_id,
  holderId: row.holder_id,
  term: { startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() },
  endedAt: row.ended_at?.toISOString() ?? null,
});

/**
 * Gives a position to an account for a term (an election's result, or the secretariat's appointment):
 * checked against the position's other offices (seats at every instant, no overlapping term for the
 * same holder). It takes effect when the scheduled job reaches the term's start (applyOfficeChanges).
 */
export async function assignOffice(
  uow: UnitOfWork,
  actor: string | null,
  input: { positionId: string; termId: string; holderId: string; electionId?: string | null },
): Promise<OfficeView> {
  const { m } = uow;
  const positionRow = await readPosition(m, input.positionId);
  if (!positionRow) throw new DomainError('POSITION_NOT_FOUND');
  const term = await readTerm(m, input.termId);
  if (!term) throw new DomainError('TERM_NOT_FOUND');
  const holder = await readActiveAccount(m, input.holderId);
  if (!holder) throw new DomainError('HOLDER_NOT_FOUND');
  const others = await lockOfficesOfPosition(m, positionRow.id);
  const row: OfficeRow = {
    id: randomUUID(),
    position_id: positionRow.id,
    term_id: term.id,
    holder_id: holder.id,
    delegate_id: holder.delegate_id,
    election_id: input.electionId ?? null,
    starts_at: term.starts_at,
    ends_at: term.ends_at,
    ended_at: null,
    taken_at: null,
    granted_roles: null,
    left_at: null,
  };
  const problem = checkNewOffice(positionOf(positionRow), others.map(officeOf), officeOf(row));
  if (problem) throw new DomainError(problem);
  await insertOffice(m, row);
  const view = officeView(row);
  await uow.record({
    type: 'office.assigned',
    actor,
    payload: {
      officeId: row.id,
      positionId: row.position_id,
      termId: row.term_id,
      holderId: row.holder_id,
      delegateId: row.delegate_id,
      electionId: row.election_id,
      startsAt: view.startsAt,
      endsAt: view.endsAt,
    },
  });
  uow.publicReadsChanged();
  return view;
}
