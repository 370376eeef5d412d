import { createPublicKey, verify } from 'node:crypto';

/*
 * Ed25519 signature checks behind the alias `#crypto/ed25519` (Node's here; the browser's verifier has its
 * own file of the same name, apps/web/src/verify/platform/ed25519.ts, using WebCrypto).
 */

/** False for a bad signature, a malformed key or a malformed signature (never throws). */
export function verifyEd25519(publicKeyBase64: string, message: string, signatureBase64: string): boolean {
  try {
    const raw = Buffer.from(publicKeyBase64, 'base64');
    const signature = Buffer.from(signatureBase64, 'base64');
    if (raw.length !== 32 || signature.length !== 64) return false;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
      format: 'jwk',
    });
    return verify(null, Buffer.from(message, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
