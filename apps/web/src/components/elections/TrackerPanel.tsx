import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The voter's tracker, large and in a typeface where 0 and O differ, with why it matters and a copy
 * button. Shown only on the voter's own console, never on the board or the projector.
 */
export function TrackerPanel({ tracker }: { tracker: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <section className="el-tracker" aria-labelledby="el-tracker-h">
      <h3 id="el-tracker-h">{t('elections.tracker.heading')}</h3>
      <p>
        <code className="el-tracker-code" data-testid="tracker-code">
          {tracker}
        </code>
      </p>
      <p className="muted">{t('elections.tracker.help')}</p>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(tracker).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('elections.tracker.copy')}
      </button>
      <span role="status" className="muted">
        {copied ? ` ${t('elections.tracker.copied')}` : ''}
      </span>
    </section>
  );
}
