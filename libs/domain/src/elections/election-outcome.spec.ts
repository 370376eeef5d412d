import { sha256Hex } from '#crypto/digest';
import type { ElectionBallotSpec, ElectionChoice } from './election-method.js';
import {
  countElectionRound,
  decideElection,
  decideFirstRound,
  decideRunoff,
  ElectionCountError,
  lotKey,
  runoffSpec,
} from './election-outcome.js';

const SEED = sha256Hex('election.opened event');

/** `n` ballots choosing exactly `candidates`. */
function ballots(n: number, ...candidates: string[]): ElectionChoice[] {
  return Array.from({ length: n }, () => ({ kind: 'candidates', candidates }));
}
const blank = (n: number): ElectionChoice[] => Array.from({ length: n }, () => ({ kind: 'blank' }));
const spoiled = (n: number): ElectionChoice[] => Array.from({ length: n }, () => ({ kind: 'null' }));

const presidency: ElectionBallotSpec = {
  method: 'single_choice',
  seats: 1,
  candidates: ['ana', 'beto', 'ceci'],
};

describe('the first round', () => {
  it('elects with more than half of the valid ballots, blank and null ones counted apart', () => {
    const count = countElectionRound(presidency, [
      ...ballots(10, 'ana'),
      ...ballots(5, 'beto'),
      ...ballots(4, 'ceci'),
      ...blank(4),
      ...spoiled(2),
    ]);
    expect(count.ballots).toEqual({ cast: 25, valid: 19, blank: 4, null: 2 });
    const outcome = decideFirstRound(presidency, count);
    // 10 of 25 cast is no majority, but 10 of 19 valid is.
    expect(outcome.threshold).toEqual({ kind: 'absolute_majority_of_valid', base: 19, required: 10 });
    expect(outcome.elected).toEqual([{ candidate: 'ana', support: 10, by: 'absolute_majority' }]);
    expect(outcome.runoff).toBeNull();
    expect(outcome.candidates.map((c) => [c.candidate, c.support])).toEqual([
      ['ana', 10],
      ['beto', 5],
      ['ceci', 4],
    ]);
  });

  it('calls a run-off between the two most voted when nobody has the majority', () => {
    const outcome = decideFirstRound(
      presidency,
      countElectionRound(presidency, [...ballots(8, 'ana'), ...ballots(7, 'beto'), ...ballots(5, 'ceci')]),
    );
    expect(outcome.threshold.required).toBe(11);
    expect(outcome.elected).toEqual([]);
    expect(outcome.runoff).toEqual({ candidates: ['ana', 'beto'], seats: 1 });
    expect(outcome.ties).toEqual([]);
  });

  it('takes everyone tied for the last run-off place into the run-off', () => {
    const outcome = decideFirstRound(
      presidency,
      countElectionRound(presidency, [...ballots(8, 'ana'), ...ballots(6, 'beto'), ...ballots(6, 'ceci')]),
    );
    expect(outcome.runoff).toEqual({ candidates: ['ana', 'beto', 'ceci'], seats: 1 });
    expect(outcome.ties).toEqual([
      {
        at: 'runoff_place',
        among: ['beto', 'ceci'],
        places: 1,
        decidedBy: 'runoff_widened',
        winners: ['beto', 'ceci'],
      },
    ]);
  });

  it('sends a tie for the last seat among candidates over the majority to a run-off between them', () => {
    const spec: ElectionBallotSpec = {
      method: 'approval_up_to_n',
      seats: 2,
      candidates: ['ana', 'beto', 'ceci'],
    };
    const outcome = decideFirstRound(
      spec,
      countElectionRound(spec, [
        ...ballots(8, 'ana', 'beto'),
        ...ballots(4, 'ana', 'ceci'),
        ...ballots(4, 'beto', 'ceci'),
        ...ballots(4, 'ana'),
      ]),
    );
    // 20 valid, 11 needed: ana 16, beto 12, ceci 8.
    expect(outcome.elected.map((s) => s.candidate)).toEqual(['ana', 'beto']);
    const tied = decideFirstRound(
      spec,
      countElectionRound(spec, [...ballots(12, 'beto', 'ceci'), ...ballots(8, 'ana')]),
    );
    // ana 8, beto 12, ceci 12 of 20: beto and ceci over the majority, tied for 2 seats — both elected.
    expect(tied.elected.map((s) => s.candidate)).toEqual(['beto', 'ceci']);
    const three: ElectionBallotSpec = { ...spec, seats: 1, maxChoices: 2 };
    const tiedForOne = decideFirstRound(
      three,
      countElectionRound(three, [...ballots(12, 'beto', 'ceci'), ...ballots(8, 'ana')]),
    );
    expect(tiedForOne.elected).toEqual([]);
    expect(tiedForOne.runoff).toEqual({ candidates: ['beto', 'ceci'], seats: 1 });
    expect(tiedForOne.ties).toEqual([
      { at: 'seat', among: ['beto', 'ceci'], places: 1, decidedBy: 'runoff', winners: [] },
    ]);
  });

  it('elects the most supported when more candidates than seats pass the majority with no tie for the last seat', () => {
    const one: ElectionBallotSpec = {
      method: 'approval_up_to_n',
      seats: 1,
      maxChoices: 2,
      candidates: ['ana', 'beto', 'ceci'],
    };
    // ana 20, beto 12, ceci 8 of 20 valid (11 needed): ana and beto over the majority, ana has the seat.
    const outcome = decideFirstRound(
      one,
      countElectionRound(one, [...ballots(12, 'ana', 'beto'), ...ballots(8, 'ana', 'ceci')]),
    );
    expect(outcome.elected.map((s) => [s.candidate, s.support])).toEqual([['ana', 20]]);
    expect(outcome.runoff).toBeNull();
    expect(outcome.ties).toEqual([]);
    // Two seats, three over the majority: ana 20, beto 16, ceci 12 of 20 (11 needed): ana and beto.
    const two: ElectionBallotSpec = { ...one, seats: 2, maxChoices: 3 };
    const both = decideFirstRound(
      two,
      countElectionRound(two, [
        ...ballots(12, 'ana', 'beto', 'ceci'),
        ...ballots(4, 'ana', 'beto'),
        ...ballots(4, 'ana'),
      ]),
    );
    expect(both.elected.map((s) => s.candidate)).toEqual(['ana', 'beto']);
    expect(both.runoff).toBeNull();
    // Two seats, ana 20 and beto and ceci 12 each: ana elected, the tie for the second seat runs off.
    const tiedSecond = decideFirstRound(
      two,
      countElectionRound(two, [...ballots(12, 'ana', 'beto', 'ceci'), ...ballots(8, 'ana')]),
    );
    expect(tiedSecond.elected.map((s) => s.candidate)).toEqual(['ana']);
    expect(tiedSecond.runoff).toEqual({ candidates: ['beto', 'ceci'], seats: 1 });
  });

  it('counts yes, no and abstain per candidate and leaves a seat vacant when no one is left to run off', () => {
    const spec: ElectionBallotSpec = {
      method: 'yes_no_abstain_per_candidate',
      seats: 1,
      candidates: ['ana'],
    };
    const marks = (mark: 'yes' | 'no' | 'abstain', n: number): ElectionChoice[] =>
      Array.from({ length: n }, () => ({ kind: 'marks', marks: { ana: mark } }));
    const count = countElectionRound(spec, [
      ...marks('yes', 6),
      ...marks('no', 4),
      ...marks('abstain', 2),
      ...blank(1),
    ]);
    expect(count.candidates).toEqual([
      { candidate: 'ana', support: 6, marks: { yes: 6, no: 4, abstain: 2 } },
    ]);
    const outcome = decideFirstRound(spec, count);
    expect(outcome.threshold.required).toBe(7);
    expect(outcome.elected).toEqual([]);
    expect(outcome.runoff).toBeNull();
    expect(outcome.vacant).toBe(1);
    const elected = decideFirstRound(spec, countElectionRound(spec, [...marks('yes', 7), ...marks('no', 5)]));
    expect(elected.elected).toEqual([{ candidate: 'ana', support: 7, by: 'absolute_majority' }]);
  });

  it('refuses to count a ballot the method does not accept (an altered box)', () => {
    expect(() => countElectionRound(presidency, [{ kind: 'candidates', candidates: ['eva'] }])).toThrow(
      ElectionCountError,
    );
    expect(() => countElectionRound(presidency, ballots(1, 'ana', 'beto'))).toThrow(ElectionCountError);
  });
});

describe('a three-seat vice-presidency where one seat needs a run-off', () => {
  const spec: ElectionBallotSpec = {
    method: 'approval_up_to_n',
    seats: 3,
    candidates: ['ana', 'beto', 'ceci', 'dora', 'eli'],
  };
  // 20 ballots, 11 needed: ana 15, beto 12, dora 9, ceci 8, eli 3.
  const firstRound = [
    ...ballots(8, 'ana', 'beto'),
    ...ballots(4, 'ana', 'beto', 'dora'),
    ...ballots(3, 'ana', 'ceci', 'eli'),
    ...ballots(5, 'ceci', 'dora'),
  ];

  it('elects two in the first round, runs off the next two for the third seat, and fills it', () => {
    const pending = decideElection({ spec, firstRound, seed: SEED });
    expect(pending.first.elected.map((s) => s.candidate)).toEqual(['ana', 'beto']);
    expect(pending.first.runoff).toEqual({ candidates: ['dora', 'ceci'], seats: 1 });
    expect(pending.pending).toBe(true);
    expect(runoffSpec(spec, pending.first)).toEqual({
      method: 'approval_up_to_n',
      seats: 1,
      candidates: ['dora', 'ceci'],
      maxChoices: 1,
    });
    const done = decideElection({
      spec,
      firstRound,
      runoff: [...ballots(11, 'ceci'), ...ballots(8, 'dora'), ...blank(1)],
      seed: SEED,
    });
    expect(done.runoff?.threshold).toEqual({ kind: 'most_votes', required: 1 });
    expect(done.elected).toEqual([
      { candidate: 'ana', support: 15, by: 'absolute_majority' },
      { candidate: 'beto', support: 12, by: 'absolute_majority' },
      { candidate: 'ceci', support: 11, by: 'runoff_most_votes' },
    ]);
    expect(done.vacant).toBe(0);
    expect(() =>
      decideElection({ spec, firstRound: ballots(20, 'ana', 'beto', 'ceci'), runoff: blank(20), seed: SEED }),
    ).toThrow(ElectionCountError);
  });
});

describe('a tie in the run-off', () => {
  const spec: ElectionBallotSpec = { method: 'single_choice', seats: 1, candidates: ['ana', 'beto', 'ceci'] };

  it('goes to the candidate with more first-round support', () => {
    const first = decideFirstRound(
      spec,
      countElectionRound(spec, [...ballots(8, 'ana'), ...ballots(7, 'beto'), ...ballots(5, 'ceci')]),
    );
    const rspec = runoffSpec(spec, first);
    const runoff = decideRunoff(
      rspec,
      countElectionRound(rspec, [...ballots(10, 'beto'), ...ballots(10, 'ana')]),
      first,
      SEED,
    );
    expect(runoff.elected).toEqual([{ candidate: 'ana', support: 10, by: 'tie_first_round_support' }]);
    expect(runoff.ties).toEqual([
      { at: 'seat', among: ['ana', 'beto'], places: 1, decidedBy: 'first_round_support', winners: ['ana'] },
    ]);
  });

  it('then to lots drawn from the public seed, which anyone can redraw', () => {
    const first = decideFirstRound(
      spec,
      countElectionRound(spec, [...ballots(7, 'ana'), ...ballots(7, 'beto'), ...ballots(6, 'ceci')]),
    );
    const rspec = runoffSpec(spec, first);
    const count = countElectionRound(rspec, [...ballots(10, 'beto'), ...ballots(10, 'ana')]);
    const winners = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const seed = sha256Hex(`opening ${i}`);
      const runoff = decideRunoff(rspec, count, first, seed);
      const expected = lotKey(seed, 'ana') < lotKey(seed, 'beto') ? 'ana' : 'beto';
      expect(runoff.elected).toEqual([{ candidate: expected, support: 10, by: 'tie_lot' }]);
      expect(runoff.ties[0]).toEqual({
        at: 'seat',
        among: ['ana', 'beto'],
        places: 1,
        decidedBy: 'lot',
        winners: [expected],
        lot: { seed, keys: { ana: lotKey(seed, 'ana'), beto: lotKey(seed, 'beto') } },
      });
      // The same seed always draws the same.
      expect(decideRunoff(rspec, count, first, seed)).toEqual(runoff);
      winners.add(expected);
    }
    expect(winners).toEqual(new Set(['ana', 'beto']));
    expect(() => decideRunoff(rspec, count, first, 'not-a-hash')).toThrow(ElectionCountError);
  });

  it('elects no one who got no vote: the seat stays vacant', () => {
    const first = decideFirstRound(
      spec,
      countElectionRound(spec, [...ballots(8, 'ana'), ...ballots(7, 'beto'), ...ballots(5, 'ceci')]),
    );
    const rspec = runoffSpec(spec, first);
    const runoff = decideRunoff(rspec, countElectionRound(rspec, blank(20)), first, SEED);
    expect(runoff.elected).toEqual([]);
    expect(runoff.vacant).toBe(1);
  });
});
