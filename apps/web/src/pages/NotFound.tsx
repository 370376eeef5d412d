import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../components/Layout';

/** Unknown addresses get a real page with a way back, not a blank screen. */
export function NotFound({ message }: { message?: string }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.heading'));
  return (
    <>
      <h1>{t('notFound.heading')}</h1>
      <p>{message ?? t('notFound.intro')}</p>
      <ul>
        <li>
          <Link to="/">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link to="/mociones">{t('nav.motions')}</Link>
        </li>
        <li>
          <Link to="/resoluciones">{t('nav.resolutions')}</Link>
        </li>
      </ul>
    </>
  );
}
