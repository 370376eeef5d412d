import { DomainError } from '#domain';

/**
 * Deepest nesting of arrays and objects a request body (HTTP JSON or a socket event) may have. No
 * DTO goes near it; class-transformer and class-validator recurse once per level, so a body thousands
 * of levels deep would exhaust the stack and answer 500 instead of a refusal.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const tooDeep = () => new DomainError('JSON_TOO_DEEP', { max: MAX_JSON_DEPTH });

/**
 * Refuses raw JSON text nested deeper than `max`, in one pass over the bytes and before it is parsed
 * (brackets inside strings do not count; UTF-8 continuation bytes never equal an ASCII delimiter).
 * Malformed text is left to the parser to refuse.
 */
export function assertJsonTextDepth(bytes: Uint8Array, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) throw tooDeep();
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
  }
}

/** The same limit on a value already parsed (socket.io decodes event payloads itself), without recursion. */
export function assertValueDepth(value: unknown, max = MAX_JSON_DEPTH): void {
  const pending: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (depth + 1 > max) throw tooDeep();
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
}
