import type { MotionSummary } from '#contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
// The lifecycle as data: withdrawal is offered exactly where the domain allows it.
import { nextMotionStatus } from '#domain/motions/motion-lifecycle';
import { useRecordFormat } from '../../pages/Motion';
import { ActionError, Confirm, useAction } from '../feedback';

function MyMotionRow({ motion, onChanged }: { motion: MotionSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const [asking, setAsking] = useState(false);
  const action = useAction();
  const errorId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const label = motion.number ?? motion.title;
  const withdrawable = nextMotionStatus(motion.status, 'withdraw') !== null;
  return (
    <li className="dc-card">
      <p>
        {motion.number ? (
          <Link to={`/mociones/${motion.number}`}>
            <strong>{motion.number}</strong>
          </Link>
        ) : (
          <strong>{t('motions.draftLabel')}</strong>
        )}{' '}
        · {motion.title}
      </p>
      <p className="muted">
        {t('motions.status', { status: t(`records.motionStatus.${motion.status}`) })}
        {motion.filedAt ? ` · ${format.dateTime(motion.filedAt)}` : ''}
        {motion.status === 'filed' ? ` · ${t('motions.cosponsors', { count: motion.cosponsorCount })}` : ''}
      </p>
      {withdrawable ? (
        asking ? (
          <Confirm
            question={t('motions.withdrawQuestion', { number: label })}
            confirmLabel={t('motions.withdrawConfirm')}
            pending={action.pending}
            onConfirm={() =>
              void action.run(
                () => api('POST', `/api/motions/${motion.id}/withdraw`),
                () => {
                  setAsking(false);
                  onChanged();
                },
              )
            }
            onCancel={() => {
              action.clear();
              setAsking(false);
              setTimeout(() => button.current?.focus());
            }}
          >
            <ActionError error={action.error} id={errorId} />
          </Confirm>
        ) : (
          <button type="button" className="dc-secondary" ref={button} onClick={() => setAsking(true)}>
            {t('motions.withdraw', { number: label })}
          </button>
        )
      ) : null}
    </li>
  );
}

/** The delegate's own motions and amendments (drafts too), each withdrawable while the lifecycle allows. */
export function MyMotions({
  delegateId,
  refresh = 0,
  onChanged,
}: {
  delegateId: string;
  refresh?: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [motions, setMotions] = useState<MotionSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setFailed(false);
    const author = encodeURIComponent(delegateId);
    Promise.all([
      api<{ items: MotionSummary[] }>('GET', `/api/motions?author=${author}&limit=100`),
      api<{ items: MotionSummary[] }>('GET', `/api/motions?author=${author}&status=draft&limit=100`),
    ]).then(
      ([filed, drafts]) => {
        if (!live) return;
        const seen = new Set<string>();
        setMotions([...drafts.items, ...filed.items].filter((m) => !seen.has(m.id) && seen.add(m.id)));
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [delegateId, refresh]);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('motions.mine')}</h2>
      {notice ? (
        <p role="status" className="ok">
          {notice}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="error">
          {t('errors.generic')}
        </p>
      ) : !motions ? (
        <p>{t('delegate.loading')}</p>
      ) : motions.length === 0 ? (
        <p>{t('motions.noneMine')}</p>
      ) : (
        <ul className="dc-list">
          {motions.map((m) => (
            <MyMotionRow
              key={m.id}
              motion={m}
              onChanged={() => {
                setNotice(t('motions.withdrawn', { number: m.number ?? m.title }));
                onChanged();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
