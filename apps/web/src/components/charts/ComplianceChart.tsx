import type { ComplianceStatus, StatusCounts } from '#contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addCatalogue } from '../../i18n';
import { chartsEn } from '../../locales/charts.en';
import { chartsEs } from '../../locales/charts.es';
import './hemicycle.css';

addCatalogue(chartsEs, chartsEn);

/** Fulfilled first, from the left, so rows compare at a glance; overdue last, hatched as well as red. */
export const COMPLIANCE_ORDER: readonly ComplianceStatus[] = [
  'fulfilled',
  'in_progress',
  'pending',
  'overdue',
];

export interface ComplianceRow {
  key: string;
  label: string;
  /** Spanish data (a dimension's or an institution's name) is marked as such on an English page. */
  labelLang?: string;
  href?: string;
  counts: StatusCounts;
}

const total = (counts: StatusCounts): number =>
  COMPLIANCE_ORDER.reduce((sum, status) => sum + counts[status], 0);

/** Each status's share of the row, as x offsets and widths over 0..100. */
export function barSegments(counts: StatusCounts) {
  const all = total(counts);
  let x = 0;
  return COMPLIANCE_ORDER.flatMap((status) => {
    if (all === 0 || counts[status] === 0) return [];
    const width = (counts[status] / all) * 100;
    const segment = { status, x, width, count: counts[status] };
    x += width;
    return [segment];
  });
}

function Bar({ counts, className }: { counts: StatusCounts; className?: string }) {
  const hatch = `cmp-hatch-${useId().replace(/:/g, '')}`;
  const segments = barSegments(counts);
  return (
    <svg
      className={`cmp-bar ${className ?? ''}`}
      viewBox="0 0 100 6"
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <defs>
        <pattern id={hatch} width="3" height="6" patternUnits="userSpaceOnUse">
          <rect x="0" y="0" width="0.8" height="6" fill="#ffffff" />
        </pattern>
      </defs>
      <rect className="cmp-empty" x={0} y={0} width={100} height={6} />
      {segments.map((s) => (
        <rect key={s.status} className={`cmp-${s.status}`} x={s.x} y={0} width={s.width} height={6} />
      ))}
      {segments
        .filter((s) => s.status === 'overdue')
        .map((s) => (
          <rect key="hatch" fill={`url(#${hatch})`} x={s.x} y={0} width={s.width} height={6} />
        ))}
    </svg>
  );
}

/** A small bar beside an objective in the plan list: its obligations by status (the text says the rest). */
export function ComplianceMiniBar({ counts }: { counts: StatusCounts }) {
  if (total(counts) === 0) return null;
  return <Bar counts={counts} className="cmp-mini" />;
}

/**
 * Compliance by dimension, objective or institution: one stacked bar per row (obligations — a resolution
 * binding one institution — by status), a legend with the totals, and the same figures as a table.
 */
export default function ComplianceChart({
  heading,
  rowHeader,
  rows,
  formatPercent,
}: {
  heading: string;
  rowHeader: string;
  rows: ComplianceRow[];
  formatPercent: (ratio: number) => string;
}) {
  const { t } = useTranslation();
  const uid = useId().replace(/:/g, '');
  const sums = Object.fromEntries(
    COMPLIANCE_ORDER.map((status) => [status, rows.reduce((sum, row) => sum + row.counts[status], 0)]),
  ) as StatusCounts;
  return (
    <section className="compliance-chart" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>{heading}</h3>
      <ul className="hemi-legend cmp-legend" aria-label={t('charts.hemicycle.legend')}>
        {COMPLIANCE_ORDER.map((status) => (
          <li key={status}>
            <span className={`cmp-swatch cmp-${status}`} aria-hidden="true" />
            {t(`compliance.${status}`)}: <strong>{sums[status]}</strong>
          </li>
        ))}
      </ul>
      <figure>
        <ul className="cmp-rows" aria-label={heading}>
          {rows.map((row) => {
            const all = total(row.counts);
            const label = row.href ? (
              <Link to={row.href} lang={row.labelLang}>
                {row.label}
              </Link>
            ) : (
              <span lang={row.labelLang}>{row.label}</span>
            );
            return (
              <li key={row.key}>
                <span className="cmp-label">{label}</span>
                <span className="cmp-figure">
                  {all === 0
                    ? t('charts.compliance.none')
                    : [
                        t('charts.compliance.rowSummary', {
                          count: all,
                          fulfilled: formatPercent(row.counts.fulfilled / all),
                        }),
                        row.counts.overdue > 0
                          ? t('charts.compliance.rowOverdue', { count: row.counts.overdue })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                </span>
                <Bar counts={row.counts} />
              </li>
            );
          })}
        </ul>
      </figure>
      <details className="hemi-data">
        <summary>{t('charts.compliance.table')}</summary>
        <table>
          <caption>{t('charts.compliance.caption', { heading })}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {COMPLIANCE_ORDER.map((status) => (
                <th scope="col" key={status}>
                  {t(`compliance.${status}`)}
                </th>
              ))}
              <th scope="col">{t('charts.compliance.obligations')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" lang={row.labelLang}>
                  {row.label}
                </th>
                {COMPLIANCE_ORDER.map((status) => (
                  <td key={status} data-status={status}>
                    {row.counts[status]}
                  </td>
                ))}
                <td>{total(row.counts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
