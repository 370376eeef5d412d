import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * The browser's `#crypto/digest` (vite.config.ts; Node's is libs/domain/src/crypto/platform/digest.ts).
 * The verifier hashes synchronously; WebCrypto answers asynchronously. So the worker digests every text
 * of a page of the record ahead with WebCrypto (`digestAhead`) and the verifier finds each answer here;
 * a text not digested ahead (ballot commitments, entitled lists, resolution documents) is hashed by
 * @noble/hashes, and `digestCounts` says how many of each.
 */
const ahead = new Map<string, string>();
export const digestCounts = { webCrypto: 0, script: 0 };

const encoder = new TextEncoder();

export async function digestAhead(texts: readonly string[]): Promise<void> {
  const digests = await Promise.all(
    texts.map((text) => crypto.subtle.digest('SHA-256', encoder.encode(text))),
  );
  texts.forEach((text, i) => ahead.set(text, bytesToHex(new Uint8Array(digests[i]!))));
}

/** Drops what was digested ahead (after each page: memory stays one page's worth). */
export function forgetDigests(): void {
  ahead.clear();
}

export function sha256Hex(text: string): string {
  const known = ahead.get(text);
  if (known !== undefined) {
    digestCounts.webCrypto += 1;
    return known;
  }
  digestCounts.script += 1;
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export function sha256HexOfBase64(base64: string): string {
  digestCounts.script += 1;
  return bytesToHex(sha256(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
}
