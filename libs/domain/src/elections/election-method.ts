import type { ErrorCode } from '../errors/error-catalogue.js';

export const ELECTION_METHODS = [
  'yes_no_abstain_per_candidate',
  'single_choice',
  'approval_up_to_n',
] as const;
export type ElectionMethod = (typeof ELECTION_METHODS)[number];

export const CANDIDATE_MARKS = ['yes', 'no', 'abstain'] as const;
export type CandidateMark = (typeof CANDIDATE_MARKS)[number];

/** How one election is voted: its method, the seats it fills and the candidates on the ballot. */
export interface ElectionBallotSpec {
  method: ElectionMethod;
  seats: number;
  /** Accepted candidacies, by id (a delegate's or an account's id). */
  candidates: readonly string[];
  /** `approval_up_to_n` only: how many candidates a ballot may approve (default: the seats). */
  maxChoices?: number;
}

/**
 * What one ballot says. `blank` (voto en blanco) and `null` (voto nulo, spoiled on purpose) are cast,
 * counted in the participation and shown apart, but are not valid ballots: they never count toward the
 * absolute majority's base. Per-candidate marks list every candidate; the others name candidates.
 */
export type ElectionChoice =
  | { kind: 'blank' }
  | { kind: 'null' }
  | { kind: 'candidates'; candidates: string[] }
  | { kind: 'marks'; marks: Record<string, CandidateMark> };

export type BallotCheck =
  { ok: true; choice: ElectionChoice } | { ok: false; code: ErrorCode; params: Record<string, unknown> };

const refuse = (code: ErrorCode, params: Record<string, unknown> = {}): BallotCheck => ({
  ok: false,
  code,
  params,
});

export function isElectionMethod(value: unknown): value is ElectionMethod {
  return typeof value === 'string' && (ELECTION_METHODS as readonly string[]).includes(value);
}

/** How many candidates a ballot may name under the method. */
export function choicesAllowed(spec: ElectionBallotSpec): number {
  if (spec.method === 'single_choice') return 1;
  if (spec.method === 'approval_up_to_n') return spec.maxChoices ?? spec.seats;
  return spec.candidates.length;
}

/**
 * Problems with an election's set-up, or null: at least one seat and one candidate, no repeated
 * candidate, one choice fills one seat, and an approval ballot may name from 1 to all candidates.
 */
export function checkElectionSpec(
  spec: ElectionBallotSpec,
): { code: 'ELECTION_SPEC_INVALID'; params: { reason: { es: string; en: string } } } | null {
  const invalid = (es: string, en: string) => ({
    code: 'ELECTION_SPEC_INVALID' as const,
    params: { reason: { es, en } },
  });
  if (!isElectionMethod(spec.method)) return invalid('el método no existe', 'the method does not exist');
  if (!Number.isInteger(spec.seats) || spec.seats < 1)
    return invalid('debe haber al menos un puesto', 'there must be at least one seat');
  if (spec.candidates.length === 0)
    return invalid('no hay candidaturas aceptadas', 'there is no accepted candidacy');
  if (new Set(spec.candidates).size !== spec.candidates.length)
    return invalid('una candidatura está repetida', 'a candidacy is repeated');
  if (spec.method === 'single_choice' && spec.seats !== 1)
    return invalid(
      'el voto por un solo candidato elige un solo puesto; use la aprobación de hasta N',
      'one choice elects one seat; use approval of up to N',
    );
  if (spec.method !== 'approval_up_to_n' && spec.maxChoices !== undefined)
    return invalid(
      'solo la aprobación de hasta N tiene un máximo de marcas',
      'only approval of up to N has a maximum of choices',
    );
  const max = choicesAllowed(spec);
  if (
    spec.method === 'approval_up_to_n' &&
    (!Number.isInteger(max) || max < 1 || max > spec.candidates.length)
  )
    return invalid(
      'el máximo de marcas va de 1 al número de candidaturas',
      'the maximum of choices is from 1 to the number of candidacies',
    );
  return null;
}

/**
 * Whether a ballot is one the method accepts, and its normalized form (candidates sorted, marks with
 * their keys sorted) so equal ballots publish and hash alike. Checked before anything is written: a
 * refused ballot changes nothing and the voter can correct it.
 */
export function checkElectionBallot(spec: ElectionBallotSpec, ballot: unknown): BallotCheck {
  if (typeof ballot !== 'object' || ballot === null || !('kind' in ballot))
    return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
  const choice = ballot as ElectionChoice;
  const known = new Set(spec.candidates);
  switch (choice.kind) {
    case 'blank':
    case 'null':
      if (Object.keys(choice).length !== 1) return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
      return { ok: true, choice: { kind: choice.kind } };
    case 'candidates': {
      if (spec.method === 'yes_no_abstain_per_candidate' || !Array.isArray(choice.candidates))
        return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
      if (choice.candidates.length === 0) return refuse('ELECTION_BALLOT_EMPTY');
      for (const id of choice.candidates)
        if (typeof id !== 'string' || !known.has(id))
          return refuse('ELECTION_CANDIDATE_UNKNOWN', { candidate: String(id) });
      if (new Set(choice.candidates).size !== choice.candidates.length)
        return refuse('ELECTION_CANDIDATE_REPEATED');
      const max = choicesAllowed(spec);
      if (choice.candidates.length > max) return refuse('ELECTION_TOO_MANY_CHOICES', { max });
      return { ok: true, choice: { kind: 'candidates', candidates: [...choice.candidates].sort() } };
    }
    case 'marks': {
      if (
        spec.method !== 'yes_no_abstain_per_candidate' ||
        typeof choice.marks !== 'object' ||
        choice.marks === null ||
        Array.isArray(choice.marks)
      )
        return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
      for (const id of Object.keys(choice.marks))
        if (!known.has(id)) return refuse('ELECTION_CANDIDATE_UNKNOWN', { candidate: id });
      const marks: Record<string, CandidateMark> = {};
      for (const id of [...spec.candidates].sort()) {
        const mark = choice.marks[id];
        if (mark === undefined) return refuse('ELECTION_MARK_MISSING', { candidate: id });
        if (!(CANDIDATE_MARKS as readonly string[]).includes(mark))
          return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
        marks[id] = mark;
      }
      return { ok: true, choice: { kind: 'marks', marks } };
    }
    default:
      return refuse('ELECTION_BALLOT_SHAPE', { method: spec.method });
  }
}

/** The method in plain words, for the delegate console, the board and the minutes. */
export function explainMethod(spec: ElectionBallotSpec): { es: string; en: string } {
  const seats = spec.seats;
  switch (spec.method) {
    case 'single_choice':
      return {
        es: 'Marque a una sola persona. También puede votar en blanco o nulo.',
        en: 'Mark one person only. You may also cast a blank or a spoiled ballot.',
      };
    case 'approval_up_to_n': {
      const max = choicesAllowed(spec);
      return {
        es: `Marque hasta ${max} ${max === 1 ? 'persona' : 'personas'} (se ${seats === 1 ? 'elige 1 puesto' : `eligen ${seats} puestos`}). También puede votar en blanco o nulo.`,
        en: `Mark up to ${max} ${max === 1 ? 'person' : 'people'} (${seats} ${seats === 1 ? 'seat' : 'seats'} to fill). You may also cast a blank or a spoiled ballot.`,
      };
    }
    case 'yes_no_abstain_per_candidate':
      return {
        es: `Para cada candidatura marque a favor, en contra o abstención (se ${seats === 1 ? 'elige 1 puesto' : `eligen ${seats} puestos`}). También puede votar en blanco o nulo.`,
        en: `For each candidacy mark yes, no or abstain (${seats} ${seats === 1 ? 'seat' : 'seats'} to fill). You may also cast a blank or a spoiled ballot.`,
      };
  }
}
