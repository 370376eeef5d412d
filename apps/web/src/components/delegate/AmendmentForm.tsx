import type { MotionSummary } from '#contracts';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
// The domain's own rule, so the preview is exactly what the server will check at filing.
import { applyAmendment, type AmendmentChange } from '#domain/motions/amendment';
import { ActionError, useAction } from '../feedback';
import { useMotionDetail } from './hooks';

type Op = AmendmentChange['op'];
const OPS: Op[] = ['replace', 'delete', 'insert_after', 'append'];
const AMENDABLE = ['admitted', 'scheduled', 'debating'] as const;

/** A change as one line of plain words (long passages shortened). */
function useChangeLine() {
  const { t } = useTranslation();
  const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);
  return (c: AmendmentChange) =>
    t(`motions.changeLine.${c.op}`, {
      find: 'find' in c ? cut(c.find) : '',
      text: 'text' in c ? cut(c.text) : '',
    });
}

/** The text once the changes are applied, or why a change cannot apply (in the page's language). */
function tryApply(
  body: string,
  changes: AmendmentChange[],
  lang: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): { text: string; error: null } | { text: null; error: string } {
  try {
    return { text: applyAmendment(body, changes), error: null };
  } catch (e) {
    const params = (e as { params?: { change?: number; reason?: { es: string; en: string } } }).params;
    const reason = params?.reason ? (lang === 'en' ? params.reason.en : params.reason.es) : String(e);
    return { text: null, error: t('motions.conflict', { change: params?.change ?? changes.length, reason }) };
  }
}

/**
 * An amendment against a motion that is admitted, scheduled or in debate: the delegate builds the
 * changes one by one (replace / delete / insert after / append), sees the resulting text, then files.
 */
export function AmendmentForm({ onFiled, refresh = 0 }: { onFiled?: () => void; refresh?: number }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const previewId = useId();
  const addErrorId = useId();
  const submitErrorId = useId();
  const findHintId = useId();
  const parentTextId = useId();
  const targetId = useId();
  const opId = useId();
  const changeLine = useChangeLine();
  const [targets, setTargets] = useState<MotionSummary[] | null>(null);
  const [parentId, setParentId] = useState('');
  const [op, setOp] = useState<Op>('replace');
  const [find, setFind] = useState('');
  const [text, setText] = useState('');
  const [changes, setChanges] = useState<AmendmentChange[]>([]);
  const [addError, setAddError] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [titleMissing, setTitleMissing] = useState(false);
  const [filed, setFiled] = useState<string | null>(null);
  const filedRef = useRef<HTMLParagraphElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const submit = useAction();
  const { detail: parent } = useMotionDetail(parentId || null);

  useEffect(() => {
    let live = true;
    Promise.all(
      AMENDABLE.map((status) =>
        api<{ items: MotionSummary[] }>('GET', `/api/motions?status=${status}&limit=100`).then(
          (p) => p.items,
        ),
      ),
    ).then(
      (lists) => live && setTargets(lists.flat().filter((m) => m.kind === 'motion')),
      () => live && setTargets([]),
    );
    return () => {
      live = false;
    };
  }, [refresh]);
  useEffect(() => {
    if (filed) filedRef.current?.focus();
  }, [filed]);

  const parentBody = parent?.body ?? '';
  const preview = useMemo(
    () => (parent && changes.length ? tryApply(parentBody, changes, i18n.language, t) : null),
    [parent, parentBody, changes, i18n.language, t],
  );

  /** Any edit makes earlier errors stale: a rejected change, a refused filing. */
  const clearErrors = () => {
    setAddError(null);
    setLocalError(null);
    setTitleMissing(false);
    submit.clear();
  };

  const choose = (id: string) => {
    setParentId(id);
    setChanges([]);
    clearErrors();
    setFiled(null);
  };

  const remove = (index: number) => {
    setChanges(changes.filter((_, i) => i !== index));
    clearErrors();
  };

  const add = () => {
    clearErrors();
    const change: AmendmentChange | null =
      op === 'append'
        ? text.trim()
          ? { op, text }
          : null
        : op === 'delete'
          ? find
            ? { op, find }
            : null
          : find && text
            ? { op, find, text }
            : null;
    if (!change) {
      setAddError(
        op === 'append' || (op !== 'delete' && find) ? t('motions.needText') : t('motions.needFind'),
      );
      return;
    }
    const next = [...changes, change];
    const result = tryApply(parentBody, next, i18n.language, t);
    if (result.error) {
      setAddError(result.error);
      return;
    }
    setAddError(null);
    setChanges(next);
    setFind('');
    setText('');
  };

  const file = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    if (!parent) return;
    const form = new FormData(formElement);
    const title = String(form.get('title') ?? '').trim();
    // This attempt's own problem, shown beside the button (never an earlier one).
    submit.clear();
    if (!changes.length || !preview?.text) {
      setLocalError(preview?.error ?? t('motions.needChange'));
      return;
    }
    if (title.length < 5) {
      setLocalError(t('motions.needTitle'));
      setTitleMissing(true);
      titleRef.current?.focus();
      return;
    }
    setLocalError(null);
    setTitleMissing(false);
    const body = {
      parentId: parent.id,
      changes,
      title,
      body: preview.text,
      rationale: String(form.get('rationale') ?? ''),
      objectiveCodes: parent.objectives,
      institutionCodes: parent.institutions,
    };
    void submit.run(
      async () => {
        const draft = await api<{ id: string }>('POST', '/api/motions', body);
        return api<{ number: string }>('POST', `/api/motions/${draft.id}/file`);
      },
      (amendment) => {
        formElement.reset();
        setChanges([]);
        setParentId('');
        setFiled(amendment.number);
        onFiled?.();
      },
    );
  };

  const submitError = localError ?? submit.error;
  return (
    // noValidate: the form checks itself and says what is missing beside «Presentar enmienda».
    <form className="panel dc-amend" aria-labelledby={headingId} onSubmit={file} noValidate>
      <h2 id={headingId}>{t('motions.amend')}</h2>
      <p className="muted">{t('motions.amendIntro')}</p>
      {filed ? (
        <p role="status" className="ok dc-done" tabIndex={-1} ref={filedRef}>
          {t('motions.amendFiled', { number: '' })}
          <Link to={`/mociones/${filed}`}>{filed}</Link>
        </p>
      ) : null}
      {targets && targets.length === 0 ? (
        <p>{t('motions.noAmendable')}</p>
      ) : (
        <div className="dc-field">
          <label htmlFor={targetId}>{t('motions.amendTarget')}</label>
          <select
            id={targetId}
            name="parent"
            value={parentId}
            onChange={(e) => choose(e.target.value)}
            disabled={!targets}
          >
            <option value="">{t('motions.chooseMotion')}</option>
            {(targets ?? []).map((m) => (
              <option key={m.id} value={m.id}>
                {m.number} · {m.title} ({t(`records.motionStatus.${m.status}`)})
              </option>
            ))}
          </select>
        </div>
      )}
      {parentId && !parent ? <p>{t('delegate.loading')}</p> : null}
      {parent ? (
        <>
          {/* Open: the passage to copy into «Texto a buscar» is in view, right above the fields. */}
          <details className="dc-motion dc-parent" open key={parent.id}>
            <summary id={parentTextId}>{t('motions.parentText')}</summary>
            <div className="body" role="region" aria-labelledby={parentTextId} tabIndex={0}>
              {parent.body}
            </div>
          </details>
          <fieldset className="dc-change">
            <legend>{t('motions.changes')}</legend>
            <div className="dc-field">
              <label htmlFor={opId}>{t('motions.changeOp')}</label>
              <select
                id={opId}
                value={op}
                onChange={(e) => {
                  setOp(e.target.value as Op);
                  clearErrors();
                }}
              >
                {OPS.map((o) => (
                  <option key={o} value={o}>
                    {t(`motions.op.${o}`)}
                  </option>
                ))}
              </select>
            </div>
            {op !== 'append' ? (
              <label>
                {t('motions.find')}
                <textarea
                  rows={2}
                  value={find}
                  onChange={(e) => {
                    setFind(e.target.value);
                    clearErrors();
                  }}
                  aria-describedby={findHintId}
                />
              </label>
            ) : null}
            {op !== 'append' ? (
              <p id={findHintId} className="muted dc-hint">
                {t('motions.findHint')}
              </p>
            ) : null}
            {op !== 'delete' ? (
              <label>
                {t('motions.newText')}
                <textarea
                  rows={3}
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    clearErrors();
                  }}
                />
              </label>
            ) : null}
            <button type="button" onClick={add} aria-describedby={addError ? addErrorId : undefined}>
              {t('motions.addChange')}
            </button>
            <ActionError error={addError} id={addErrorId} />
            {changes.length ? (
              <ol className="dc-changes">
                {changes.map((c, index) => (
                  <li key={index}>
                    <span>{changeLine(c)}</span>{' '}
                    <button type="button" className="link" onClick={() => remove(index)}>
                      {t('motions.removeChange', { number: index + 1 })}
                    </button>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">{t('motions.noChanges')}</p>
            )}
          </fieldset>
          <section className="dc-preview" aria-labelledby={previewId}>
            <h3 id={previewId}>{t('motions.preview')}</h3>
            {preview?.text ? (
              <div className="body">{preview.text}</div>
            ) : preview?.error ? (
              <p className="error">{preview.error}</p>
            ) : (
              <p className="muted">{t('motions.previewEmpty')}</p>
            )}
          </section>
          <label>
            {t('motions.amendTitle')}
            <input
              name="title"
              ref={titleRef}
              required
              minLength={5}
              maxLength={300}
              aria-invalid={titleMissing || undefined}
              aria-describedby={titleMissing ? submitErrorId : undefined}
              onChange={clearErrors}
            />
          </label>
          <label>
            {t('motions.amendRationale')}
            <textarea name="rationale" rows={3} onChange={clearErrors} />
          </label>
          <button
            type="submit"
            disabled={submit.pending}
            aria-describedby={submitError ? submitErrorId : undefined}
          >
            {t('motions.amendSubmit')}
          </button>
          <ActionError error={submitError} id={submitErrorId} />
        </>
      ) : null}
    </form>
  );
}
