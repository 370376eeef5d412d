import { newTrackerCode, SecretBox } from '#domain';
import { randomBytes } from 'node:crypto';
import { BallotBoxCipher } from './ballot-box-cipher.js';

describe('BallotBoxCipher', () => {
  const cipher = new BallotBoxCipher(new SecretBox(randomBytes(32)));
  const ballot = { tracker: newTrackerCode(), choice: { kind: 'candidates' as const, candidates: ['a'] } };

  it('opens what it sealed, under the round’s key kept sealed under SECRETS_KEY', () => {
    const { sealedKey, box } = cipher.newKey('round-1');
    const sealed = box.seal(ballot);
    expect(sealed.toString('latin1')).not.toContain(ballot.tracker);
    expect(cipher.forRound('round-1', sealedKey).open(sealed)).toEqual(ballot);
    expect(cipher.forRound('round-1', sealedKey).lookup(ballot.tracker)).toEqual(box.lookup(ballot.tracker));
  });

  it('binds keys and ballots to their round, and gives each round its own lookups', () => {
    const one = cipher.newKey('round-1');
    const two = cipher.newKey('round-2');
    expect(() => cipher.forRound('round-2', one.sealedKey)).toThrow(/unreadable/);
    expect(() => two.box.open(one.box.seal(ballot))).toThrow(/unreadable/);
    expect(one.box.lookup(ballot.tracker)).not.toEqual(two.box.lookup(ballot.tracker));
    expect(one.box.lookup(ballot.tracker)).toHaveLength(32);
    expect(() =>
      new BallotBoxCipher(new SecretBox(randomBytes(32))).forRound('round-1', one.sealedKey),
    ).toThrow(/unreadable/);
  });

  it('seals every ballot of a vote to one length, whatever its choice', () => {
    const { box } = cipher.newKey('vote-1');
    const tracker = newTrackerCode();
    const lengths = new Set(
      [
        'no',
        'yes',
        'abstain',
        { kind: 'blank' },
        { kind: 'null' },
        { kind: 'candidates', candidates: Array.from({ length: 60 }, () => randomBytes(16).toString('hex')) },
      ].map((choice) => box.seal({ tracker, choice: choice as never }).length),
    );
    expect([...lengths]).toEqual([5 + 12 + 4096 + 16]);
    expect(box.open<'abstain'>(box.seal({ tracker, choice: 'abstain' }))).toEqual({
      tracker,
      choice: 'abstain',
    });
  });

  it('tags a ballot with its owner: the same delegate and tracker only, and per vote', () => {
    const one = cipher.newKey('vote-1').box;
    const two = cipher.newKey('vote-2').box;
    const tracker = newTrackerCode();
    expect(one.ownerTag('ana', tracker)).toEqual(one.ownerTag('ana', tracker));
    expect(one.ownerTag('ana', tracker)).toHaveLength(32);
    expect(one.ownerTag('beto', tracker)).not.toEqual(one.ownerTag('ana', tracker));
    expect(one.ownerTag('ana', newTrackerCode())).not.toEqual(one.ownerTag('ana', tracker));
    expect(two.ownerTag('ana', tracker)).not.toEqual(one.ownerTag('ana', tracker));
    expect(one.ownerTag('ana', tracker)).not.toEqual(one.lookup(tracker));
  });
});
