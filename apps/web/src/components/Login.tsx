import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auth, type SessionUser } from '../api';
import { Status } from './Layout';

export function Login({ onLogin }: { onLogin: (user: SessionUser) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    auth
      .login(String(form.get('email')), String(form.get('password')))
      .then(onLogin, (e: Error) => setError(e.message));
  };
  return (
    <form onSubmit={submit} className="login" aria-labelledby="login-h">
      <h2 id="login-h">{t('login.heading')}</h2>
      <label>
        {t('login.email')}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {t('login.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit">{t('login.submit')}</button>
      <Status error={error} />
    </form>
  );
}

/** Who is logged in, with a way out. */
export function WhoAmI({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="muted">
      {t('login.as', { name: user.displayName })}{' '}
      <button
        type="button"
        className="link"
        onClick={() => {
          auth.logout();
          onLogout();
        }}
      >
        {t('login.logout')}
      </button>
    </p>
  );
}
