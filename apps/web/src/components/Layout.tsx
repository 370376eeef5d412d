import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';

export function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <p className="brand">
          <strong>{t('app.title')}</strong> · {t('app.region')}
        </p>
        <nav aria-label={t('app.title')}>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/resoluciones">{t('nav.resolutions')}</NavLink>
          <NavLink to="/plan">{t('records.nav.plan')}</NavLink>
          <NavLink to="/verificar">{t('nav.verify')}</NavLink>
          <NavLink to="/delegado">{t('nav.delegate')}</NavLink>
          <NavLink to="/mesa">{t('nav.moderator')}</NavLink>
        </nav>
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
        <Outlet />
      </main>
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
