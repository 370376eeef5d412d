// The socket could not reach the server, or lost it.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATE: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or stopping),
// 53300 too_many_connections, 57014 query_canceled (statement_timeout: no answer in time); class 08 is
// every connection exception.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
// What node-postgres says when a connection ends or none can be had in time (these carry no code).
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (down, restarting, or refusing
 * connections) rather than that the request was wrong: transports answer it as "unavailable, retry".
 * Looks through TypeORM's `driverError` and `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (
      typeof code === 'string' &&
      (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
    )
      return true;
    if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
