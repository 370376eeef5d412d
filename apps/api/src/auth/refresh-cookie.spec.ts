import type { Request, Response } from 'express';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';

function fakeResponse(): { response: Response; cookies: string[] } {
  const cookies: string[] = [];
  const response = {
    append: (name: string, value: string) => {
      expect(name).toBe('Set-Cookie');
      cookies.push(value);
      return response;
    },
  } as unknown as Response;
  return { response, cookies };
}

const attributes = (cookie: string) => cookie.split('; ').slice(1).sort();

describe('refresh cookie', () => {
  it('is httpOnly, SameSite=Strict, scoped to /api/auth, with the refresh lifetime; Secure only in production', () => {
    const dev = fakeResponse();
    setRefreshCookie(dev.response, { env: 'development', refreshTokenTtlSeconds: 1209600 }, 'abc.def');
    expect(dev.cookies[0]!.split('; ')[0]).toBe('asamblea_refresh=abc.def');
    expect(attributes(dev.cookies[0]!)).toEqual([
      'HttpOnly',
      'Max-Age=1209600',
      'Path=/api/auth',
      'SameSite=Strict',
    ]);

    const prod = fakeResponse();
    setRefreshCookie(prod.response, { env: 'production', refreshTokenTtlSeconds: 60 }, 'abc.def');
    expect(attributes(prod.cookies[0]!)).toEqual([
      'HttpOnly',
      'Max-Age=60',
      'Path=/api/auth',
      'SameSite=Strict',
      'Secure',
    ]);
  });

  it('is cleared with Max-Age=0 on the same path', () => {
    const { response, cookies } = fakeResponse();
    clearRefreshCookie(response, { env: 'production' });
    expect(cookies[0]!.split('; ')[0]).toBe('asamblea_refresh=');
    expect(attributes(cookies[0]!)).toEqual([
      'HttpOnly',
      'Max-Age=0',
      'Path=/api/auth',
      'SameSite=Strict',
      'Secure',
    ]);
  });

  it('is read from the Cookie header among others, and absent when missing or empty', () => {
    const read = (cookie?: string) => readRefreshCookie({ headers: cookie ? { cookie } : {} } as Request);
    expect(read('a=1; asamblea_refresh=abc.def; b=2')).toBe('abc.def');
    expect(read('a=1')).toBeUndefined();
    expect(read('asamblea_refresh=')).toBeUndefined();
    expect(read()).toBeUndefined();
  });

  it('is not trusted when the header carries two of them (one planted by a sibling subdomain)', () => {
    const read = (cookie: string) => readRefreshCookie({ headers: { cookie } } as Request);
    expect(read('asamblea_refresh=planted.one; a=1; asamblea_refresh=abc.def')).toBeUndefined();
    expect(read('asamblea_refreshx=1; asamblea_refresh=abc.def')).toBe('abc.def');
  });
});
