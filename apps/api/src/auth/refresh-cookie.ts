import type { AppConfig } from '#config';
import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { Request, Response } from 'express';

/** The browser client keeps its refresh token here, out of reach of page scripts. */
export const REFRESH_COOKIE = 'asamblea_refresh';
/** Only the auth routes ever receive it. */
export const REFRESH_COOKIE_PATH = '/api/auth';

function options(config: Pick<AppConfig, 'env'>, maxAge: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge,
    secure: config.env === 'production',
  };
}

/**
 * Whether this request may use the cookie. SameSite=Strict keeps it from other sites, but a page of the
 * same site on another origin (another port of localhost, a sibling subdomain) still gets it attached to
 * a simple POST it sends without a body: enough to rotate the token or log the person out, blind. The
 * browser names such a request in Sec-Fetch-Site; only the web client's own origin (or the person
 * themselves, `none`) counts. Clients that do not send the header (API tools) are unaffected.
 */
export function refreshCookieHonoured(request: Request): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function readRefreshCookie(request: Request): string | undefined {
  if (!refreshCookieHonoured(request)) return undefined;
  const header = request.headers.cookie;
  if (!header) return undefined;
  // A sibling subdomain can plant a second cookie of this name (Domain=…, a longer path sent first) to
  // have the person's browser refresh into the planter's account: two of them and neither is trusted.
  const named = header.split(';').filter((part) => part.trim().startsWith(`${REFRESH_COOKIE}=`));
  if (named.length > 1) return undefined;
  const value = parse(header)[REFRESH_COOKIE];
  return value ? value : undefined;
}

export function setRefreshCookie(
  response: Response,
  config: Pick<AppConfig, 'env' | 'refreshTokenTtlSeconds'>,
  token: string,
): void {
  response.append(
    'Set-Cookie',
    serialize(REFRESH_COOKIE, token, options(config, config.refreshTokenTtlSeconds)),
  );
}

export function clearRefreshCookie(response: Response, config: Pick<AppConfig, 'env'>): void {
  response.append('Set-Cookie', serialize(REFRESH_COOKIE, '', options(config, 0)));
}
