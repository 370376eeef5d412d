import { pino } from 'pino';

/** What a query's values may be: a delegate's id beside a sealed ballot, a password's hash, a token's. */
const VALUE_FIELDS = ['parameters', 'detail', 'where'] as const;

/**
 * An error as pino serialises it, less the values a failed query carries (TypeORM's `parameters`, the
 * driver's `detail` — "Key (…)=(…) already exists" — and `where`), in `driverError` too: a log at any
 * level never holds what a request sent, only the query's text and codes. (pino folds a `cause` into
 * the message and stack, which carry no values.)
 */
export function errorWithoutValues(error: unknown): unknown {
  const seen = new Set<unknown>();
  // Copies, never edits: the error object itself goes on to whoever else holds it.
  const scrub = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return value;
    seen.add(value);
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of VALUE_FIELDS) delete copy[field];
    if ('driverError' in copy) copy.driverError = scrub(copy.driverError);
    if ('cause' in copy) copy.cause = scrub(copy.cause);
    return copy;
  };
  return scrub(pino.stdSerializers.err(error as Error));
}
