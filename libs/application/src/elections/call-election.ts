import { DomainError, isElectionMethod, type ElectionMethod } from '#domain';
import { insertElection, readPosition, readTerm } from '#persistence';
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../unit-of-work.js';
import { readElectionView, type ElectionView } from './election-views.js';

export interface CallElectionInput {
  positionId: string;
  termId: string;
  method: ElectionMethod;
  /** `approval_up_to_n` only; default: the position's seats. */
  maxChoices?: number;
  title?: string;
}

/**
 * The Mesa calls an election for all of a position's seats in a term, with its method; candidacies are
 * taken until its first round opens. The method's set-up is checked again at the opening, once the
 * candidates are known (checkElectionSpec).
 */
export async function callElection(
  uow: UnitOfWork,
  actor: string,
  input: CallElectionInput,
): Promise<ElectionView> {
  const { m } = uow;
  const position = await readPosition(m, input.positionId);
  if (!position) throw new DomainError('POSITION_NOT_FOUND');
  const term = await readTerm(m, input.termId);
  if (!term) throw new DomainError('TERM_NOT_FOUND');
  const invalid = (es: string, en: string) =>
    new DomainError('ELECTION_SPEC_INVALID', { reason: { es, en } });
  if (!isElectionMethod(input.method)) throw invalid('el método no existe', 'the method does not exist');
  if (input.method === 'single_choice' && position.seats !== 1)
    throw invalid(
      'el voto por un solo candidato elige un solo puesto; use la aprobación de hasta N',
      'one choice elects one seat; use approval of up to N',
    );
  if (input.maxChoices !== undefined && input.method !== 'approval_up_to_n')
    throw invalid(
      'solo la aprobación de hasta N tiene un máximo de marcas',
      'only approval of up to N has a maximum of choices',
    );
  const id = randomUUID();
  const title = input.title?.trim() || `${position.title_es} — ${term.label}`;
  const row = {
    id,
    position_id: position.id,
    term_id: term.id,
    title,
    method: input.method,
    seats: position.seats,
    max_choices: input.maxChoices ?? null,
    called_by: actor,
  };
  await insertElection(m, row);
  await uow.record({
    type: 'election.called',
    actor,
    payload: {
      electionId: id,
      positionId: position.id,
      termId: term.id,
      method: row.method,
      seats: row.seats,
      maxChoices: row.max_choices,
      title,
    },
  });
  uow.publicReadsChanged();
  return readElectionView(m, id);
}
