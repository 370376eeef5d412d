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
});
