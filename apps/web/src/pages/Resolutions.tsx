import type { ComplianceStatus, ResolutionSummary } from '#contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { Status, usePageTitle } from '../components/Layout';

const STATUSES: ComplianceStatus[] = ['pending', 'in_progress', 'fulfilled', 'overdue'];

/** The registry: search and filters live in the URL, so a filtered list can be shared. */
export function Resolutions() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<ResolutionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('resolutions.heading'));
  useEffect(() => {
    const query = new URLSearchParams([...params].filter(([, v]) => v));
    api<{ items: ResolutionSummary[] }>('GET', `/api/resolutions?${query}`).then(
      (page) => {
        setItems(page.items);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [params]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setParams(Object.fromEntries([...form].map(([k, v]) => [k, String(v)]).filter(([, v]) => v)));
  };
  return (
    <>
      <h1>{t('resolutions.heading')}</h1>
      <form className="filters" onSubmit={submit} role="search">
        <label>
          {t('resolutions.search')}
          <input
            name="q"
            type="search"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('resolutions.searchPlaceholder')}
          />
        </label>
        <label>
          {t('resolutions.objective')}
          <input name="objective" defaultValue={params.get('objective') ?? ''} placeholder="SOC-SALUD-O4" />
        </label>
        <label>
          {t('resolutions.institution')}
          <input name="institution" defaultValue={params.get('institution') ?? ''} placeholder="DIRESA" />
        </label>
        <label>
          {t('resolutions.status')}
          <select name="status" defaultValue={params.get('status') ?? ''}>
            <option value="">{t('resolutions.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`compliance.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('resolutions.search')}</button>
      </form>
      <Status error={error} />
      {items?.length === 0 ? <p>{t('resolutions.none')}</p> : null}
      <ul className="cards">
        {items?.map((r) => (
          <li key={r.number} className="card">
            <Link to={`/resoluciones/${r.number}`}>
              {r.number} · <span lang="es">{r.title}</span>
            </Link>
            <span>{r.objectives.join(', ')}</span>
            <span>
              {Object.entries(r.compliance).map(([code, status]) => (
                <span key={code} className={`badge ${status}`}>
                  {code}: {t(`compliance.${status}`)}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
