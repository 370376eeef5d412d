import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The voter's tracker, large and in a typeface where 0 and O differ, with why it matters and a copy
 * button. Shown only on the voter's own console, never on the board or the projector. `help` says what
 * the tracker is for in this box (an election's round by default; a secret question passes its own).
 */
export function TrackerPanel({ tracker, help }: { tracker: string; help?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <section className="el-tracker" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('elections.tracker.heading')}</h3>
      <p>
        <code className="el-tracker-code" data-testid="tracker-code">
          {tracker}
        </code>
      </p>
      <p className="muted">{help ?? t('elections.tracker.help')}</p>
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
