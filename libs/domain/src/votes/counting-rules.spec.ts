import {
  COUNTING_RULES_VERSION,
  tally,
  TallyError,
  type BallotChoice,
  type CountingRule,
} from './counting-rules.js';

/** Builds an entitled list of `size` delegates and ballots: `yes` first, then `no`, then `abstain`. */
function vote(
  rule: CountingRule,
  size: number,
  yes: number,
  no: number,
  abstain: number,
  extra: { present?: number; seated?: number } = {},
) {
  const entitled = Array.from({ length: size }, (_, i) => `d${i}`);
  const ballots = new Map<string, BallotChoice>();
  let i = 0;
  for (const [choice, n] of [
    ['yes', yes],
    ['no', no],
    ['abstain', abstain],
  ] as const) {
    for (let k = 0; k < n; k += 1) ballots.set(entitled[i++]!, choice);
  }
  return tally({
    rule,
    entitled,
    ballots,
    presentAtOpening: extra.present ?? size,
    seatedAtOpening: extra.seated ?? size,
  });
}

describe('counting rules (DESIGN.md worked examples)', () => {
  it('simple: 9 yes 8 no adopts; 8–8 fails (ties fail); abstentions do not count', () => {
    expect(vote('simple', 20, 9, 8, 3)).toMatchObject({
      outcome: 'adopted',
      required: 9,
      base: { kind: 'yes_plus_no', size: 17 },
    });
    expect(vote('simple', 20, 8, 8, 4).outcome).toBe('rejected');
    expect(vote('simple', 20, 1, 0, 19).outcome).toBe('adopted');
  });

  it('absolute_present: 30 present need 16', () => {
    expect(vote('absolute_present', 30, 16, 14, 0)).toMatchObject({
      outcome: 'adopted',
      required: 16,
      base: { kind: 'present', size: 30 },
    });
    expect(vote('absolute_present', 30, 15, 0, 15).outcome).toBe('rejected');
  });

  it('absolute_members: 50 seated need 26; 4 yes 1 no 3 abstain of 9 present fails', () => {
    expect(vote('absolute_members', 9, 4, 1, 3, { seated: 50 })).toMatchObject({
      outcome: 'rejected',
      required: 26,
      counts: { yes: 4, no: 1, abstain: 3, notVoted: 1 },
    });
    expect(vote('absolute_members', 40, 26, 0, 0, { seated: 50 }).outcome).toBe('adopted');
    expect(vote('absolute_members', 40, 25, 0, 0, { seated: 50 }).outcome).toBe('rejected');
  });

  it('two_thirds_cast: 20 yes 10 no adopts (exactly two thirds); 19–10 fails', () => {
    expect(vote('two_thirds_cast', 35, 20, 10, 5)).toMatchObject({ outcome: 'adopted', required: 20 });
    expect(vote('two_thirds_cast', 35, 19, 10, 5).outcome).toBe('rejected');
  });

  it('two_thirds_members: 30 seated need 20; 31 seated need 21', () => {
    expect(vote('two_thirds_members', 30, 20, 0, 0)).toMatchObject({ outcome: 'adopted', required: 20 });
    expect(vote('two_thirds_members', 31, 20, 0, 0)).toMatchObject({ outcome: 'rejected', required: 21 });
  });
});

describe('counting rules: edge cases', () => {
  it.each([
    'simple',
    'absolute_present',
    'absolute_members',
    'two_thirds_cast',
    'two_thirds_members',
  ] as const)('%s: no ballots and all-abstain both fail', (rule) => {
    expect(vote(rule, 10, 0, 0, 0).outcome).toBe('rejected');
    expect(vote(rule, 10, 0, 0, 10).outcome).toBe('rejected');
    expect(vote(rule, 10, 0, 0, 0).counts.notVoted).toBe(10);
  });

  it('exactly half is not more than half', () => {
    expect(vote('absolute_present', 20, 10, 0, 10).outcome).toBe('rejected');
    expect(vote('absolute_members', 20, 10, 10, 0).outcome).toBe('rejected');
  });

  it('records the rule version and refuses ballots from outside the entitled list or duplicated delegates', () => {
    expect(vote('simple', 3, 2, 1, 0).ruleVersion).toBe(COUNTING_RULES_VERSION);
    expect(() =>
      tally({
        rule: 'simple',
        entitled: ['a'],
        ballots: new Map([['b', 'yes']]),
        presentAtOpening: 1,
        seatedAtOpening: 1,
      }),
    ).toThrow(TallyError);
    expect(() =>
      tally({
        rule: 'simple',
        entitled: ['a', 'a'],
        ballots: new Map(),
        presentAtOpening: 2,
        seatedAtOpening: 2,
      }),
    ).toThrow(TallyError);
    expect(() =>
      tally({
        rule: 'majority' as never,
        entitled: [],
        ballots: new Map(),
        presentAtOpening: 0,
        seatedAtOpening: 0,
      }),
    ).toThrow(TallyError);
  });
});
