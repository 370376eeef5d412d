// The elections of a session as its acta prints them: every figure and sentence worded here (Spanish),
// so the PDF template only lays them out and the stored document's source digest covers the words.
import {
  explainElection,
  explainRound,
  type ElectionOutcome,
  type FirstRoundOutcome,
  type RunoffOutcome,
  type SeatDecidedBy,
} from '#domain';
import type { MinutesElectionRows } from '#persistence';
import { plural } from './document-text.js';

export interface MinutesElectionRound {
  /** «Primera vuelta» / «Segunda vuelta». */
  label: string;
  /** Held in another session: only a line pointing to that session's acta prints. */
  heldElsewhere: string | null;
  method: string;
  openedAt: string;
  closedAt: string | null;
  closedBy: 'moderator' | 'deadline' | null;
  presentAtOpening: number;
  seatedAtOpening: number;
  entitledCount: number;
  participationCount: number;
  /** «5 (4 válidas, 1 en blanco, 0 nulas)», after the close. */
  ballots: string | null;
  threshold: string | null;
  /** Most support first: «3 votos», or «3 a favor, 1 en contra, 1 abstención», and how elected. */
  candidates: { name: string; constituency: string; result: string; elected: string | null }[];
  /** The domain's explanation of the outcome: who is elected and why, ties, the run-off, vacant seats. */
  explanation: string[];
  /** Lots drawn: the seed and each tied candidate's key, for anyone to redraw them. */
  lot: { seed: string; keys: { name: string; key: string }[] } | null;
  participants: { name: string; constituency: string }[];
  notParticipating: { name: string; constituency: string }[];
  /** The published list's hash in the record (`secret.ballots_published`). */
  ballotsHash: string | null;
}

export interface MinutesElection {
  title: string;
  position: string;
  term: string;
  seats: number;
  rounds: MinutesElectionRound[];
  /** Who holds the seats («Ana Pérez y Luis Soto.»), once the whole election is decided. */
  result: string | null;
}

const METHOD_ES = {
  single_choice: () => 'una sola candidatura por papeleta',
  approval_up_to_n: (max: number) =>
    `aprobación: hasta ${plural(max, 'candidatura', 'candidaturas')} por papeleta`,
  yes_no_abstain_per_candidate: () => 'a favor, en contra o abstención por cada candidatura',
} as const;

const ELECTED_BY_ES: Record<SeatDecidedBy, string> = {
  absolute_majority: 'por mayoría absoluta',
  runoff_most_votes: 'por más votos en la segunda vuelta',
  tie_first_round_support: 'por empate decidido por los votos de la primera vuelta',
  tie_lot: 'por empate decidido por sorteo',
};

const votes = (n: number) => plural(n, 'voto', 'votos');

export function minutesElections(rows: MinutesElectionRows, sessionId: string): MinutesElection[] {
  const candidate = new Map(rows.candidates.map((c) => [c.id, c]));
  const name = (id: string) => candidate.get(id)?.name ?? 'candidatura sin nombre';
  return rows.elections.map((election) => {
    const rounds = rows.rounds
      .filter((r) => r.election_id === election.id)
      .map((round): MinutesElectionRound => {
        const label = round.round === 'first' ? 'Primera vuelta' : 'Segunda vuelta';
        const outcome =
          round.status === 'closed' ? (round.outcome as FirstRoundOutcome | RunoffOutcome) : null;
        const entitled = rows.entitled.filter((e) => e.round_id === round.id);
        const participants = entitled
          .filter((e) => e.participated)
          .map(({ name, constituency }) => ({ name, constituency }));
        const elected = new Map(outcome?.elected.map((seat) => [seat.candidate, seat]) ?? []);
        const lotTie = outcome?.ties.find((tie) => tie.lot);
        return {
          label,
          heldElsewhere: round.session_id === sessionId ? null : round.session_number,
          method: (round.method === 'approval_up_to_n'
            ? METHOD_ES.approval_up_to_n(round.max_choices ?? round.seats)
            : METHOD_ES[round.method]()
          ).concat(`; ${plural(round.seats, 'puesto', 'puestos')}; se admiten el voto en blanco y el nulo`),
          openedAt: round.opened_at.toISOString(),
          closedAt: round.closed_at?.toISOString() ?? null,
          closedBy: round.closed_by,
          presentAtOpening: round.present_at_opening,
          seatedAtOpening: round.seated_at_opening,
          entitledCount: round.entitled_count,
          participationCount: participants.length,
          ballots: outcome
            ? `${outcome.ballots.cast} (${plural(outcome.ballots.valid, 'válida', 'válidas')}, ${outcome.ballots.blank} en blanco, ${plural(outcome.ballots.null, 'nula', 'nulas')})`
            : null,
          threshold: !outcome
            ? null
            : outcome.threshold.kind === 'absolute_majority_of_valid'
              ? `${votes(outcome.threshold.required)}: mayoría absoluta, más de la mitad de ${plural(outcome.threshold.base, 'papeleta válida', 'papeletas válidas')}`
              : 'más votos, con al menos uno',
          candidates: (outcome?.candidates ?? []).map((count) => {
            const seat = elected.get(count.candidate);
            const who = candidate.get(count.candidate);
            return {
              name: who?.name ?? name(count.candidate),
              constituency: who?.constituency ?? '',
              result: count.marks
                ? `${count.marks.yes} a favor, ${count.marks.no} en contra, ${plural(count.marks.abstain, 'abstención', 'abstenciones')}`
                : votes(count.support),
              elected: seat ? `elegida/o ${ELECTED_BY_ES[seat.by]}` : null,
            };
          }),
          // Its first two lines (the ballots, the threshold) print above as figures.
          explanation: outcome
            ? explainRound(outcome, name)
                .map((line) => line.es)
                .slice(2)
            : [],
          lot:
            lotTie?.lot !== undefined
              ? {
                  seed: lotTie.lot.seed,
                  keys: Object.entries(lotTie.lot.keys).map(([id, key]) => ({ name: name(id), key })),
                }
              : null,
          participants,
          notParticipating: entitled
            .filter((e) => !e.participated)
            .map(({ name, constituency }) => ({ name, constituency })),
          ballotsHash: round.ballots_hash,
        };
      });
    const outcome = election.status === 'decided' ? (election.outcome as ElectionOutcome) : null;
    return {
      title: election.title,
      position: election.commission
        ? `${election.position_title} (${election.commission})`
        : election.position_title,
      term: election.term_label,
      seats: election.seats,
      rounds,
      result: outcome
        ? (explainElection(outcome, name)
            .at(-1)
            ?.es.replace(/^Resultado: /, '') ?? null)
        : null,
    };
  });
}
