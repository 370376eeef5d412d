import type { ComplianceStatus, ObjectiveAccountability, StatusCounts } from '#contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFound } from './NotFound';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { useRecordFormat } from './Motion';

const STATUSES: ComplianceStatus[] = ['pending', 'in_progress', 'fulfilled', 'overdue'];
const ComplianceChart = lazy(() => import('../components/charts/ComplianceChart'));

/** The objective's obligations, grouped by the institution they bind. */
function byInstitution(resolutions: ObjectiveAccountability['resolutions']) {
  const rows = new Map<string, { key: string; label: string; labelLang: string; counts: StatusCounts }>();
  for (const resolution of resolutions)
    for (const obligation of resolution.compliance) {
      const { code, name } = obligation.institution;
      const row = rows.get(code) ?? {
        key: code,
        label: name,
        labelLang: 'es',
        counts: { pending: 0, in_progress: 0, fulfilled: 0, overdue: 0 },
      };
      row.counts[obligation.status] += 1;
      rows.set(code, row);
    }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** One strategic objective: the motions and resolutions that serve it and how far it is being fulfilled. */
export function Objective() {
  const { code } = useParams();
  const { t } = useTranslation();
  const format = useRecordFormat();
  const [data, setData] = useState<ObjectiveAccountability | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  usePageTitle(code ? t('records.objective.heading', { code }) : null);
  useEffect(() => {
    if (!code) return;
    setData(null);
    setError(null);
    api<ObjectiveAccountability>(
      'GET',
      `/api/plan/objectives/${encodeURIComponent(code)}/accountability`,
    ).then(setData, setError);
  }, [code]);
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  if (error) return <Status error={error.message} />;
  if (!data) return <p role="status">{t('records.loading')}</p>;
  const { objective, motions, resolutions, summary } = data;
  return (
    <article>
      <h1>{t('records.objective.heading', { code: objective.code })}</h1>
      <p className="question" lang="es">
        {objective.text}
      </p>
      <nav aria-label={t('records.objective.breadcrumb')}>
        <ol>
          <li>
            <Link to="/plan">{t('records.objective.backToPlan')}</Link>
          </li>
          <li>
            {t('records.objective.dimension')}:{' '}
            <Link to={`/plan#${objective.dimension.code}`}>
              <span lang="es">{objective.dimension.name}</span>
            </Link>
          </li>
          <li>
            {t('records.objective.theme')}:{' '}
            <Link to={`/plan#${objective.theme.code}`}>
              <span lang="es">{objective.theme.name}</span>
            </Link>
          </li>
        </ol>
      </nav>

      <section aria-labelledby="objective-summary" className="panel">
        <h2 id="objective-summary">{t('records.objective.summary')}</h2>
        <dl>
          <dt>{t('records.objective.motionsCount')}</dt>
          <dd>{summary.motions}</dd>
          <dt>{t('records.objective.resolutionsCount')}</dt>
          <dd>{summary.resolutions}</dd>
          <dt>{t('records.objective.meanProgress')}</dt>
          <dd>
            {summary.meanProgress === null ? t('records.notSet') : format.percent(summary.meanProgress / 100)}
          </dd>
          <dt>{t('records.objective.fulfilledRate')}</dt>
          <dd>
            {summary.fulfilledRate === null ? t('records.notSet') : format.percent(summary.fulfilledRate)}
          </dd>
          <dt>{t('records.objective.overdue')}</dt>
          <dd>{summary.overdue}</dd>
        </dl>
        <table>
          <caption>{t('records.objective.byStatus')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('records.objective.statusCol')}</th>
              <th scope="col">{t('records.objective.countCol')}</th>
            </tr>
          </thead>
          <tbody>
            {STATUSES.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`compliance.${status}`)}</th>
                <td>{summary.resolutionsByStatus[status]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('records.objective.untracked')}</th>
              <td>{summary.untrackedResolutions}</td>
            </tr>
          </tbody>
        </table>
        {summary.obligations > 0 ? (
          <Suspense fallback={null}>
            <ComplianceChart
              heading={t('records.plan.byObjectiveInstitution')}
              rowHeader={t('resolutions.institution')}
              formatPercent={format.percent}
              rows={byInstitution(resolutions).map((row) => ({
                ...row,
                href: `/resoluciones?institution=${encodeURIComponent(row.key)}`,
              }))}
            />
          </Suspense>
        ) : null}
      </section>

      <section aria-labelledby="objective-motions">
        <h2 id="objective-motions">{t('records.objective.motions')}</h2>
        {motions.length === 0 ? (
          <p>{t('records.objective.noMotions')}</p>
        ) : (
          <ul className="cards">
            {motions.map((motion) => (
              <li key={motion.id} className="card">
                <Link to={`/mociones/${motion.id}`}>
                  {motion.number} · <span lang="es">{motion.title}</span>
                </Link>
                <span>
                  <span className="badge">
                    {t(`records.motionStatus.${motion.status}`, { defaultValue: motion.status })}
                  </span>
                  {motion.parentId ? t('records.motion.kinds.amendment') : t('records.motion.kinds.motion')}
                </span>
                <span>
                  {t('records.motion.author')}:{' '}
                  <Link to={`/delegados/${motion.author.delegateId}`}>{motion.author.name}</Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="objective-resolutions">
        <h2 id="objective-resolutions">{t('records.objective.resolutions')}</h2>
        {resolutions.length === 0 ? (
          <p>{t('records.objective.noResolutions')}</p>
        ) : (
          <ul className="cards">
            {resolutions.map((resolution) => (
              <li key={resolution.id} className="card">
                <Link to={`/resoluciones/${resolution.number}`}>
                  {resolution.number} · <span lang="es">{resolution.title}</span>
                </Link>
                <span>{t('records.objective.issued', { date: format.date(resolution.issuedAt) })}</span>
                <span>
                  {t('records.objective.compliance')}:{' '}
                  {resolution.status ? (
                    <span className={`badge ${resolution.status}`}>
                      {t(`compliance.${resolution.status}`)}
                    </span>
                  ) : (
                    t('records.objective.untrackedOne')
                  )}
                  {resolution.progress !== null
                    ? ` · ${t('records.objective.progress', { progress: format.percent(resolution.progress / 100) })}`
                    : null}
                  {resolution.complianceDeadline
                    ? ` · ${t('records.objective.deadline', { date: format.date(resolution.complianceDeadline) })}`
                    : null}
                </span>
                {resolution.compliance.length > 0 ? (
                  <ul aria-label={t('records.objective.compliance')}>
                    {resolution.compliance.map((obligation) => (
                      <li key={obligation.institution.code}>
                        {obligation.institution.name}:{' '}
                        <span className={`badge ${obligation.status}`}>
                          {t(`compliance.${obligation.status}`)}
                        </span>
                        {t('records.objective.progress', {
                          progress: format.percent(obligation.progress / 100),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
