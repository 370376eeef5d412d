import { SecretBox, type BallotChoice, type ElectionChoice } from '#domain';
import { createHmac, randomBytes } from 'node:crypto';

/** An election round's choice, or a secret question's yes / no / abstain. */
type SecretChoice = ElectionChoice | BallotChoice;

/**
 * One secret vote's box (an election round's or a secret question's, by its id): the tracker's lookup
 * and the sealed (tracker, choice), under the vote's own key.
 */
export interface RoundBox {
  lookup(tracker: string): Buffer;
  seal(ballot: { tracker: string; choice: SecretChoice }): Buffer;
  open<C extends SecretChoice = ElectionChoice>(sealed: Uint8Array): { tracker: string; choice: C };
}

/**
 * The keys of secret ballots (docs/secret-ballots.md), server-side only (node:crypto): each round has
 * 32 random bytes of its own, sealed under SECRETS_KEY (purpose `ballot-key`) while it is open and
 * dropped at the close. A box row's lookup is HMAC-SHA256(ballot key, tracker); its content is the
 * (tracker, choice) sealed with AES-GCM under the ballot key (purpose `secret-ballot`, the round's id).
 */
export class BallotBoxCipher {
  constructor(private readonly secrets: SecretBox) {}

  newKey(roundId: string): { sealedKey: Buffer; box: RoundBox } {
    const key = randomBytes(32);
    return {
      sealedKey: this.secrets.seal(key.toString('base64'), { purpose: 'ballot-key', id: roundId }),
      box: roundBox(key, roundId),
    };
  }

  forRound(roundId: string, sealedKey: Uint8Array): RoundBox {
    const key = Buffer.from(this.secrets.open(sealedKey, { purpose: 'ballot-key', id: roundId }), 'base64');
    return roundBox(key, roundId);
  }
}

function roundBox(key: Buffer, roundId: string): RoundBox {
  const box = new SecretBox(key);
  const context = { purpose: 'secret-ballot' as const, id: roundId };
  return {
    lookup: (tracker) => createHmac('sha256', key).update(tracker, 'utf8').digest(),
    seal: ({ tracker, choice }) => box.seal(JSON.stringify({ tracker, choice }), context),
    open: <C extends SecretChoice>(sealed: Uint8Array) =>
      JSON.parse(box.open(sealed, context)) as { tracker: string; choice: C },
  };
}
