import i18n from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'asamblea.token';
const USER_KEY = 'asamblea.user';

export interface SessionUser {
  id: string;
  displayName: string;
  roles: string[];
}

export const auth = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  user: (): SessionUser | null => {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  },
  async login(email: string, password: string): Promise<SessionUser> {
    const answer = await api<{ accessToken: string; user: SessionUser }>('POST', '/api/auth/login', {
      email,
      password,
    });
    sessionStorage.setItem(TOKEN_KEY, answer.accessToken);
    sessionStorage.setItem(USER_KEY, JSON.stringify(answer.user));
    return answer.user;
  },
  logout(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

/** JSON over HTTP in the reader's language; errors carry the API's stable code and its message. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.language };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = auth.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (json ?? {}) as { code?: string; message?: string };
    throw new ApiError(
      response.status,
      error.code ?? 'HTTP_ERROR',
      error.message ?? i18n.t('errors.generic'),
    );
  }
  return json as T;
}
