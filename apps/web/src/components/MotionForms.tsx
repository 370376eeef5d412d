import type { ObjectiveSummary } from '#contracts';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { Status } from './Layout';

/** Searches the plan as the delegate types and lets them tick the objectives the motion serves. */
function ObjectivePicker({ chosen, onChange }: { chosen: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ObjectiveSummary[]>([]);
  const listId = useId();
  useEffect(() => {
    const timer = setTimeout(() => {
      const query = q.trim().length >= 2 ? `?q=${encodeURIComponent(q.trim())}` : '';
      void api<ObjectiveSummary[]>('GET', `/api/plan/objectives${query}`).then(
        (list) => setFound(list.slice(0, 12)),
        () => setFound([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  const toggle = (code: string) =>
    onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  return (
    <fieldset>
      <legend>{t('motions.objectives')}</legend>
      <label>
        {t('motions.searchPlan')}
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          aria-controls={listId}
          placeholder={t('motions.searchPlanHint')}
        />
      </label>
      <ul id={listId} className="picker" aria-live="polite">
        {found.map((o) => (
          <li key={o.code}>
            <label className="check">
              <input type="checkbox" checked={chosen.includes(o.code)} onChange={() => toggle(o.code)} />
              <span>
                <strong>{o.code}</strong> · {o.text} <span className="muted">({o.theme.name})</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {chosen.length ? <p>{t('motions.chosen', { codes: chosen.join(', ') })}</p> : null}
    </fieldset>
  );
}

/** Drafts and files a motion in one go (filing gives it its public number). */
export function FileMotion() {
  const { t } = useTranslation();
  const [objectives, setObjectives] = useState<string[]>([]);
  const [institutions, setInstitutions] = useState<{ code: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  useEffect(() => {
    void api<{ code: string; name: string }[]>('GET', '/api/institutions').then(setInstitutions, () =>
      setInstitutions([]),
    );
  }, []);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const deadline = String(form.get('deadline') ?? '');
    const body = {
      title: String(form.get('title')),
      body: String(form.get('body')),
      rationale: String(form.get('rationale') ?? ''),
      objectiveCodes: objectives,
      institutionCodes: form.getAll('institutions').map(String),
      ...(deadline ? { complianceDeadline: deadline } : {}),
    };
    void api<{ id: string }>('POST', '/api/motions', body)
      .then((draft) => api<{ number: string }>('POST', `/api/motions/${draft.id}/file`))
      .then(
        (motion) => {
          setFiled(motion.number);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
  };
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="file-h">
      <h2 id="file-h">{t('motions.file')}</h2>
      <label>
        {t('motions.title')}
        <input name="title" required minLength={5} maxLength={300} />
      </label>
      <label>
        {t('motions.body')}
        <textarea name="body" required rows={5} />
      </label>
      <label>
        {t('motions.rationale')}
        <textarea name="rationale" rows={3} />
      </label>
      <ObjectivePicker chosen={objectives} onChange={setObjectives} />
      <label>
        {t('motions.institutions')}
        <select name="institutions" multiple size={5}>
          {institutions.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} · {i.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('motions.deadline')}
        <input name="deadline" type="date" />
      </label>
      <button type="submit">{t('motions.submit')}</button>
      <Status error={error} />
      {filed ? (
        <p role="status" className="ok">
          {t('motions.filed', { number: filed })}
        </p>
      ) : null}
    </form>
  );
}

/** Filed motions waiting for co-sponsors. */
export function Cosponsor() {
  const { t } = useTranslation();
  const [motions, setMotions] = useState<
    { id: string; number: string; title: string; cosponsorCount: number }[]
  >([]);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    void api<{ items: typeof motions }>('GET', '/api/motions?status=filed').then(
      (page) => setMotions(page.items),
      () => setMotions([]),
    );
  useEffect(load, []);
  return (
    <section className="panel" aria-labelledby="cos-h">
      <h2 id="cos-h">{t('motions.cosponsor')}</h2>
      <Status error={error} />
      <ul>
        {motions.map((m) => (
          <li key={m.id}>
            {m.number} · {m.title} ({t('motions.cosponsors', { count: m.cosponsorCount })}){' '}
            <button
              type="button"
              onClick={() =>
                void api('POST', `/api/motions/${m.id}/cosponsors`).then(
                  () => {
                    setError(null);
                    load();
                  },
                  (e: Error) => setError(e.message),
                )
              }
            >
              {t('motions.support', { number: m.number })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
