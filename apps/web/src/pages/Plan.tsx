import type { PlanCatalogue } from '#contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api } from '../api';
import { Status, usePageTitle } from '../components/Layout';

/** The plan browser: dimension → theme → strategic objective, each objective linking to its accountability. */
export function Plan() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const [plan, setPlan] = useState<PlanCatalogue | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('records.plan.heading'));
  useEffect(() => {
    api<PlanCatalogue>('GET', '/api/plan').then(setPlan, (e: Error) => setError(e.message));
  }, []);
  // A link to a dimension or a theme (/plan#SOC-SALUD) lands on it once the plan is on the page.
  useEffect(() => {
    if (plan && hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [plan, hash]);
  return (
    <>
      <h1>{t('records.plan.heading')}</h1>
      <p>{t('records.plan.intro')}</p>
      <Status error={error} />
      {plan === null && !error ? <p role="status">{t('records.loading')}</p> : null}
      {plan?.dimensions.map((dimension) => (
        <section key={dimension.code} id={dimension.code} aria-labelledby={`${dimension.code}-h`}>
          <h2 id={`${dimension.code}-h`} lang="es">
            {dimension.name}
          </h2>
          <ul>
            {dimension.themes.map((theme) => (
              <li key={theme.code} id={theme.code}>
                <h3 lang="es">{theme.name}</h3>
                <ul aria-label={t('records.plan.objectives', { theme: theme.name })}>
                  {theme.objectives.map((objective) => (
                    <li key={objective.code}>
                      <Link to={`/plan/objetivos/${objective.code}`}>
                        <strong>{objective.code}</strong>: <span lang="es">{objective.text}</span>
                      </Link>
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
