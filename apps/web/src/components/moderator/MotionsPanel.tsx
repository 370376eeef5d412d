import type { MotionDetail, MotionSummary } from '#contracts';
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useRules } from '../../rules';
import { ActionError, useAction } from '../feedback';

type Row = Pick<MotionSummary, 'id' | 'number' | 'title' | 'status' | 'parentId' | 'cosponsorCount'>;

/** Co-sponsors against the threshold, with their names (fetched for each filed motion). */
function Cosponsors({ motion, threshold }: { motion: Row; threshold: number | null }) {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let live = true;
    api<MotionDetail>('GET', `/api/motions/${motion.id}`).then(
      (detail) => live && setNames(detail.cosponsors.map((c) => c.fullName)),
      () => live && setNames(null),
    );
    return () => {
      live = false;
    };
  }, [motion.id, motion.cosponsorCount]);
  const count = motion.cosponsorCount;
  const missing = threshold === null ? 0 : Math.max(0, threshold - count);
  return (
    <div className="mod-small">
      <p className={missing > 0 ? 'warning' : 'ok'}>
        {t('moderator.motions.cosponsors', { count })}
        {threshold !== null ? ` · ${t('moderator.motions.threshold', { count: threshold })} · ` : ' · '}
        {missing > 0 ? t('moderator.motions.missing', { count: missing }) : t('moderator.motions.enough')}
      </p>
      {names ? (
        <p className="muted">
          {names.length > 0
            ? t('moderator.motions.cosponsorNames', { names: names.join(', ') })
            : t('moderator.motions.noCosponsors')}
        </p>
      ) : null}
    </div>
  );
}

/** A filed motion: admit it, or declare it inadmissible with a reason. */
function FiledActions({
  motion,
  threshold,
  onDone,
}: {
  motion: Row;
  threshold: number | null;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const admit = useAction();
  const reject = useAction();
  const id = useId();
  const rules = useRules();
  const [asking, setAsking] = useState(false);
  const [decision, setDecision] = useState('');
  const number = motion.number ?? '';
  // Kinds the assembly added (a budget, say): the Mesa qualifies an ordinary motion as one when admitting it.
  const added = motion.parentId
    ? []
    : (rules?.decisions.filter((d) => !['motion', 'amendment', 'procedural'].includes(d.kind)) ?? []);
  const language = i18n.language === 'en' ? 'en' : 'es';
  const short = threshold !== null && motion.cosponsorCount < threshold;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const reason = String(new FormData(formElement).get('reason')).trim();
    void reject.run(
      () => api('POST', `/api/motions/${motion.id}/inadmissible`, { reason }),
      () => {
        formElement.reset();
        setAsking(false);
        onDone();
      },
    );
  };
  return (
    <>
      {added.length > 0 ? (
        <label>
          {t('voteForm.admitAs', { number })}
          <select value={decision} onChange={(e) => setDecision(e.target.value)}>
            <option value="">{rules?.decisions.find((d) => d.kind === 'motion')?.label[language]}</option>
            {added.map((d) => (
              <option key={d.kind} value={d.kind}>
                {d.label[language]} — {t(`rule.${d.rule}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="row">
        <button
          type="button"
          disabled={admit.pending || short}
          aria-label={`${t('moderator.motions.admit')} ${number}`}
          aria-describedby={short ? `${id}-short` : undefined}
          onClick={() =>
            void admit.run(
              () => api('POST', `/api/motions/${motion.id}/admit`, decision ? { decision } : {}),
              onDone,
            )
          }
        >
          {t('moderator.motions.admit')}
        </button>
        <button
          type="button"
          className="mod-secondary"
          aria-expanded={asking}
          aria-label={`${t('moderator.motions.inadmissible')} ${number}`}
          onClick={() => {
            reject.clear();
            setAsking((v) => !v);
          }}
        >
          {t('moderator.motions.inadmissible')}
        </button>
      </div>
      {short ? (
        <span className="sr-only" id={`${id}-short`}>
          {t('moderator.motions.missing', { count: (threshold ?? 0) - motion.cosponsorCount })}
        </span>
      ) : null}
      <ActionError error={admit.error} />
      {asking ? (
        <form onSubmit={submit} className="mod-inline-form">
          <div className="mod-field">
            <label>
              {t('moderator.motions.reason')}
              <textarea
                name="reason"
                required
                minLength={5}
                maxLength={2000}
                rows={3}
                aria-describedby={`${id}-rh`}
              />
            </label>
            <span className="muted mod-hint" id={`${id}-rh`}>
              {t('moderator.motions.reasonHint')}
            </span>
          </div>
          <div className="row">
            <button type="submit" disabled={reject.pending}>
              {t('moderator.motions.confirmInadmissible')}
            </button>
            <button
              type="button"
              className="mod-secondary"
              disabled={reject.pending}
              onClick={() => setAsking(false)}
            >
              {t('common.cancel')}
            </button>
          </div>
          <ActionError error={reject.error} />
        </form>
      ) : null}
    </>
  );
}

/** An admitted motion or amendment goes onto the selected session's agenda. */
function AddToAgenda({
  motion,
  sessionId,
  onDone,
}: {
  motion: Row;
  sessionId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <>
      <button
        type="button"
        disabled={action.pending || !sessionId}
        aria-label={`${t('moderator.motions.addToAgenda')} ${motion.number}`}
        onClick={() =>
          void action.run(
            () =>
              api('POST', `/api/sessions/${sessionId}/agenda`, {
                kind: motion.parentId ? 'amendment' : 'motion',
                motionId: motion.id,
              }),
            onDone,
          )
        }
      >
        {t('moderator.motions.addToAgenda')}
      </button>
      <ActionError error={action.error} />
    </>
  );
}

function MotionLine({ motion, amendmentOf }: { motion: Row; amendmentOf?: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="mod-motion-title">
      {motion.parentId ? <span className="badge">{t('moderator.motions.amendment')}</span> : null}
      <Link to={`/mociones/${motion.id}`}>
        <strong>{motion.number}</strong> · {motion.title}
      </Link>
      {amendmentOf ? (
        <span className="muted"> · {t('moderator.motions.amendmentOf', { number: amendmentOf })}</span>
      ) : null}
    </p>
  );
}

/**
 * Filed motions to admit (or declare inadmissible) and admitted ones to put on the agenda; amendments
 * under their parent motion.
 */
export function MotionsPanel({
  sessionId,
  threshold,
  reloadKey,
}: {
  sessionId: string | null;
  threshold: number | null;
  reloadKey: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    const statuses = ['filed', 'admitted', 'scheduled', 'debating'];
    Promise.all(
      statuses.map((status) =>
        api<{ items: Row[] }>('GET', `/api/motions?status=${status}&limit=100`).then((page) => page.items),
      ),
    ).then(
      (pages) => live && setRows(pages.flat()),
      () => live && setRows((r) => r ?? []),
    );
    return () => {
      live = false;
    };
  }, [tick, reloadKey]);
  const all = rows ?? [];
  const byId = new Map(all.map((m) => [m.id, m]));
  const actionable = (m: Row) => m.status === 'filed' || m.status === 'admitted';
  // Top-level rows: motions, and amendments whose parent is not itself listed with actions.
  const children = (parent: Row) => all.filter((m) => m.parentId === parent.id && actionable(m));
  const tops = all.filter(
    (m) =>
      (actionable(m) && (!m.parentId || !byId.has(m.parentId))) ||
      (!m.parentId && !actionable(m) && children(m).length > 0),
  );
  const actions = (m: Row) =>
    m.status === 'filed' ? (
      <>
        <Cosponsors motion={m} threshold={threshold} />
        <FiledActions motion={m} threshold={threshold} onDone={reload} />
      </>
    ) : m.status === 'admitted' ? (
      <AddToAgenda motion={m} sessionId={sessionId} onDone={reload} />
    ) : null;
  const block = (status: 'filed' | 'admitted') => {
    const list = tops.filter((m) => m.status === status || children(m).some((c) => c.status === status));
    return list.length === 0 ? (
      <p className="muted">
        {t(status === 'filed' ? 'moderator.motions.noneFiled' : 'moderator.motions.noneAdmitted')}
      </p>
    ) : (
      <ul className="mod-list">
        {list.map((m) => {
          const kids = children(m).filter((c) => c.status === status);
          return (
            <li key={m.id} className="mod-item">
              <MotionLine
                motion={m}
                amendmentOf={m.parentId ? (byId.get(m.parentId)?.number ?? null) : undefined}
              />
              {m.status === status ? (
                actions(m)
              ) : (
                <p className="muted mod-small">
                  {t('moderator.motions.parentStatus', { status: t(`records.motionStatus.${m.status}`) })}
                </p>
              )}
              {kids.length > 0 ? (
                <div className="mod-amendments">
                  <h4>{t('moderator.motions.amendmentsOf', { number: m.number })}</h4>
                  <ul className="mod-list">
                    {kids.map((k) => (
                      <li key={k.id} className="mod-item">
                        <MotionLine motion={k} />
                        {actions(k)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    );
  };
  return (
    <section className="panel" id="mesa-motions" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.motions.heading')}</h2>
      {rows === null ? <p role="status">{t('common.loading')}</p> : null}
      <h3>{t('moderator.motions.filed')}</h3>
      {rows ? block('filed') : null}
      <h3>{t('moderator.motions.admitted')}</h3>
      {!sessionId ? <p className="muted">{t('moderator.motions.noSession')}</p> : null}
      {rows ? block('admitted') : null}
      <button type="button" className="link" onClick={reload}>
        {t('moderator.motions.refresh')}
      </button>
    </section>
  );
}
