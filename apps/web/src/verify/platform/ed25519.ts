/*
 * The browser's `#crypto/ed25519` (vite.config.ts; Node's is libs/domain/src/crypto/platform/ed25519.ts):
 * WebCrypto's Ed25519. Its answers are asynchronous and the verifier's checks synchronous, so the run hands
 * every signature over before checking it (`signaturesAhead`) and the check reads the answer here.
 */
const answers = new Map<string, boolean>();
const keyOf = (publicKey: string, message: string, signature: string) =>
  `${publicKey}\n${signature}\n${message}`;
const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

async function check(publicKey: string, message: string, signature: string): Promise<boolean> {
  try {
    const raw = bytes(publicKey);
    const sig = bytes(signature);
    if (raw.length !== 32 || sig.length !== 64) return false;
    const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, new TextEncoder().encode(message));
  } catch {
    return false;
  }
}

export async function verifyAhead(
  checks: readonly { publicKey: string; message: string; signature: string }[],
): Promise<void> {
  await Promise.all(
    checks.map(async (c) => {
      answers.set(
        keyOf(c.publicKey, c.message, c.signature),
        await check(c.publicKey, c.message, c.signature),
      );
    }),
  );
}

export function verifyEd25519(publicKey: string, message: string, signature: string): boolean {
  const answer = answers.get(keyOf(publicKey, message, signature));
  if (answer === undefined) throw new Error('a signature the verification page did not check ahead');
  return answer;
}
