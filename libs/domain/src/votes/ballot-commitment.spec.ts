import { createHash } from 'node:crypto';
import { ballotCommitment, countedBallots, type BallotReveal } from './ballot-commitment.js';

const VOTE_ID = 'vote-2026-0001';
const reveal: BallotReveal = {
  delegateId: 'd-0007',
  revision: 2,
  choice: 'abstain',
  nonce: '00112233445566778899aabbccddeeff',
};

describe('ballotCommitment', () => {
  it('is SHA-256 over the documented canonical JSON (keys sorted, no spaces)', () => {
    const canonical =
      '{"choice":"abstain","delegateId":"d-0007","nonce":"00112233445566778899aabbccddeeff","revision":2,"voteId":"vote-2026-0001"}';
    const expected = createHash('sha256').update(canonical, 'utf8').digest('hex');
    expect(ballotCommitment(VOTE_ID, reveal)).toBe(expected);
    // Pinned as a literal too (computed with `printf '%s' "$canonical" | sha256sum`).
    expect(ballotCommitment(VOTE_ID, reveal)).toBe(
      '8c37649b81302161e1dae0299278635e197bb98e57f0f43121af6e568e58d079',
    );
  });

  it('is deterministic and does not depend on the key order of the reveal object', () => {
    const reordered: BallotReveal = {
      nonce: reveal.nonce,
      choice: reveal.choice,
      revision: reveal.revision,
      delegateId: reveal.delegateId,
    };
    expect(ballotCommitment(VOTE_ID, reveal)).toBe(ballotCommitment(VOTE_ID, { ...reveal }));
    expect(ballotCommitment(VOTE_ID, reordered)).toBe(ballotCommitment(VOTE_ID, reveal));
    expect(ballotCommitment(VOTE_ID, reveal)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every field it binds', () => {
    const base = ballotCommitment(VOTE_ID, reveal);
    const variants = [
      ballotCommitment(VOTE_ID, { ...reveal, choice: 'yes' }),
      ballotCommitment(VOTE_ID, { ...reveal, choice: 'no' }),
      ballotCommitment(VOTE_ID, { ...reveal, nonce: '00112233445566778899aabbccddeef0' }),
      ballotCommitment(VOTE_ID, { ...reveal, revision: 1 }),
      ballotCommitment(VOTE_ID, { ...reveal, revision: 3 }),
      ballotCommitment(VOTE_ID, { ...reveal, delegateId: 'd-0008' }),
      ballotCommitment('vote-2026-0002', reveal),
    ];
    for (const variant of variants) expect(variant).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('binds the revision as a number, not as a string', () => {
    const asString = { ...reveal, revision: '2' } as unknown as BallotReveal;
    expect(ballotCommitment(VOTE_ID, asString)).not.toBe(ballotCommitment(VOTE_ID, reveal));
  });
});

describe('countedBallots', () => {
  const r = (delegateId: string, revision: number, choice: BallotReveal['choice']): BallotReveal => ({
    delegateId,
    revision,
    choice,
    nonce: `${delegateId}-${revision}`,
  });

  it('keeps the highest revision of each delegate', () => {
    const counted = countedBallots([
      r('a', 1, 'yes'),
      r('a', 2, 'no'),
      r('b', 1, 'abstain'),
      r('a', 3, 'yes'),
    ]);
    expect([...counted.keys()].sort()).toEqual(['a', 'b']);
    expect(counted.get('a')).toEqual(r('a', 3, 'yes'));
    expect(counted.get('b')).toEqual(r('b', 1, 'abstain'));
  });

  it('gives the same result for every order of the revisions', () => {
    const revisions = [
      r('a', 1, 'yes'),
      r('a', 2, 'abstain'),
      r('a', 3, 'no'),
      r('b', 1, 'no'),
      r('b', 2, 'yes'),
    ];
    const permutations = (items: BallotReveal[]): BallotReveal[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((item, i) =>
            permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
          );
    const all = permutations(revisions);
    expect(all).toHaveLength(120);
    for (const order of all) {
      const counted = countedBallots(order);
      expect(counted.size).toBe(2);
      expect(counted.get('a')).toEqual(r('a', 3, 'no'));
      expect(counted.get('b')).toEqual(r('b', 2, 'yes'));
    }
  });

  it('gives an empty map for no revisions and does not touch its input', () => {
    expect(countedBallots([]).size).toBe(0);
    const input = [r('a', 2, 'no'), r('a', 1, 'yes')];
    const copy = structuredClone(input);
    countedBallots(input);
    expect(input).toEqual(copy);
  });
});
