import {
  COUNTING_RULES,
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

describe('counting rules: the full tally of a worked example', () => {
  it('simple, 9 yes 8 no 3 abstain of 21 entitled', () => {
    expect(vote('simple', 21, 9, 8, 3)).toEqual({
      rule: 'simple',
      ruleVersion: COUNTING_RULES_VERSION,
      counts: { yes: 9, no: 8, abstain: 3, notVoted: 1 },
      base: { kind: 'yes_plus_no', size: 17 },
      required: 9,
      outcome: 'adopted',
    });
  });

  it('absolute_present measures against the seats present at opening, not the entitled list', () => {
    // 30 present, but only 20 ballots could be cast: 16 are still needed.
    expect(vote('absolute_present', 20, 16, 4, 0, { present: 30 })).toEqual({
      rule: 'absolute_present',
      ruleVersion: COUNTING_RULES_VERSION,
      counts: { yes: 16, no: 4, abstain: 0, notVoted: 0 },
      base: { kind: 'present', size: 30 },
      required: 16,
      outcome: 'adopted',
    });
    expect(vote('absolute_present', 20, 15, 0, 0, { present: 30 })).toMatchObject({
      required: 16,
      outcome: 'rejected',
    });
    // abstentions and absences count against: 16 yes of 30 present passes whatever the rest did.
    expect(vote('absolute_present', 30, 16, 0, 14).outcome).toBe('adopted');
  });

  it('absolute_members, 4 yes 1 no 3 abstain of 9 entitled, 50 seated', () => {
    expect(vote('absolute_members', 9, 4, 1, 3, { seated: 50 })).toEqual({
      rule: 'absolute_members',
      ruleVersion: COUNTING_RULES_VERSION,
      counts: { yes: 4, no: 1, abstain: 3, notVoted: 1 },
      base: { kind: 'members', size: 50 },
      required: 26,
      outcome: 'rejected',
    });
  });

  it('two_thirds_cast, 20 yes 10 no: abstentions are outside the base', () => {
    expect(vote('two_thirds_cast', 40, 20, 10, 10)).toEqual({
      rule: 'two_thirds_cast',
      ruleVersion: COUNTING_RULES_VERSION,
      counts: { yes: 20, no: 10, abstain: 10, notVoted: 0 },
      base: { kind: 'yes_plus_no', size: 30 },
      required: 20,
      outcome: 'adopted',
    });
  });

  it('two_thirds_members, 20 of 30 seated', () => {
    expect(vote('two_thirds_members', 25, 20, 5, 0, { seated: 30 })).toEqual({
      rule: 'two_thirds_members',
      ruleVersion: COUNTING_RULES_VERSION,
      counts: { yes: 20, no: 5, abstain: 0, notVoted: 0 },
      base: { kind: 'members', size: 30 },
      required: 20,
      outcome: 'adopted',
    });
  });
});

describe('counting rules: thresholds for every rule', () => {
  type Row = [
    label: string,
    rule: CountingRule,
    size: number,
    yes: number,
    no: number,
    abstain: number,
    required: number,
    outcome: 'adopted' | 'rejected',
  ];

  // Every vote below has as many entitled, present and seated delegates as `size`.
  const rows: Row[] = [
    // no ballots at all: never adopted, and the threshold is still at least one yes
    ['no ballots', 'simple', 10, 0, 0, 0, 1, 'rejected'],
    ['no ballots', 'absolute_present', 10, 0, 0, 0, 6, 'rejected'],
    ['no ballots', 'absolute_members', 10, 0, 0, 0, 6, 'rejected'],
    ['no ballots', 'two_thirds_cast', 10, 0, 0, 0, 1, 'rejected'],
    ['no ballots', 'two_thirds_members', 10, 0, 0, 0, 7, 'rejected'],
    // everyone abstains
    ['all abstain', 'simple', 10, 0, 0, 10, 1, 'rejected'],
    ['all abstain', 'absolute_present', 10, 0, 0, 10, 6, 'rejected'],
    ['all abstain', 'absolute_members', 10, 0, 0, 10, 6, 'rejected'],
    ['all abstain', 'two_thirds_cast', 10, 0, 0, 10, 1, 'rejected'],
    ['all abstain', 'two_thirds_members', 10, 0, 0, 10, 7, 'rejected'],
    // exactly half of the base says yes: never enough
    ['exactly half', 'simple', 30, 10, 10, 10, 11, 'rejected'],
    ['exactly half', 'absolute_present', 30, 15, 0, 15, 16, 'rejected'],
    ['exactly half', 'absolute_members', 30, 15, 15, 0, 16, 'rejected'],
    ['exactly half', 'two_thirds_cast', 30, 10, 10, 10, 14, 'rejected'],
    ['exactly half', 'two_thirds_members', 30, 15, 15, 0, 20, 'rejected'],
    // exactly two thirds of the base says yes: enough for every rule
    ['exactly two thirds', 'simple', 30, 20, 10, 0, 11, 'adopted'],
    ['exactly two thirds', 'absolute_present', 30, 20, 0, 10, 16, 'adopted'],
    ['exactly two thirds', 'absolute_members', 30, 20, 10, 0, 16, 'adopted'],
    ['exactly two thirds', 'two_thirds_cast', 30, 20, 10, 0, 20, 'adopted'],
    ['exactly two thirds', 'two_thirds_members', 30, 20, 0, 0, 20, 'adopted'],
    // exactly at the threshold, and one yes short of it
    ['at threshold', 'simple', 30, 11, 10, 9, 11, 'adopted'],
    ['one short', 'simple', 30, 10, 10, 10, 11, 'rejected'],
    ['at threshold', 'absolute_present', 30, 16, 14, 0, 16, 'adopted'],
    ['one short', 'absolute_present', 30, 15, 0, 15, 16, 'rejected'],
    ['at threshold (odd base)', 'absolute_present', 31, 16, 15, 0, 16, 'adopted'],
    ['one short (odd base)', 'absolute_present', 31, 15, 15, 1, 16, 'rejected'],
    ['at threshold', 'absolute_members', 50, 26, 24, 0, 26, 'adopted'],
    ['one short', 'absolute_members', 50, 25, 0, 25, 26, 'rejected'],
    ['at threshold (7 cast)', 'two_thirds_cast', 10, 5, 2, 3, 5, 'adopted'],
    ['one short (7 cast)', 'two_thirds_cast', 10, 4, 3, 3, 5, 'rejected'],
    ['at threshold (12 cast)', 'two_thirds_cast', 20, 8, 4, 8, 8, 'adopted'],
    ['one short (11 cast)', 'two_thirds_cast', 20, 7, 4, 9, 8, 'rejected'],
    ['one yes, nothing else', 'two_thirds_cast', 5, 1, 0, 4, 1, 'adopted'],
    ['at threshold (31 seated)', 'two_thirds_members', 31, 21, 10, 0, 21, 'adopted'],
    ['one short (31 seated)', 'two_thirds_members', 31, 20, 0, 11, 21, 'rejected'],
    ['at threshold (32 seated)', 'two_thirds_members', 32, 22, 0, 0, 22, 'adopted'],
    ['one short (32 seated)', 'two_thirds_members', 32, 21, 11, 0, 22, 'rejected'],
  ];

  it.each(rows)(
    '%s, %s: %i entitled, %i/%i/%i → %i required, %s',
    (_label, rule, size, yes, no, abstain, required, outcome) => {
      const result = vote(rule, size, yes, no, abstain);
      expect(result.required).toBe(required);
      expect(result.outcome).toBe(outcome);
      expect(result.counts).toEqual({ yes, no, abstain, notVoted: size - yes - no - abstain });
    },
  );

  it('no rule adopts without a yes, even with an empty assembly', () => {
    for (const rule of COUNTING_RULES) {
      const result = tally({
        rule,
        entitled: [],
        ballots: new Map(),
        presentAtOpening: 0,
        seatedAtOpening: 0,
      });
      expect(result.outcome).toBe('rejected');
      expect(result.required).toBe(1);
      expect(result.counts).toEqual({ yes: 0, no: 0, abstain: 0, notVoted: 0 });
    }
  });
});

describe('counting rules: refused inputs, for every rule', () => {
  it.each(COUNTING_RULES)(
    '%s: a ballot from a delegate outside the entitled list is a TallyError naming them',
    (rule) => {
      const run = () =>
        tally({
          rule,
          entitled: ['a', 'b', 'c'],
          ballots: new Map<string, BallotChoice>([
            ['a', 'yes'],
            ['intruder', 'abstain'],
          ]),
          presentAtOpening: 3,
          seatedAtOpening: 3,
        });
      expect(run).toThrow(TallyError);
      expect(run).toThrow(/intruder/);
    },
  );

  it.each(COUNTING_RULES)('%s: a duplicated entitled delegate is a TallyError', (rule) => {
    const run = () =>
      tally({
        rule,
        entitled: ['a', 'b', 'a'],
        ballots: new Map<string, BallotChoice>([['a', 'yes']]),
        presentAtOpening: 3,
        seatedAtOpening: 3,
      });
    expect(run).toThrow(TallyError);
    expect(run).toThrow(/duplicates/);
  });
});

describe('counting rules: a minimum turnout from the reglamento', () => {
  const withTurnout = (size: number, yes: number, no: number, abstain: number, turnout: [number, number]) => {
    const entitled = Array.from({ length: size }, (_, i) => `d${i}`);
    const ballots = new Map<string, BallotChoice>();
    let i = 0;
    for (const [choice, n] of [
      ['yes', yes],
      ['no', no],
      ['abstain', abstain],
    ] as const)
      for (let k = 0; k < n; k += 1) ballots.set(entitled[i++]!, choice);
    return tally({
      rule: 'simple',
      entitled,
      ballots,
      presentAtOpening: size,
      seatedAtOpening: size,
      minimumTurnout: { numerator: turnout[0], denominator: turnout[1] },
    });
  };

  it('46 entitled, 3 yes, half required to take part: not adopted, with the reason and the figures', () => {
    const result = withTurnout(46, 3, 0, 0, [1, 2]);
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toBe('turnout_below_minimum');
    expect(result.turnout).toEqual({ cast: 3, required: 23 });
    expect(result.counts.notVoted).toBe(43);
  });

  it('abstentions count as taking part; exactly the minimum is enough', () => {
    const result = withTurnout(46, 3, 0, 20, [1, 2]);
    expect(result.turnout).toEqual({ cast: 23, required: 23 });
    expect(result.outcome).toBe('adopted');
    expect(result.reason).toBeUndefined();
  });

  it('a vote rejected on the count keeps no turnout reason; without a minimum the tally has its earlier shape', () => {
    expect(withTurnout(10, 2, 5, 0, [1, 2]).reason).toBeUndefined();
    expect(Object.keys(vote('simple', 10, 6, 1, 0)).sort()).toEqual([
      'base',
      'counts',
      'outcome',
      'required',
      'rule',
      'ruleVersion',
    ]);
  });
});
