import { SecretBox, type BallotChoice, type ElectionChoice } from '#domain';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** An election round's choice, or a secret question's yes / no / abstain. */
type SecretChoice = ElectionChoice | BallotChoice;

/**
 * One secret vote's box (an election round's or a secret question's, by its id): the tracker's lookup
 * and the sealed (tracker, choice), under the vote's own key.
 */
export interface RoundBox {
  lookup(tracker: string): Buffer;
  /** Whose ballot a box row is, provable only with the key: HMAC of (delegate, tracker). */
  ownerTag(delegateId: string, tracker: string): Buffer;
  /** Whether a row's owner tag is this delegate's (a row from before owner tags, null, is anyone's). */
  owns(ownerTag: Uint8Array | null, delegateId: string, tracker: string): boolean;
  seal(ballot: { tracker: string; choice: SecretChoice }): Buffer;
  open<C extends SecretChoice = ElectionChoice>(sealed: Uint8Array): { tracker: string; choice: C };
}

/**
 * The keys of secret ballots (docs/secret-ballots.md), server-side only (node:crypto): each round has
 * 32 random bytes of its own, sealed under SECRETS_KEY (purpose `ballot-key`) while it is open and
 * dropped at the close. A box row's lookup is HMAC-SHA256(ballot key, tracker), its owner tag
 * HMAC-SHA256(ballot key, delegate and tracker); its content is the (tracker, choice) sealed with AES-GCM
 * under the ballot key (purpose `secret-ballot`, the round's id), padded to a whole number of blocks.
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

/**
 * Every sealed ballot is padded with spaces to a multiple of this many bytes, so that its length says
 * nothing of its choice: unpadded, a question's no / yes / abstain sealed to 80 / 81 / 85 bytes. A ballot
 * of an election marks at most one entry per candidate (~50 bytes each), so every ballot of a round
 * with up to ~80 candidates seals to the same length.
 */
export const SEALED_BALLOT_BLOCK = 4096;

function padded(json: string): string {
  const bytes = Buffer.byteLength(json, 'utf8');
  const size = Math.max(1, Math.ceil(bytes / SEALED_BALLOT_BLOCK)) * SEALED_BALLOT_BLOCK;
  return json + ' '.repeat(size - bytes);
}

function roundBox(key: Buffer, roundId: string): RoundBox {
  const box = new SecretBox(key);
  const context = { purpose: 'secret-ballot' as const, id: roundId };
  const ownerTag = (delegateId: string, tracker: string) =>
    createHmac('sha256', key).update(`owner\0${delegateId}\0${tracker}`, 'utf8').digest();
  return {
    lookup: (tracker) => createHmac('sha256', key).update(tracker, 'utf8').digest(),
    ownerTag,
    owns: (tag, delegateId, tracker) =>
      tag === null || (tag.length === 32 && timingSafeEqual(tag, ownerTag(delegateId, tracker))),
    seal: ({ tracker, choice }) => box.seal(padded(JSON.stringify({ tracker, choice })), context),
    open: <C extends SecretChoice>(sealed: Uint8Array) =>
      JSON.parse(box.open(sealed, context)) as { tracker: string; choice: C },
  };
}
