import { checkPositions, DomainError, type PositionRank } from '#domain';
import { insertPosition, lockPositions, positionOf, readCommission, type PositionRow } from '#persistence';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';
import { positionView, type PositionView } from './office-views.js';

export interface NewPosition {
  body: 'mesa' | 'commission';
  commissionId?: string;
  rank: PositionRank;
  title: { es: string; en: string };
  seats: number;
}

/**
 * The secretariat adds a position of the Mesa or of a commission, checked with every other
 * (checkPositions: one presidency of one seat, one chair per commission, ranks that fit the body). The
 * Mesa's presidency comes first: a Mesa without one is refused.
 */
export async function createPosition(
  uow: UnitOfWork,
  actor: string,
  input: NewPosition,
): Promise<PositionView> {
  const { m } = uow;
  const existing = await lockPositions(m);
  const commissionId = input.body === 'commission' ? (input.commissionId ?? null) : null;
  if (input.body === 'commission' && (!commissionId || !(await readCommission(m, commissionId))))
    throw new DomainError('COMMISSION_NOT_FOUND');
  if (input.body === 'mesa' && input.commissionId !== undefined)
    throw new DomainError('POSITIONS_INVALID', {
      reason: {
        es: 'un cargo de la Mesa no pertenece a una comisión',
        en: 'a Mesa position belongs to no commission',
      },
    });
  const row: PositionRow = {
    id: randomUUID(),
    body: input.body,
    commission_id: commissionId,
    rank: input.rank,
    title_es: input.title.es.trim(),
    title_en: input.title.en.trim(),
    seats: input.seats,
  };
  const problem = checkPositions([...existing, row].map(positionOf));
  if (problem) throw new DomainError(problem.code, problem.params);
  await insertPosition(m, row);
  await uow.record({
    type: 'position.created',
    actor,
    payload: {
      positionId: row.id,
      body: row.body,
      commissionId,
      rank: row.rank,
      title: { es: row.title_es, en: row.title_en },
      seats: row.seats,
    },
  });
  uow.publicReadsChanged();
  return positionView(row);
}
