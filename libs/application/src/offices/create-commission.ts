import { DomainError } from '#domain';
import { constraintViolation, insertCommission } from '#persistence';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';
import type { CommissionView } from './office-views.js';

/** The secretariat creates a working commission (its chair and members are positions created apart). */
export async function createCommission(
  uow: UnitOfWork,
  actor: string,
  input: { name: { es: string; en: string } },
): Promise<CommissionView> {
  const id = randomUUID();
  const name = { es: input.name.es.trim(), en: input.name.en.trim() };
  try {
    await insertCommission(uow.m, { id, name_es: name.es, name_en: name.en });
  } catch (error) {
    if (constraintViolation(error).code === '23505') throw new DomainError('COMMISSION_NAME_TAKEN');
    throw error;
  }
  await uow.record({ type: 'commission.created', actor, payload: { commissionId: id, name } });
  uow.publicReadsChanged();
  return { id, name };
}
