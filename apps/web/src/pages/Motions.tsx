import type { MotionSummary, ObjectiveSummary } from '#contracts';
import { MOTION_STATUSES } from '#domain/motions/motion-lifecycle';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { ActionError, errorText } from '../components/feedback';
import { usePageTitle } from '../components/Layout';
import { useRecordFormat } from './Motion';

/** Every status a filed motion can be in (a draft is its author's alone). */
const STATUSES = MOTION_STATUSES.filter((status) => status !== 'draft');
const FILTERS = ['q', 'status', 'objective', 'dimension', 'institution', 'constituency'] as const;

interface Page {
  items: MotionSummary[];
  nextCursor: string | null;
}

/** Every filed motion, searchable; the filters live in the URL so a list can be shared. */
export function Motions() {
  const { t } = useTranslation();
  const format = useRecordFormat();
  usePageTitle(t('publicPages.motions.heading'));
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<MotionSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [provinces, setProvinces] = useState<{ code: string; name: string }[]>([]);
  const [institutions, setInstitutions] = useState<{ code: string; name: string }[]>([]);
  const [objectives, setObjectives] = useState<ObjectiveSummary[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    void api<{ code: string; name: string }[]>('GET', '/api/constituencies').then(setProvinces, () =>
      setProvinces([]),
    );
    // The public knows institutions and objectives by name, not by code.
    void api<{ code: string; name: string }[]>('GET', '/api/institutions').then(setInstitutions, () =>
      setInstitutions([]),
    );
    void api<ObjectiveSummary[]>('GET', '/api/plan/objectives').then(setObjectives, () => setObjectives([]));
  }, []);
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(
      [...params].filter(([k, v]) => v && (FILTERS as readonly string[]).includes(k)),
    );
    q.set('limit', '30');
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q;
  };
  useEffect(() => {
    setItems(null);
    api<Page>('GET', `/api/motions?${query()}`).then(
      (page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [params]);
  const more = () => {
    if (!cursor) return;
    setLoadingMore(true);
    api<Page>('GET', `/api/motions?${query({ cursor })}`)
      .then(
        (page) => {
          setItems((list) => [...(list ?? []), ...page.items]);
          setCursor(page.nextCursor);
        },
        (e: unknown) => setError(errorText(e, t)),
      )
      .finally(() => setLoadingMore(false));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setParams(Object.fromEntries([...form].map(([k, v]) => [k, String(v)]).filter(([, v]) => v)));
  };
  return (
    <>
      <h1>{t('publicPages.motions.heading')}</h1>
      <p>{t('publicPages.motions.intro')}</p>
      <form
        className="filters"
        onSubmit={submit}
        // A list choice applies at once; typed words wait for Buscar (or Enter).
        onChange={(event) => {
          if (event.target instanceof HTMLSelectElement) event.currentTarget.requestSubmit();
        }}
        role="search"
        aria-label={t('publicPages.motions.search')}
      >
        <label>
          {t('publicPages.motions.search')}
          <input
            name="q"
            type="search"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('publicPages.motions.searchPlaceholder')}
          />
        </label>
        <label>
          {t('publicPages.motions.status')}
          <select name="status" defaultValue={params.get('status') ?? ''}>
            <option value="">{t('publicPages.motions.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`records.motionStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('publicPages.motions.province')}
          <select name="constituency" defaultValue={params.get('constituency') ?? ''}>
            <option value="">{t('publicPages.motions.anyProvince')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('resolutions.objective')}
          <select name="objective" defaultValue={params.get('objective') ?? ''} key={`o${objectives.length}`}>
            <option value="">{t('publicPages.motions.anyObjective')}</option>
            {objectives.map((o) => (
              <option key={o.code} value={o.code} lang="es">
                {o.code} · {o.text}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('resolutions.institution')}
          <select
            name="institution"
            defaultValue={params.get('institution') ?? ''}
            key={`i${institutions.length}`}
          >
            <option value="">{t('publicPages.motions.anyInstitution')}</option>
            {institutions.map((i) => (
              <option key={i.code} value={i.code} lang="es">
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('publicPages.motions.apply')}</button>
      </form>
      <ActionError error={error} />
      {items === null && !error ? <p role="status">{t('common.loading')}</p> : null}
      {items?.length === 0 ? <p role="status">{t('publicPages.motions.none')}</p> : null}
      {items && items.length > 0 ? (
        <p role="status" className="muted">
          {t('publicPages.motions.shown', { count: items.length })}
        </p>
      ) : null}
      <ul className="cards">
        {items?.map((m) => (
          <li key={m.id} className="card">
            <Link to={`/mociones/${m.number ?? m.id}`}>
              {m.number} · <span lang="es">{m.title}</span>
            </Link>
            <span>
              <span className={`badge ${m.status}`}>{t(`records.motionStatus.${m.status}`)}</span>{' '}
              {m.kind === 'amendment' ? t('records.motion.kinds.amendment') : null}
            </span>
            <span>
              {m.author.fullName} · {m.author.constituency.name}
            </span>
            <span className="muted">
              {t('publicPages.motions.cosponsors', { count: m.cosponsorCount })}
              {m.filedAt ? ` · ${format.dateTime(m.filedAt)}` : null}
            </span>
          </li>
        ))}
      </ul>
      {cursor ? (
        <button type="button" onClick={more} disabled={loadingMore}>
          {t('publicPages.motions.more')}
        </button>
      ) : null}
    </>
  );
}
