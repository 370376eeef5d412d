import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { auth } from '../api';
import { addCatalogue } from '../i18n';
import { setLight, useLight } from '../light';
import { offlineEn } from '../locales/offline.en';
import { offlineEs } from '../locales/offline.es';
import { tryAgain, useOffline } from '../sw/offline';
import { SignInPrompt, useAuth } from './auth';
import { SecondFactorNotice } from './SecondFactorNotice';

/** Each page names itself in the browser's tab and history: "<page> · Asamblea Popular Regional". */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t('app.title')}` : `${t('app.title')} · ${t('app.region')}`;
  }, [title, t]);
}

addCatalogue(offlineEs, offlineEn);

/**
 * The header: on a phone one row (brand, language, a menu button disclosing the sections) and the account
 * line under it; from 700 px the sections are always shown and the menu button is gone.
 */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { status, user, sessionEnded } = useAuth();
  const { refresh } = useOffline();
  const light = useLight();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    void auth.restore();
  }, []);
  // Following a link closes the menu.
  useEffect(() => setMenuOpen(false), [pathname]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  const roles = user?.roles ?? [];
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top" onKeyDown={closeOnEscape}>
        <p className="brand">
          <strong>{t('app.title')}</strong>
          <span className="region"> · {t('app.region')}</span>
        </p>
        <button
          type="button"
          className="lang"
          lang={i18n.language === 'es' ? 'en' : 'es'}
          onClick={() => void i18n.changeLanguage(i18n.language === 'es' ? 'en' : 'es')}
        >
          {t('app.language')}
        </button>
        <button
          type="button"
          ref={menuButton}
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('offline.menu')}
        </button>
        <div id="site-menu" className={menuOpen ? 'site-menu open' : 'site-menu'}>
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
          <button
            type="button"
            className="link on-band light-toggle"
            aria-pressed={light}
            aria-describedby="light-hint"
            title={t('offline.lightHint')}
            onClick={() => setLight(!light)}
          >
            {t('offline.light')}
          </button>
          <span id="light-hint" hidden>
            {t('offline.lightHint')}
          </span>
        </div>
        <div className={status === 'signedIn' ? 'account signed-in' : 'account'}>
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
      </header>
      <main id="main" tabIndex={-1}>
        <OfflineNotice />
        <SecondFactorNotice />
        <Outlet key={refresh} />
      </main>
      <SignInPrompt />
    </>
  );
}

/** "Offline — shown as it was at hh:mm", while a public read on the page came from its last copy. */
function OfflineNotice() {
  const { t, i18n } = useTranslation();
  const { stale, storedAt } = useOffline();
  if (!stale) return null;
  const locale = i18n.language === 'en' ? 'en-GB' : 'es-PE';
  const day = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima' }).format(at); // YYYY-MM-DD in Lima
  // A copy from an earlier day says which day: "hh:mm" alone would read as today's.
  const today = storedAt !== null && day(storedAt) === day(Date.now());
  const time =
    storedAt === null
      ? null
      : new Intl.DateTimeFormat(locale, {
          ...(today ? {} : { day: 'numeric', month: 'long' }),
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone: 'America/Lima',
        }).format(storedAt);
  return (
    <p role="status" className="offline-notice" data-testid="offline-notice">
      {time ? t(today ? 'offline.notice' : 'offline.noticeDay', { time }) : t('offline.noticeUnknown')}{' '}
      <button type="button" className="link" onClick={() => void tryAgain(true)}>
        {t('offline.retry')}
      </button>
    </p>
  );
}

export function Status({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}
