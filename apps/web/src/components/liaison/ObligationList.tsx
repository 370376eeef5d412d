import type { InstitutionAccountability } from '#contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export type Obligation = InstitutionAccountability['resolutions'][number];

const RANK = { overdue: 0, in_progress: 1, pending: 2, fulfilled: 3 } as const;

/** Overdue first, then what is still open by nearest deadline, fulfilled last. */
export function byUrgency(a: Obligation, b: Obligation): number {
  const rank = RANK[a.status] - RANK[b.status];
  if (rank !== 0) return rank;
  return (
    (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') || a.number.localeCompare(b.number)
  );
}

/** What binds the institution: each resolution with its status, deadline and progress, and a way to report. */
export function ObligationList({
  obligations,
  chosen,
  onChoose,
  formatDate,
}: {
  obligations: Obligation[];
  chosen: string | null;
  onChoose: (number: string) => void;
  formatDate: (day: string) => string;
}) {
  const { t } = useTranslation();
  if (obligations.length === 0) return <p>{t('liaison.noObligations')}</p>;
  return (
    <ul className="cards lc-obligations">
      {[...obligations].sort(byUrgency).map((o) => (
        <li
          key={o.number}
          className="card"
          data-status={o.status}
          aria-current={o.number === chosen ? 'true' : undefined}
        >
          <p className="lc-title">
            <span className={`badge ${o.status}`}>{t(`compliance.${o.status}`)}</span>{' '}
            <Link to={`/resoluciones/${o.number}`}>
              <strong>{o.number}</strong>
            </Link>{' '}
            · <span lang="es">{o.title}</span>
          </p>
          <p className="muted">
            {o.deadline ? t('liaison.deadline', { date: formatDate(o.deadline) }) : t('liaison.noDeadline')} ·{' '}
            {t('liaison.progress', { progress: o.progress })} ·{' '}
            {t('liaison.reportCount', { count: o.reports })}
          </p>
          <progress max={100} value={o.progress} aria-label={t('liaison.progressOf', { number: o.number })} />
          {o.status !== 'fulfilled' ? (
            <button type="button" onClick={() => onChoose(o.number)} aria-pressed={o.number === chosen}>
              {t('liaison.report', { number: o.number })}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
