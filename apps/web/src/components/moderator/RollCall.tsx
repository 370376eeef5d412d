import type { SessionSnapshot } from '#contracts';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';

export interface DelegateRow {
  id: string;
  fullName: string;
  constituency: { code: string; name: string };
  status: 'active' | 'suspended' | 'ceased';
  alternateOfId: string | null;
  alternateId: string | null;
  seated: boolean;
}

/** One delegate's checkbox: checked = present; the click is recorded at once, its error beside it. */
function Presence({
  delegate,
  present,
  sessionId,
  enabled,
  role,
}: {
  delegate: DelegateRow;
  present: boolean;
  sessionId: string;
  enabled: boolean;
  role: string;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const errorId = useId();
  // What was asked, shown until the live snapshot says the same (or the request fails).
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => {
    if (asked !== null && asked === present) setAsked(null);
  }, [asked, present]);
  const change = (next: boolean) => {
    setAsked(next);
    void action
      .run(() => api('POST', `/api/sessions/${sessionId}/attendance/${delegate.id}`, { present: next }))
      .then((result) => {
        if (result === undefined) setAsked(null);
      });
  };
  return (
    <div className="mod-seat-person">
      <label className="check">
        <input
          type="checkbox"
          checked={asked ?? present}
          disabled={!enabled || action.pending}
          onChange={(e) => change(e.target.checked)}
          aria-describedby={action.error ? errorId : undefined}
        />
        {delegate.fullName}
      </label>
      {role || !delegate.seated ? (
        <span className="muted mod-small">
          {[role, delegate.seated || delegate.alternateOfId ? '' : t('moderator.roll.notSeated')]
            .filter(Boolean)
            .join(' · ')}
        </span>
      ) : null}
      <ActionError error={action.error} id={errorId} />
    </div>
  );
}

/** Every seat by province: the titular with the alternate beside, a checkbox each; quorum from the snapshot. */
export function RollCall({
  snapshot,
  delegates,
}: {
  snapshot: SessionSnapshot;
  delegates: DelegateRow[] | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const present = useMemo(() => new Set(snapshot.attendance.presentDelegateIds), [snapshot.attendance]);
  const enabled = snapshot.session.status === 'open' || snapshot.session.status === 'suspended';
  const provinces = useMemo(() => {
    const byId = new Map((delegates ?? []).map((d) => [d.id, d]));
    const groups = new Map<string, { titular: DelegateRow; alternate: DelegateRow | null }[]>();
    const seats = (delegates ?? []).filter(
      (d) => !d.alternateOfId || !byId.has(d.alternateOfId), // an alternate without a listed titular stands alone
    );
    for (const titular of seats) {
      const alternate = titular.alternateId ? (byId.get(titular.alternateId) ?? null) : null;
      const name = titular.constituency.name;
      groups.set(name, [...(groups.get(name) ?? []), { titular, alternate }]);
    }
    return [...groups]
      .sort(([a], [b]) => a.localeCompare(b, 'es'))
      .map(
        ([name, list]) =>
          [name, list.sort((a, b) => a.titular.fullName.localeCompare(b.titular.fullName, 'es'))] as const,
      );
  }, [delegates]);
  const quorum = snapshot.attendance.quorum;
  return (
    <section className="panel" id="mesa-roll" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('moderator.roll.heading')}</h2>
      <p aria-live="polite">
        {t('board.present', { ...quorum })} ·{' '}
        <span className={quorum.hasQuorum ? 'ok' : 'error'}>
          {quorum.hasQuorum ? t('board.hasQuorum') : t('board.noQuorum')}
        </span>
      </p>
      <p className="muted">{enabled ? t('moderator.roll.intro') : t('moderator.roll.notOpen')}</p>
      {delegates === null ? <p role="status">{t('moderator.roll.loading')}</p> : null}
      <div className="mod-provinces">
        {provinces.map(([name, seats]) => {
          const people = seats.flatMap((s) => (s.alternate ? [s.titular, s.alternate] : [s.titular]));
          const here = people.filter((p) => present.has(p.id)).length;
          return (
            <fieldset key={name} className="mod-province">
              <legend>{t('moderator.roll.province', { name, present: here, total: people.length })}</legend>
              <ul className="mod-seats">
                {seats.map(({ titular, alternate }) => (
                  <li key={titular.id} className="mod-seat">
                    <Presence
                      delegate={titular}
                      present={present.has(titular.id)}
                      sessionId={snapshot.session.id}
                      enabled={enabled}
                      role={titular.alternateOfId ? t('moderator.roll.alternate') : ''}
                    />
                    {alternate ? (
                      <Presence
                        delegate={alternate}
                        present={present.has(alternate.id)}
                        sessionId={snapshot.session.id}
                        enabled={enabled}
                        role={t('moderator.roll.alternate')}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}
