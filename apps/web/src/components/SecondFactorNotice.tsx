import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { secondFactorNotice } from '../second-factor-notice';

/** Above every page but /cuenta: the rules require a second factor of this person's role (see second-factor-notice.ts). */
export function SecondFactorNotice() {
  const { t } = useTranslation();
  const message = useSyncExternalStore(
    secondFactorNotice.subscribe,
    secondFactorNotice.get,
    secondFactorNotice.get,
  );
  const { pathname } = useLocation();
  if (!message || pathname === '/cuenta') return null;
  return (
    <p role="status" className="warning second-factor-notice">
      {message} <Link to="/cuenta">{t('loginCode.setUpLink')}</Link>
    </p>
  );
}
