import type { PlanAccountabilitySummary, PlanCatalogue, PlanOverview } from '#contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { useRecordFormat } from './Motion';

// The charts are a chunk of their own: the public board's budget does not pay for them.
const ComplianceChart = lazy(() => import('../components/charts/ComplianceChart'));
const ComplianceMiniBar = lazy(() =>
  import('../components/charts/ComplianceChart').then((m) => ({ default: m.ComplianceMiniBar })),
);

/** What serves an objective, in one line: motions, resolutions, and how far their compliance has gone. */
function Glance({ summary }: { summary: PlanAccountabilitySummary | undefined }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  if (!summary) return null;
  if (summary.motions === 0 && summary.resolutions === 0)
    return <span className="glance muted">{t('records.plan.glanceNone')}</span>;
  const parts = [
    t('records.plan.glanceMotions', { count: summary.motions }),
    t('records.plan.glanceResolutions', { count: summary.resolutions }),
  ];
  if (summary.fulfilledRate !== null)
    parts.push(t('records.plan.glanceFulfilled', { rate: format.percent(summary.fulfilledRate) }));
  if (summary.overdue > 0) parts.push(t('records.plan.glanceOverdue', { count: summary.overdue }));
  return (
    <span className="glance">
      {parts.join(' · ')}
      <Suspense fallback={null}>
        <ComplianceMiniBar counts={summary.obligationsByStatus} />
      </Suspense>
    </span>
  );
}

/** The plan browser: dimension → theme → strategic objective, each objective linking to its accountability. */
export function Plan() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const { hash } = useLocation();
  const [plan, setPlan] = useState<PlanCatalogue | null>(null);
  const [overview, setOverview] = useState<PlanOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [overviewError, setOverviewError] = useState<string | null>(null);
  usePageTitle(t('records.plan.heading'));
  useEffect(() => {
    api<PlanCatalogue>('GET', '/api/plan').then(setPlan, (e: Error) => setError(e.message));
    api<PlanOverview>('GET', '/api/plan/accountability').then(setOverview, (e: Error) =>
      setOverviewError(e.message),
    );
  }, []);
  // A link to a dimension or a theme (/plan#SOC-SALUD) lands on it once the plan is on the page.
  useEffect(() => {
    if (plan && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [plan, hash]);
  const byObjective = new Map(overview?.objectives.map((o) => [o.code, o.summary]));
  const byDimension = new Map(overview?.dimensions.map((d) => [d.code, d.summary]));
  return (
    <>
      <h1>{t('records.plan.heading')}</h1>
      <p>{t('records.plan.intro')}</p>
      <Status error={error} />
      {plan === null && !error ? <p role="status">{t('records.loading')}</p> : null}
      <section aria-labelledby="plan-glance" className="panel">
        <h2 id="plan-glance">{t('records.plan.glance')}</h2>
        <Status error={overviewError} />
        {overview ? (
          <>
            <dl className="plan-totals">
              <dt>{t('records.objective.motionsCount')}</dt>
              <dd>{overview.summary.motions}</dd>
              <dt>{t('records.objective.resolutionsCount')}</dt>
              <dd>{overview.summary.resolutions}</dd>
              <dt>{t('records.objective.fulfilledRate')}</dt>
              <dd>
                {overview.summary.fulfilledRate === null
                  ? t('records.notSet')
                  : format.percent(overview.summary.fulfilledRate)}
              </dd>
              <dt>{t('records.objective.overdue')}</dt>
              <dd>{overview.summary.overdue}</dd>
            </dl>
            <Suspense fallback={<p role="status">{t('records.loading')}</p>}>
              <ComplianceChart
                heading={t('records.plan.byDimension')}
                rowHeader={t('records.objective.dimension')}
                formatPercent={format.percent}
                rows={overview.dimensions.map((d) => ({
                  key: d.code,
                  label: d.name,
                  labelLang: 'es',
                  href: `/plan#${d.code}`,
                  counts: d.summary.obligationsByStatus,
                }))}
              />
              {overview.institutions.length > 0 ? (
                <ComplianceChart
                  heading={t('records.plan.byInstitution')}
                  rowHeader={t('resolutions.institution')}
                  formatPercent={format.percent}
                  rows={overview.institutions.map((i) => ({
                    key: i.code,
                    label: i.name,
                    labelLang: 'es',
                    href: `/resoluciones?institution=${encodeURIComponent(i.code)}`,
                    counts: i.summary.obligationsByStatus,
                  }))}
                />
              ) : null}
            </Suspense>
          </>
        ) : !overviewError ? (
          <p role="status">{t('records.loading')}</p>
        ) : null}
      </section>
      {plan?.dimensions.map((dimension) => (
        <section key={dimension.code} id={dimension.code} aria-labelledby={`${dimension.code}-h`}>
          <h2 id={`${dimension.code}-h`} lang="es">
            {dimension.name}
          </h2>
          <p>
            <Glance summary={byDimension.get(dimension.code)} />
          </p>
          <ul>
            {dimension.themes.map((theme) => (
              <li key={theme.code} id={theme.code}>
                <h3 lang="es">{theme.name}</h3>
                <ul
                  aria-label={t('records.plan.objectives', { theme: theme.name })}
                  className="plan-objectives"
                >
                  {theme.objectives.map((objective) => (
                    <li key={objective.code}>
                      <Link to={`/plan/objetivos/${objective.code}`}>
                        <strong>{objective.code}</strong>: <span lang="es">{objective.text}</span>
                      </Link>{' '}
                      <Glance summary={byObjective.get(objective.code)} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
