import { createHash } from 'node:crypto';

/*
 * The hashing the verifier needs, behind the alias `#crypto/digest`: Node's here; the browser's verifier
 * (a Web Worker) is built with its own file of the same name (apps/web/src/verify/platform/digest.ts), so
 * the CLI, the server and the page run one verifier.
 */

/** SHA-256 of UTF-8 text, as hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of the bytes a base64 text holds, as hex. */
export function sha256HexOfBase64(base64: string): string {
  return createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
}
