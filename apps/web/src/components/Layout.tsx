import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { auth } from '../api';
import { SignInPrompt, useAuth } from './auth';
import { SecondFactorNotice } from './SecondFactorNotice';

/** Each page names itself in the browser's tab and history: "<page> · Asamblea Popular Regional". */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.title')}` : `${t('app.title')} · ${t('app.region')}`;
  }, [title, t]);
}

export function Layout() {
  const { t, i18n } = useTranslation();
  const { status, user, sessionEnded } = useAuth();
  useEffect(() => {
    void auth.restore();
  }, []);
  const roles = user?.roles ?? [];
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">
          <strong>{t('app.title')}</strong> · {t('app.region')}
        </p>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/mociones">{t('nav.motions')}</NavLink>
          <NavLink to="/resoluciones">{t('nav.resolutions')}</NavLink>
          <NavLink to="/plan">{t('records.nav.plan')}</NavLink>
          <NavLink to="/verificar">{t('nav.verify')}</NavLink>
          <NavLink to="/reglamento">{t('reglamento.nav')}</NavLink>
          {roles.includes('delegate') ? <NavLink to="/delegado">{t('nav.delegate')}</NavLink> : null}
          {roles.includes('moderator') ? <NavLink to="/mesa">{t('nav.moderator')}</NavLink> : null}
          {roles.includes('admin') ? <NavLink to="/secretaria">{t('secretariatNav.link')}</NavLink> : null}
          {roles.includes('liaison') || roles.includes('admin') ? (
            <NavLink to="/institucion">
              {roles.includes('liaison') ? t('evidence.nav') : t('evidence.navSecretariat')}
            </NavLink>
          ) : null}
        </nav>
        <div className="account">
          {status === 'signedIn' && user ? (
            <>
              <span className="who">{t('login.as', { name: user.displayName })}</span>{' '}
              <NavLink to="/cuenta">{t('nav.account')}</NavLink>{' '}
              <button type="button" className="link on-band" onClick={() => void auth.logout()}>
                {t('login.logout')}
              </button>
            </>
          ) : status === 'anonymous' ? (
            <>
              {sessionEnded ? (
                <span role="status" className="session-ended">
                  {t('login.sessionEnded')}
                </span>
              ) : null}{' '}
              <Link to="/ingresar">{t('login.heading')}</Link>
            </>
          ) : null}
        </div>
        <button
          type="button"
          className="lang"
          lang={i18n.language === 'es' ? 'en' : 'es'}
          onClick={() => void i18n.changeLanguage(i18n.language === 'es' ? 'en' : 'es')}
        >
          {t('app.language')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <SecondFactorNotice />
        <Outlet />
      </main>
      <SignInPrompt />
    </>
  );
}

export function Status({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}
