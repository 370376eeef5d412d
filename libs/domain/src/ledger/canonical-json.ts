/**
 * The canonical JSON form every hash in the public record is computed over, so anyone can recompute
 * it in any language:
 * - objects: keys sorted by UTF-16 code units (JavaScript's default sort), no whitespace;
 * - strings: JSON.stringify escaping; numbers: finite only, JSON.stringify form (no -0);
 * - arrays keep their order; `undefined` object members are dropped (as JSON.stringify does);
 * - anything else (functions, symbols, bigint, NaN, Infinity, undefined array items, Dates) is refused.
 * This is RFC 8785 (JCS) for the values the record uses: integers, strings, booleans, null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        // An index loop, not map: map skips the holes of a sparse array, which must be refused too.
        const items: string[] = [];
        for (let index = 0; index < value.length; index += 1) {
          const item: unknown = value[index];
          if (item === undefined) throw new TypeError('canonicalJson: undefined array item');
          items.push(canonicalJson(item));
        }
        return `[${items.join(',')}]`;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new TypeError(
          `canonicalJson: only plain objects, got ${Object.prototype.toString.call(value)}`,
        );
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}
