import {
  checkElectionBallot,
  checkElectionSpec,
  explainMethod,
  type ElectionBallotSpec,
} from './election-method.js';

const single: ElectionBallotSpec = { method: 'single_choice', seats: 1, candidates: ['ana', 'beto', 'ceci'] };
const approval: ElectionBallotSpec = {
  method: 'approval_up_to_n',
  seats: 2,
  candidates: ['ana', 'beto', 'ceci', 'dora'],
};
const perCandidate: ElectionBallotSpec = {
  method: 'yes_no_abstain_per_candidate',
  seats: 2,
  candidates: ['ana', 'beto'],
};

describe('checkElectionSpec', () => {
  it('accepts the three methods set up sensibly', () => {
    expect(checkElectionSpec(single)).toBeNull();
    expect(checkElectionSpec(approval)).toBeNull();
    expect(checkElectionSpec({ ...approval, maxChoices: 4 })).toBeNull();
    expect(checkElectionSpec(perCandidate)).toBeNull();
  });

  it.each<[string, ElectionBallotSpec]>([
    ['no seat', { ...single, seats: 0 }],
    ['no candidate', { ...single, candidates: [] }],
    ['a repeated candidate', { ...single, candidates: ['ana', 'ana'] }],
    ['one choice for two seats', { ...single, seats: 2 }],
    ['a maximum outside approval', { ...perCandidate, maxChoices: 1 }],
    ['a maximum above the candidates', { ...approval, maxChoices: 5 }],
    ['an unknown method', { ...single, method: 'borda' as never }],
  ])('refuses %s', (_, spec) => {
    expect(checkElectionSpec(spec)?.code).toBe('ELECTION_SPEC_INVALID');
  });
});

describe('checkElectionBallot', () => {
  it('accepts blank and null ballots under every method', () => {
    for (const spec of [single, approval, perCandidate]) {
      expect(checkElectionBallot(spec, { kind: 'blank' })).toEqual({ ok: true, choice: { kind: 'blank' } });
      expect(checkElectionBallot(spec, { kind: 'null' })).toEqual({ ok: true, choice: { kind: 'null' } });
    }
  });

  it('takes one candidate under single choice, up to N under approval, sorted', () => {
    expect(checkElectionBallot(single, { kind: 'candidates', candidates: ['beto'] })).toEqual({
      ok: true,
      choice: { kind: 'candidates', candidates: ['beto'] },
    });
    expect(checkElectionBallot(single, { kind: 'candidates', candidates: ['beto', 'ana'] })).toMatchObject({
      ok: false,
      code: 'ELECTION_TOO_MANY_CHOICES',
      params: { max: 1 },
    });
    expect(checkElectionBallot(approval, { kind: 'candidates', candidates: ['dora', 'ana'] })).toEqual({
      ok: true,
      choice: { kind: 'candidates', candidates: ['ana', 'dora'] },
    });
    expect(
      checkElectionBallot(approval, { kind: 'candidates', candidates: ['dora', 'ana', 'beto'] }),
    ).toMatchObject({ ok: false, code: 'ELECTION_TOO_MANY_CHOICES', params: { max: 2 } });
    expect(
      checkElectionBallot(
        { ...approval, maxChoices: 3 },
        { kind: 'candidates', candidates: ['dora', 'ana', 'beto'] },
      ),
    ).toMatchObject({ ok: true });
  });

  it('refuses unknown, repeated or no candidates with their codes', () => {
    expect(checkElectionBallot(approval, { kind: 'candidates', candidates: ['eva'] })).toMatchObject({
      code: 'ELECTION_CANDIDATE_UNKNOWN',
      params: { candidate: 'eva' },
    });
    expect(checkElectionBallot(approval, { kind: 'candidates', candidates: ['ana', 'ana'] })).toMatchObject({
      code: 'ELECTION_CANDIDATE_REPEATED',
    });
    expect(checkElectionBallot(approval, { kind: 'candidates', candidates: [] })).toMatchObject({
      code: 'ELECTION_BALLOT_EMPTY',
    });
  });

  it('needs a mark for every candidate under yes/no/abstain, and only there', () => {
    expect(checkElectionBallot(perCandidate, { kind: 'marks', marks: { beto: 'no', ana: 'yes' } })).toEqual({
      ok: true,
      choice: { kind: 'marks', marks: { ana: 'yes', beto: 'no' } },
    });
    expect(checkElectionBallot(perCandidate, { kind: 'marks', marks: { ana: 'yes' } })).toMatchObject({
      code: 'ELECTION_MARK_MISSING',
      params: { candidate: 'beto' },
    });
    expect(
      checkElectionBallot(perCandidate, { kind: 'marks', marks: { ana: 'yes', beto: 'maybe' } }),
    ).toMatchObject({ code: 'ELECTION_BALLOT_SHAPE' });
    expect(
      checkElectionBallot(perCandidate, { kind: 'marks', marks: { ana: 'yes', beto: 'no', eva: 'no' } }),
    ).toMatchObject({ code: 'ELECTION_CANDIDATE_UNKNOWN' });
    expect(checkElectionBallot(perCandidate, { kind: 'candidates', candidates: ['ana'] })).toMatchObject({
      code: 'ELECTION_BALLOT_SHAPE',
    });
    expect(checkElectionBallot(single, { kind: 'marks', marks: { ana: 'yes' } })).toMatchObject({
      code: 'ELECTION_BALLOT_SHAPE',
    });
  });

  it('refuses what is not a ballot at all', () => {
    for (const junk of [null, 'ana', 3, {}, { kind: 'write_in' }, { kind: 'blank', candidates: ['ana'] }])
      expect(checkElectionBallot(single, junk)).toMatchObject({ ok: false, code: 'ELECTION_BALLOT_SHAPE' });
  });
});

describe('explainMethod', () => {
  it('says in Spanish and English how many to mark', () => {
    expect(explainMethod(approval).es).toContain('Marque hasta 2 personas');
    expect(explainMethod(approval).en).toContain('Mark up to 2 people');
    expect(explainMethod(single).es).toContain('una sola persona');
    expect(explainMethod(perCandidate).es).toContain('a favor, en contra o abstención');
  });
});
