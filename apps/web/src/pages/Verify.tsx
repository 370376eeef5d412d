import type { RecordVerdictView } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../components/Layout';
import { api } from '../api';

export function Verify() {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<RecordVerdictView | null>(null);
  const [running, setRunning] = useState(false);
  usePageTitle(t('verify.heading'));
  const run = () => {
    setRunning(true);
    api<RecordVerdictView>('GET', '/api/ledger/verify')
      .then(setVerdict, () => setVerdict(null))
      .finally(() => setRunning(false));
  };
  useEffect(run, []);
  return (
    <>
      <h1>{t('verify.heading')}</h1>
      <p>{t('verify.intro')}</p>
      {verdict ? (
        <>
          <p>
            {t('verify.head')}: {verdict.lastSequence ?? 0} ·{' '}
            <code className="digest">{verdict.lastHash}</code>
          </p>
          <p role="status" className={verdict.ok ? 'ok' : 'error'} data-testid="verdict">
            {verdict.ok
              ? t('verify.ok', { ...verdict })
              : t('verify.broken', { problem: verdict.firstProblem?.problem ?? '' })}
          </p>
        </>
      ) : null}
      <button type="button" onClick={run} disabled={running}>
        {t('verify.run')}
      </button>
      <p className="muted">{t('verify.cli', { url: location.origin })}</p>
    </>
  );
}
