import type { ElectionOutcome, FirstRoundOutcome, RunoffOutcome, TieDecision } from './election-outcome.js';

export interface ExplanationLine {
  es: string;
  en: string;
}

const list = (names: string[], and: string) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
const seatsEs = (n: number) => `${n} ${n === 1 ? 'puesto' : 'puestos'}`;
const seatsEn = (n: number) => `${n} ${n === 1 ? 'seat' : 'seats'}`;
const votesEs = (n: number) => `${n} ${n === 1 ? 'voto' : 'votos'}`;
const votesEn = (n: number) => `${n} ${n === 1 ? 'vote' : 'votes'}`;

const BY: Record<string, ExplanationLine> = {
  absolute_majority: { es: 'por mayoría absoluta', en: 'by absolute majority' },
  runoff_most_votes: { es: 'por más votos en la segunda vuelta', en: 'by most votes in the run-off' },
  tie_first_round_support: {
    es: 'por empate en la segunda vuelta, decidido por los votos de la primera',
    en: "by a run-off tie decided by the first round's votes",
  },
  tie_lot: {
    es: 'por empate en la segunda vuelta, decidido por sorteo (verificable con la semilla publicada)',
    en: 'by a run-off tie decided by lot (checkable with the published seed)',
  },
};

function tieLine(tie: TieDecision, name: (id: string) => string): ExplanationLine {
  const among = tie.among.map(name);
  const how: Record<TieDecision['decidedBy'], ExplanationLine> = {
    runoff: { es: 'lo decide una segunda vuelta', en: 'a run-off decides it' },
    runoff_widened: {
      es: 'todas las candidaturas empatadas pasan a la segunda vuelta',
      en: 'every tied candidacy goes to the run-off',
    },
    first_round_support: {
      es: 'lo deciden los votos de la primera vuelta',
      en: "the first round's votes decide it",
    },
    lot: { es: 'lo decide el sorteo', en: 'the lot decides it' },
  };
  // `places` counts seats for a tie over seats, and places in the run-off for a tie over those.
  const forEs =
    tie.at === 'seat'
      ? seatsEs(tie.places)
      : `${tie.places} ${tie.places === 1 ? 'lugar' : 'lugares'} en la segunda vuelta`;
  const forEn =
    tie.at === 'seat'
      ? seatsEn(tie.places)
      : `${tie.places} run-off ${tie.places === 1 ? 'place' : 'places'}`;
  return {
    es: `Empate entre ${list(among, 'y')} por ${forEs}: ${how[tie.decidedBy].es}.`,
    en: `Tie between ${list(among, 'and')} for ${forEn}: ${how[tie.decidedBy].en}.`,
  };
}

/**
 * A round's outcome in plain words (Spanish first), for the board, the minutes and the delegate's
 * console: the ballots, the threshold, who is elected and by which rule, ties, the run-off, vacancies.
 * `name` turns a candidate's id into what people read.
 */
export function explainRound(
  outcome: FirstRoundOutcome | RunoffOutcome,
  name: (id: string) => string,
): ExplanationLine[] {
  const { cast, valid, blank } = outcome.ballots;
  const lines: ExplanationLine[] = [
    {
      es: `Papeletas: ${cast} (${valid} válidas, ${blank} en blanco, ${outcome.ballots.null} nulas).`,
      en: `Ballots: ${cast} (${valid} valid, ${blank} blank, ${outcome.ballots.null} spoiled).`,
    },
  ];
  if (outcome.round === 'first')
    lines.push({
      es: `Mayoría absoluta: más de la mitad de ${votesEs(outcome.threshold.base)} válidos, es decir ${votesEs(outcome.threshold.required)}; el voto en blanco y el nulo no cuentan en la base.`,
      en: `Absolute majority: more than half of ${votesEn(outcome.threshold.base)} valid, that is ${votesEn(outcome.threshold.required)}; blank and spoiled ballots are not part of the base.`,
    });
  else
    lines.push({
      es: 'Segunda vuelta: obtiene el puesto quien tiene más votos, con al menos uno.',
      en: 'Run-off: the seat goes to whoever has the most votes, with at least one.',
    });
  for (const seat of outcome.elected)
    lines.push({
      es: `${name(seat.candidate)} es elegida/o ${BY[seat.by]!.es} (${votesEs(seat.support)}).`,
      en: `${name(seat.candidate)} is elected ${BY[seat.by]!.en} (${votesEn(seat.support)}).`,
    });
  for (const tie of outcome.ties) lines.push(tieLine(tie, name));
  if (outcome.round === 'first' && outcome.runoff) {
    const names = outcome.runoff.candidates.map(name);
    lines.push({
      es: `Segunda vuelta por ${seatsEs(outcome.runoff.seats)} entre ${list(names, 'y')}.`,
      en: `Run-off for ${seatsEn(outcome.runoff.seats)} between ${list(names, 'and')}.`,
    });
  }
  if (outcome.vacant > 0)
    lines.push({
      es: `${seatsEs(outcome.vacant)} sin cubrir: se requiere una nueva convocatoria de candidaturas.`,
      en: `${seatsEn(outcome.vacant)} left vacant: a new call for candidacies is needed.`,
    });
  return lines;
}

/** The whole election in plain words: each round's explanation, then who holds the seats. */
export function explainElection(outcome: ElectionOutcome, name: (id: string) => string): ExplanationLine[] {
  const lines = [
    ...explainRound(outcome.first, name),
    ...(outcome.runoff ? explainRound(outcome.runoff, name) : []),
  ];
  const elected = outcome.elected.map((seat) => name(seat.candidate));
  lines.push(
    elected.length > 0
      ? { es: `Resultado: ${list(elected, 'y')}.`, en: `Result: ${list(elected, 'and')}.` }
      : { es: 'Resultado: ningún puesto cubierto.', en: 'Result: no seat filled.' },
  );
  return lines;
}
