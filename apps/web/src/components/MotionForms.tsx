import { foldForSearch } from '#domain/text/fold';
import type { MotionSummary, ObjectiveSummary } from '#contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api';
import { useMotionDetail } from './delegate/hooks';
import { ActionError, useAction } from './feedback';

type Institution = { code: string; name: string };

/** Enter in a search box filters; it must not file the motion. */
const keepEnter = (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

/** A labelled search box that narrows the list it controls. */
function ListSearch(props: {
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  listId: string;
}) {
  return (
    <label>
      {props.label}
      <input
        type="search"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={keepEnter}
        aria-controls={props.listId}
        placeholder={props.hint}
      />
    </label>
  );
}

/** Searches the plan as the delegate types and lets them tick the objectives the motion serves. */
function ObjectivePicker({ chosen, onChange }: { chosen: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ObjectiveSummary[]>([]);
  const listId = useId();
  useEffect(() => {
    // The first list at once; a search once the typing pauses.
    const timer = setTimeout(
      () => {
        const query = q.trim().length >= 2 ? `?q=${encodeURIComponent(q.trim())}` : '';
        void api<ObjectiveSummary[]>('GET', `/api/plan/objectives${query}`).then(
          (list) => setFound(list.slice(0, 12)),
          () => setFound([]),
        );
      },
      q.trim() ? 250 : 0,
    );
    return () => clearTimeout(timer);
  }, [q]);
  const toggle = (code: string) =>
    onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  return (
    <fieldset>
      <legend>{t('motions.objectives')}</legend>
      <ListSearch
        label={t('motions.searchPlan')}
        hint={t('motions.searchPlanHint')}
        value={q}
        onChange={setQ}
        listId={listId}
      />
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

/** Above this many institutions a filter box helps on a phone. */
const FILTER_FROM = 8;

/**
 * The institutions the motion binds, as checkboxes «CODE · name» that wrap on a narrow screen. The
 * filter only hides what does not match: a ticked institution stays in view (and chosen).
 */
function InstitutionPicker({
  institutions,
  chosen,
  onChange,
}: {
  institutions: Institution[];
  chosen: string[];
  onChange: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const listId = useId();
  const needle = foldForSearch(q.trim());
  const matches = (i: Institution) => !needle || foldForSearch(`${i.code} ${i.name}`).includes(needle);
  const shown = institutions.filter((i) => chosen.includes(i.code) || matches(i));
  const noMatch = !!needle && !institutions.some(matches);
  const toggle = (code: string) =>
    onChange(
      // In the list's order, as the form sent them before.
      institutions.map((i) => i.code).filter((c) => (c === code ? !chosen.includes(c) : chosen.includes(c))),
    );
  return (
    <fieldset className="dc-institutions">
      <legend>{t('motions.institutions')}</legend>
      {institutions.length > FILTER_FROM ? (
        <ListSearch
          label={t('motions.filterInstitutions')}
          hint={t('motions.filterInstitutionsHint')}
          value={q}
          onChange={setQ}
          listId={listId}
        />
      ) : null}
      <ul id={listId} className="dc-checks">
        {shown.map((i) => (
          <li key={i.code}>
            <label className="check">
              <input
                type="checkbox"
                name="institutions"
                value={i.code}
                checked={chosen.includes(i.code)}
                onChange={() => toggle(i.code)}
              />
              <span>
                <strong>{i.code}</strong> · {i.name}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {noMatch ? <p className="muted">{t('motions.noInstitutionMatch', { q: q.trim() })}</p> : null}
      <p className="muted" aria-live="polite">
        {chosen.length
          ? t('motions.institutionsChosen', { codes: chosen.join(', ') })
          : t('motions.noInstitutionChosen')}
      </p>
    </fieldset>
  );
}

/**
 * Drafts and files a motion in one go (filing gives it its public number). A draft whose filing failed
 * is kept and corrected on the next try, not created twice. After success the form clears for the next.
 */
export function FileMotion({ onFiled }: { onFiled?: () => void }) {
  const { t } = useTranslation();
  const [objectives, setObjectives] = useState<string[]>([]);
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [bound, setBound] = useState<string[]>([]);
  const [filed, setFiled] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [localError, setLocalError] = useState<string | null>(null);
  const draftId = useRef<string | null>(null);
  const filedRef = useRef<HTMLParagraphElement>(null);
  const action = useAction();
  const headingId = useId();
  const errorId = useId();
  useEffect(() => {
    void api<Institution[]>('GET', '/api/institutions').then(setInstitutions, () => setInstitutions([]));
  }, []);
  useEffect(() => {
    if (filed) filedRef.current?.focus();
  }, [filed]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    if (objectives.length === 0) {
      setLocalError(t('motions.needObjective'));
      return;
    }
    setLocalError(null);
    const deadline = String(form.get('deadline') ?? '');
    const body = {
      title: String(form.get('title')),
      body: String(form.get('body')),
      rationale: String(form.get('rationale') ?? ''),
      objectiveCodes: objectives,
      institutionCodes: bound,
      complianceDeadline: deadline || null,
    };
    void action.run(
      async () => {
        const draft = draftId.current
          ? await api<{ id: string }>('PATCH', `/api/motions/${draftId.current}`, body)
          : await api<{ id: string }>('POST', '/api/motions', body);
        draftId.current = draft.id;
        return api<{ number: string }>('POST', `/api/motions/${draft.id}/file`);
      },
      (motion) => {
        draftId.current = null;
        formElement.reset();
        setObjectives([]);
        setBound([]);
        setPickerKey((k) => k + 1);
        setFiled(motion.number);
        onFiled?.();
      },
    );
  };
  const error = localError ?? action.error;
  return (
    <form onSubmit={submit} className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('motions.file')}</h2>
      {filed ? (
        <p role="status" className="ok dc-done" tabIndex={-1} ref={filedRef}>
          {t('motions.filed', { number: '' })}
          <Link to={`/mociones/${filed}`}>{filed}</Link>. {t('motions.filedNext')}
        </p>
      ) : null}
      <label>
        {t('motions.title')}
        <input name="title" required minLength={5} maxLength={300} onInput={() => setFiled(null)} />
      </label>
      <label>
        {t('motions.body')}
        <textarea name="body" required rows={5} />
      </label>
      <label>
        {t('motions.rationale')}
        <textarea name="rationale" rows={3} />
      </label>
      <ObjectivePicker key={`objectives-${pickerKey}`} chosen={objectives} onChange={setObjectives} />
      <InstitutionPicker
        key={`institutions-${pickerKey}`}
        institutions={institutions}
        chosen={bound}
        onChange={setBound}
      />
      <label>
        {t('motions.deadline')}
        <input name="deadline" type="date" />
      </label>
      <button type="submit" disabled={action.pending} aria-describedby={error ? errorId : undefined}>
        {t('motions.submit')}
      </button>
      <ActionError error={error} id={errorId} />
    </form>
  );
}

/** One filed motion: who supports it (by name) against the threshold; support or withdraw support. */
function CosponsorRow({
  motion,
  delegateId,
  threshold,
}: {
  motion: MotionSummary;
  delegateId: string | null;
  threshold: number | null;
}) {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const { detail } = useMotionDetail(motion.id, refresh);
  const action = useAction();
  const errorId = useId();
  const number = motion.number ?? '';
  const cosponsors = detail?.cosponsors ?? [];
  const count = detail ? cosponsors.length : motion.cosponsorCount;
  const own = !!delegateId && motion.author.delegateId === delegateId;
  const supporting = !!delegateId && cosponsors.some((c) => c.delegateId === delegateId);
  const change = (support: boolean) =>
    void action.run(
      () => api(support ? 'POST' : 'DELETE', `/api/motions/${motion.id}/cosponsors`),
      () => {
        setDone(support ? t('motions.supported', { number }) : t('motions.unsupported', { number }));
        setRefresh((n) => n + 1);
      },
    );
  return (
    <li className="dc-card">
      <p>
        <Link to={`/mociones/${motion.number ?? motion.id}`}>
          <strong>{number}</strong>
        </Link>{' '}
        · {motion.title}
      </p>
      <p className="muted">{t('motions.byAuthor', { name: motion.author.fullName })}</p>
      <p>
        <strong>{t('motions.cosponsors', { count })}</strong>
        {threshold != null ? ` ${t('motions.ofThreshold', { count: threshold })}` : ''}
        {threshold != null && count >= threshold ? ` · ${t('motions.reached')}` : ''}
      </p>
      {threshold ? (
        <progress
          max={threshold}
          value={Math.min(count, threshold)}
          aria-hidden="true"
          className="dc-progress"
        />
      ) : null}
      {detail ? (
        <p className="muted">
          {cosponsors.length
            ? t('motions.supporters', { names: cosponsors.map((c) => c.fullName).join(', ') })
            : t('motions.noSupporters')}
        </p>
      ) : null}
      {own ? (
        <p className="muted">{t('motions.ownMotion')}</p>
      ) : delegateId && detail ? (
        <div>
          {supporting ? <p className="ok">{t('motions.youSupport')}</p> : null}
          <button
            type="button"
            className={supporting ? 'dc-secondary' : undefined}
            disabled={action.pending}
            aria-describedby={action.error ? errorId : undefined}
            onClick={() => change(!supporting)}
          >
            {supporting ? t('motions.unsupport', { number }) : t('motions.support', { number })}
          </button>
          <ActionError error={action.error} id={errorId} />
          {done && !action.error ? (
            <p role="status" className="ok">
              {done}
            </p>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Filed motions waiting for co-sponsors. */
export function Cosponsor({
  delegateId,
  threshold,
  refresh = 0,
}: {
  delegateId: string | null;
  threshold: number | null;
  refresh?: number;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [motions, setMotions] = useState<MotionSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    api<{ items: MotionSummary[] }>('GET', '/api/motions?status=filed&limit=50').then(
      (page) => live && setMotions(page.items),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [refresh]);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('motions.cosponsor')}</h2>
      {threshold != null ? (
        <p className="muted">{t('motions.cosponsorIntro', { count: threshold })}</p>
      ) : null}
      {failed ? (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      ) : !motions ? (
        <p>{t('delegate.loading')}</p>
      ) : motions.length === 0 ? (
        <p>{t('motions.noneFiled')}</p>
      ) : (
        <ul className="dc-list">
          {motions.map((m) => (
            <CosponsorRow key={m.id} motion={m} delegateId={delegateId} threshold={threshold} />
          ))}
        </ul>
      )}
    </section>
  );
}
