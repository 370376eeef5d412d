import { canonicalJson } from '../ledger/canonical-json.js';
import { checkElectionBallot, type ElectionBallotSpec, type ElectionChoice } from './election-method.js';
import { decideElection } from './election-outcome.js';
import {
  decideSecretBallot,
  findBallot,
  orderBallots,
  participationHash,
  secretBallotsHash,
  tallyPublishedBallots,
  verifySecretVote,
  type SecretBallot,
  type SecretBallotFacts,
} from './secret-ballot.js';
import { newTrackerCode } from './tracker-code.js';

const open: SecretBallotFacts = {
  delegateActive: true,
  vote: { open: true, pastDeadline: false },
  entitled: true,
  present: true,
  participated: false,
  underTracker: null,
};
const yes = canonicalJson('yes');
const no = canonicalJson('no');

describe('decideSecretBallot', () => {
  const tracker = newTrackerCode();

  it('casts a first ballot under a fresh tracker, replaces by tracker, repeats the same choice', () => {
    expect(decideSecretBallot(open, { tracker, choiceKey: yes })).toEqual({ kind: 'cast', tracker });
    const cast = { ...open, participated: true, underTracker: { choiceKey: yes, own: true } };
    expect(decideSecretBallot(cast, { tracker, choiceKey: no })).toEqual({ kind: 'replace', tracker });
    expect(decideSecretBallot(cast, { tracker, choiceKey: yes })).toEqual({ kind: 'repeat', tracker });
    expect(decideSecretBallot(cast, { tracker: tracker.toLowerCase(), choiceKey: no })).toEqual({
      kind: 'replace',
      tracker,
    });
  });

  it('refuses a second ballot without the tracker, and a first one under a tracker in use', () => {
    expect(
      decideSecretBallot({ ...open, participated: true }, { tracker: newTrackerCode(), choiceKey: yes }),
    ).toEqual({ kind: 'refuse', code: 'SECRET_BALLOT_ALREADY_CAST' });
    expect(
      decideSecretBallot(
        { ...open, underTracker: { choiceKey: no, own: false } },
        { tracker, choiceKey: yes },
      ),
    ).toEqual({
      kind: 'refuse',
      code: 'TRACKER_TAKEN',
    });
  });

  it("neither changes nor reveals another delegate's ballot sent under their tracker", () => {
    const voted = { ...open, participated: true };
    const theirs = { choiceKey: yes, own: false };
    // The same choice as theirs is no "repeat" (that would confirm it), a different one no "replace".
    for (const choiceKey of [yes, no])
      expect(decideSecretBallot({ ...voted, underTracker: theirs }, { tracker, choiceKey })).toEqual({
        kind: 'refuse',
        code: 'SECRET_BALLOT_ALREADY_CAST',
      });
    // Before one's own first ballot, the tracker is simply taken.
    expect(decideSecretBallot({ ...open, underTracker: theirs }, { tracker, choiceKey: yes })).toEqual({
      kind: 'refuse',
      code: 'TRACKER_TAKEN',
    });
  });

  it('refuses in order: account, vote, entitlement, tracker, then open, then presence', () => {
    const wrong: SecretBallotFacts = {
      delegateActive: false,
      vote: null,
      entitled: false,
      present: false,
      participated: false,
      underTracker: null,
    };
    const closed = { open: false, pastDeadline: false };
    const request = { tracker: 'ABCD', choiceKey: yes };
    expect(decideSecretBallot(wrong, request)).toMatchObject({ code: 'DELEGATE_NOT_ACTIVE' });
    expect(decideSecretBallot({ ...wrong, delegateActive: true }, request)).toMatchObject({
      code: 'VOTE_NOT_FOUND',
    });
    const withVote = { ...wrong, delegateActive: true, vote: closed };
    expect(decideSecretBallot(withVote, request)).toMatchObject({ code: 'NOT_ENTITLED_TO_VOTE' });
    expect(decideSecretBallot({ ...withVote, entitled: true }, request)).toMatchObject({
      code: 'TRACKER_MALFORMED',
    });
    expect(decideSecretBallot({ ...withVote, entitled: true }, { tracker, choiceKey: yes })).toMatchObject({
      code: 'VOTE_CLOSED',
    });
    expect(
      decideSecretBallot({ ...open, vote: { open: true, pastDeadline: true } }, { tracker, choiceKey: yes }),
    ).toMatchObject({ code: 'VOTE_CLOSED' });
    expect(decideSecretBallot({ ...open, present: false }, { tracker, choiceKey: yes })).toMatchObject({
      code: 'VOTER_NOT_PRESENT',
    });
  });

  it('still answers a retried ballot after the close, when it is public anyway, but changes nothing', () => {
    const after = {
      ...open,
      vote: { open: false, pastDeadline: true },
      participated: true,
      underTracker: { choiceKey: yes, own: true },
    };
    expect(decideSecretBallot(after, { tracker, choiceKey: yes })).toEqual({ kind: 'repeat', tracker });
    expect(decideSecretBallot(after, { tracker, choiceKey: no })).toMatchObject({ code: 'VOTE_CLOSED' });
  });
});

/** A ballot box the way a store following the decisions would keep it: two tables, no link. */
function runVote(casts: { delegate: string; tracker: string; choice: string }[]) {
  const participation = new Set<string>();
  const box = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const { delegate, tracker, choice } of casts) {
    const decision = decideSecretBallot(
      {
        ...open,
        participated: participation.has(delegate),
        underTracker: box.has(tracker)
          ? { choiceKey: canonicalJson(box.get(tracker)), own: owners.get(tracker) === delegate }
          : null,
      },
      { tracker, choiceKey: canonicalJson(choice) },
    );
    if (decision.kind === 'cast') {
      participation.add(delegate);
      box.set(decision.tracker, choice);
      owners.set(decision.tracker, delegate);
    } else if (decision.kind === 'replace') box.set(decision.tracker, choice);
  }
  const published: SecretBallot<string>[] = orderBallots(
    [...box].map(([tracker, choice]) => ({ tracker, choice })),
  );
  return { participants: [...participation], published };
}

describe('a secret vote from cast to verification', () => {
  const trackers = { ana: newTrackerCode(), beto: newTrackerCode(), ceci: newTrackerCode() };
  const { participants, published } = runVote([
    { delegate: 'ana', tracker: trackers.ana, choice: 'yes' },
    { delegate: 'beto', tracker: trackers.beto, choice: 'no' },
    { delegate: 'ana', tracker: trackers.ana, choice: 'no' },
    { delegate: 'beto', tracker: newTrackerCode(), choice: 'yes' },
    { delegate: 'ceci', tracker: trackers.ceci, choice: 'abstain' },
    // Ceci has seen Ana's tracker: her try to change Ana's ballot is refused.
    { delegate: 'ceci', tracker: trackers.ana, choice: 'yes' },
  ]);

  it('publishes one ballot per participant, ordered by tracker, holding no delegate', () => {
    expect(participants.sort()).toEqual(['ana', 'beto', 'ceci']);
    expect(published).toHaveLength(3);
    expect(published.map((b) => b.tracker)).toEqual(Object.values(trackers).sort());
    for (const ballot of published) expect(Object.keys(ballot).sort()).toEqual(['choice', 'tracker']);
    expect(JSON.stringify(published)).not.toMatch(/ana|beto|ceci/);
  });

  it('lets each voter find their own ballot with its last choice', () => {
    expect(findBallot(published, trackers.ana)).toEqual({ found: true, tracker: trackers.ana, choice: 'no' });
    expect(findBallot(published, trackers.beto.toLowerCase())).toMatchObject({ found: true, choice: 'no' });
    expect(findBallot(published, trackers.ceci)).toMatchObject({ found: true, choice: 'abstain' });
    expect(findBallot(published, newTrackerCode())).toEqual({ found: false, reason: 'absent' });
    expect(findBallot(published, 'XXXX')).toEqual({ found: false, reason: 'malformed' });
  });

  it('hashes the list the same whatever order it is given in, and differently when a choice changes', () => {
    const hash = secretBallotsHash('v1', published);
    expect(secretBallotsHash('v1', [...published].reverse())).toBe(hash);
    expect(secretBallotsHash('v2', published)).not.toBe(hash);
    const altered = published.map((b, i) =>
      i === 0 ? { ...b, choice: b.choice === 'yes' ? 'no' : 'yes' } : b,
    );
    expect(secretBallotsHash('v1', altered)).not.toBe(hash);
    expect(participationHash('v1', ['b', 'a'])).toBe(participationHash('v1', ['a', 'b']));
  });

  it('tallies the published list and checks it against the participation list', () => {
    const check = tallyPublishedBallots(published, participants, {
      isValidChoice: (c) => ['yes', 'no', 'abstain'].includes(c),
      entitled: ['ana', 'beto', 'ceci', 'dora'],
    });
    expect(check).toEqual({
      ok: true,
      tally: { ballots: 3, participants: 3, counts: { [no]: 2, [canonicalJson('abstain')]: 1 } },
    });
    expect(tallyPublishedBallots(published, ['ana', 'beto'])).toMatchObject({
      ok: false,
      finding: { code: 'count_differs' },
    });
    expect(tallyPublishedBallots(published, ['ana', 'beto', 'beto'])).toMatchObject({
      finding: { code: 'participant_duplicated' },
    });
    expect(tallyPublishedBallots(published, participants, { entitled: ['ana', 'beto'] })).toMatchObject({
      finding: { code: 'participant_not_entitled' },
    });
    expect(
      tallyPublishedBallots(published, participants, { isValidChoice: (c) => c !== 'abstain' }),
    ).toMatchObject({
      finding: { code: 'choice_invalid', tracker: trackers.ceci },
    });
  });
});

describe('verifySecretVote', () => {
  const spec: ElectionBallotSpec = { method: 'single_choice', seats: 1, candidates: ['ana', 'beto'] };
  const choices: ElectionChoice[] = [
    { kind: 'candidates', candidates: ['ana'] },
    { kind: 'candidates', candidates: ['ana'] },
    { kind: 'candidates', candidates: ['beto'] },
    { kind: 'blank' },
  ];
  const recordedBallots = orderBallots(choices.map((choice) => ({ tracker: newTrackerCode(), choice })));
  const participants = ['d1', 'd2', 'd3', 'd4'];
  const seed = 'a'.repeat(64);
  const recount = (c: ElectionChoice[]) => decideElection({ spec, firstRound: c, seed });
  const evidence = {
    voteId: 'v1',
    published: recordedBallots,
    participants,
    recorded: {
      ballots: recordedBallots,
      ballotsHash: secretBallotsHash('v1', recordedBallots),
      result: recount(recordedBallots.map((b) => b.choice)),
    },
    isValidChoice: (c: ElectionChoice) => checkElectionBallot(spec, c).ok,
    recount,
  };
  const served = (published: SecretBallot<ElectionChoice>[]) => verifySecretVote({ ...evidence, published });

  it('passes an untouched vote and recomputes its tally', () => {
    const check = verifySecretVote(evidence);
    expect(check.ok).toBe(true);
    expect(check.ok && check.tally.ballots).toBe(4);
    expect(evidence.recorded.result.elected).toEqual([
      { candidate: 'ana', support: 2, by: 'absolute_majority' },
    ]);
  });

  it('names an altered ballot', () => {
    const target = recordedBallots.findIndex(
      (b) => b.choice.kind === 'candidates' && b.choice.candidates[0] === 'beto',
    );
    const altered = recordedBallots.map((b, i) =>
      i === target ? { ...b, choice: { kind: 'candidates' as const, candidates: ['ana'] } } : b,
    );
    expect(served(altered)).toEqual({
      ok: false,
      finding: expect.objectContaining({ code: 'ballot_altered', tracker: recordedBallots[target]!.tracker }),
    });
  });

  it('names a duplicated, a missing and an extra ballot', () => {
    expect(served([...recordedBallots, recordedBallots[1]!])).toMatchObject({
      finding: { code: 'ballot_duplicated', tracker: recordedBallots[1]!.tracker },
    });
    expect(served(recordedBallots.slice(1))).toMatchObject({
      finding: { code: 'ballot_missing', tracker: recordedBallots[0]!.tracker },
    });
    const extra = { tracker: newTrackerCode(), choice: { kind: 'blank' } as ElectionChoice };
    expect(served([...recordedBallots, extra])).toMatchObject({
      finding: { code: 'ballot_unexpected', tracker: extra.tracker },
    });
    const renamed = recordedBallots.map((b, i) => (i === 2 ? { ...b, tracker: 'not-a-tracker' } : b));
    expect(served(renamed)).toMatchObject({
      finding: { code: 'ballot_missing', tracker: recordedBallots[2]!.tracker },
    });
  });

  it('fails when the ballots differ in number from the participants, or the record from its hash or result', () => {
    expect(verifySecretVote({ ...evidence, participants: participants.slice(1) })).toMatchObject({
      finding: { code: 'count_differs' },
    });
    expect(verifySecretVote({ ...evidence, participants: [...participants, 'd5'] })).toMatchObject({
      finding: { code: 'count_differs' },
    });
    const forged = recordedBallots.slice(1);
    expect(
      verifySecretVote({ ...evidence, recorded: { ...evidence.recorded, ballots: forged } }),
    ).toMatchObject({ finding: { code: 'ballots_hash_differs' } });
    const claimed = recount(choices.map(() => ({ kind: 'candidates', candidates: ['beto'] })));
    expect(
      verifySecretVote({ ...evidence, recorded: { ...evidence.recorded, result: claimed } }),
    ).toMatchObject({ finding: { code: 'result_differs' } });
  });
});
