import { checkTerm, DomainError } from '#domain';
import { constraintViolation, insertTerm } from '#persistence';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';
import { termView, type TermView } from './office-views.js';

/** The secretariat sets a term of office: from its start (included) to its end (excluded). */
export async function createTerm(
  uow: UnitOfWork,
  actor: string,
  input: { label: string; startsAt: string; endsAt: string },
): Promise<TermView> {
  const problem = checkTerm(input);
  if (problem) throw new DomainError(problem);
  const row = {
    id: randomUUID(),
    label: input.label.trim(),
    starts_at: new Date(input.startsAt),
    ends_at: new Date(input.endsAt),
  };
  try {
    await insertTerm(uow.m, row);
  } catch (error) {
    if (constraintViolation(error).code === '23505') throw new DomainError('TERM_LABEL_TAKEN');
    throw error;
  }
  const view = termView(row);
  await uow.record({
    type: 'term.created',
    actor,
    payload: { termId: view.id, label: view.label, startsAt: view.startsAt, endsAt: view.endsAt },
  });
  uow.publicReadsChanged();
  return view;
}
