import type { DelegateRecord } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addCatalogue } from '../../i18n';
import { chartsEn } from '../../locales/charts.en';
import { chartsEs } from '../../locales/charts.es';
import './hemicycle.css';

addCatalogue(chartsEs, chartsEn);

type Sessions = DelegateRecord['attendance']['sessions'];

/** Oldest first, each with the attendance rate up to and including it. */
export function attendanceSeries(sessions: Sessions) {
  const ordered = [...sessions].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  let present = 0;
  return ordered.map((session, index) => {
    if (session.present) present += 1;
    return { ...session, cumulative: present / (index + 1) };
  });
}

const HEIGHT = 40;
const STEP = 12;

/**
 * A delegate's attendance across sessions, in plain SVG: one column per opened session, oldest on the
 * left (full and filled: present; a short hollow mark with ×: absent), and the cumulative rate as a
 * line; a legend, and the same facts as a table for screen readers and anyone who opens it.
 */
export default function AttendanceChart({
  name,
  sessions,
  formatDate,
  formatPercent,
}: {
  name: string;
  sessions: Sessions;
  formatDate: (iso: string) => string;
  formatPercent: (ratio: number) => string;
}) {
  const { t } = useTranslation();
  const uid = useId().replace(/:/g, '');
  const series = attendanceSeries(sessions);
  if (series.length === 0) return null;
  const present = series.filter((s) => s.present).length;
  const width = Math.max(series.length * STEP, 3 * STEP);
  const x = (index: number) => index * STEP + STEP / 2;
  const y = (ratio: number) => HEIGHT - ratio * HEIGHT;
  const line = series.map((s, i) => `${x(i).toFixed(1)},${y(s.cumulative).toFixed(1)}`).join(' ');
  return (
    <section className="attendance-chart" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{t('charts.attendance.heading')}</h3>
      <figure>
        <svg
          className="att-chart"
          viewBox={`-22 -4 ${width + 26} ${HEIGHT + 8}`}
          role="img"
          aria-labelledby={`${uid}-t ${uid}-d`}
          style={{ maxWidth: `${Math.max(16, (width + 26) * 0.45)}rem` }}
        >
          <title id={`${uid}-t`}>{t('charts.attendance.title', { name })}</title>
          <desc id={`${uid}-d`}>
            {t('charts.attendance.description', {
              present,
              opened: series.length,
              rate: formatPercent(present / series.length),
            })}
          </desc>
          <g aria-hidden="true">
            <line className="att-axis" x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} />
            <line className="att-grid" x1={0} x2={width} y1={0} y2={0} />
            <text className="att-tick" x={-2} y={1.5} textAnchor="end" fontSize={4.5}>
              100 %
            </text>
            <text className="att-tick" x={-2} y={HEIGHT + 1.5} textAnchor="end" fontSize={4.5}>
              0 %
            </text>
            {series.map((s, i) =>
              s.present ? (
                <rect
                  key={s.sessionId}
                  className="att-present"
                  x={x(i) - 4}
                  y={0}
                  width={8}
                  height={HEIGHT}
                />
              ) : (
                <g key={s.sessionId} className="att-absent">
                  <rect x={x(i) - 3.5} y={HEIGHT - 8.5} width={7} height={8} />
                  <path d={`M ${x(i) - 2} ${HEIGHT - 7} l 4 5 m 0 -5 l -4 5`} />
                </g>
              ),
            )}
            {series.length > 1 ? <polyline className="att-rate" points={line} /> : null}
            {series.map((s, i) => (
              <circle key={s.sessionId} className="att-rate-dot" cx={x(i)} cy={y(s.cumulative)} r={1.6} />
            ))}
          </g>
        </svg>
        <figcaption>
          <ul className="hemi-legend att-legend" aria-label={t('charts.hemicycle.legend')}>
            <li>
              <span className="att-swatch att-swatch-present" aria-hidden="true" />
              {t('charts.attendance.legendPresent')}: <strong>{present}</strong>
            </li>
            <li>
              <span className="att-swatch att-swatch-absent" aria-hidden="true">
                ×
              </span>
              {t('charts.attendance.legendAbsent')}: <strong>{series.length - present}</strong>
            </li>
            <li>
              <span className="att-swatch att-swatch-rate" aria-hidden="true" />
              {t('charts.attendance.legendRate')}
            </li>
          </ul>
          <details className="hemi-data">
            <summary>{t('charts.attendance.table')}</summary>
            <table data-testid="attendance-table">
              <caption>{t('charts.attendance.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('charts.attendance.session')}</th>
                  <th scope="col">{t('charts.attendance.date')}</th>
                  <th scope="col">{t('charts.attendance.attended')}</th>
                  <th scope="col">{t('charts.attendance.cumulative')}</th>
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={s.sessionId} data-present={s.present}>
                    <th scope="row" lang="es">
                      {s.title}
                    </th>
                    <td>
                      <time dateTime={s.openedAt}>{formatDate(s.openedAt)}</time>
                    </td>
                    <td>{t(s.present ? 'records.delegate.present' : 'records.delegate.absent')}</td>
                    <td>{formatPercent(s.cumulative)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figcaption>
      </figure>
    </section>
  );
}
