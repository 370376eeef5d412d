import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SessionUser } from '../api';
import { LoginForm, useAuth, useRoleName } from '../components/auth';
import { usePageTitle } from '../components/Layout';

/** Where a role's work is. */
export function homeOf(user: SessionUser): string {
  if (user.roles.includes('moderator')) return '/mesa';
  if (user.roles.includes('delegate')) return '/delegado';
  return '/';
}

/** Sign in, then go to the console of one's role. */
export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const roleName = useRoleName();
  const { status, user } = useAuth();
  usePageTitle(t('login.heading'));
  return (
    <>
      <h1 id="signin-h">{t('login.heading')}</h1>
      {status === 'signedIn' && user ? (
        <section className="panel" aria-label={t('login.as', { name: user.displayName })}>
          <p>
            {t('login.as', { name: user.displayName })} · {user.roles.map(roleName).join(', ')}
          </p>
          <ul>
            {user.roles.includes('delegate') ? (
              <li>
                <Link to="/delegado">{t('nav.delegate')}</Link>
              </li>
            ) : null}
            {user.roles.includes('moderator') ? (
              <li>
                <Link to="/mesa">{t('nav.moderator')}</Link>
              </li>
            ) : null}
            <li>
              <Link to="/">{t('nav.home')}</Link>
            </li>
          </ul>
        </section>
      ) : (
        <>
          <p>{t('login.intro')}</p>
          <LoginForm headingId="signin-h" onLogin={(u) => void navigate(homeOf(u))} />
        </>
      )}
    </>
  );
}
