import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { addCatalogue } from '../../i18n';
import { accountEn } from '../../locales/account.en';
import { accountEs } from '../../locales/account.es';
import { useRecordFormat } from '../../pages/Motion';
import { errorText } from '../feedback';
import './account.css';

addCatalogue(accountEs, accountEn);

export interface CredentialEvent {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string | null;
  occurredAt: string;
  hash: string;
}

export interface BallotInName {
  voteId: string;
  question: string;
  sessionId: string;
  motionId: string | null;
  revision: number;
  choice: 'yes' | 'no' | 'abstain';
  castAt: string;
  sequence: number;
  receipt: string;
  castBy: string | null;
  castByOwnAccount: boolean;
  voteStatus: 'open' | 'closed';
}

export interface AccountActivityAnswer {
  credentialEvents: CredentialEvent[];
  delegateId: string | null;
  ballots: BallotInName[];
}

/** What a credential fact says, in plain words. */
function useDescribe(): (event: CredentialEvent) => string {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const roles = (list: unknown) =>
    (Array.isArray(list) ? list : []).map((role) => t(`roles.${String(role)}`)).join(', ');
  return (event) => {
    const p = event.payload;
    switch (event.type) {
      case 'account.created':
        return t('account.activity.types.created');
      case 'account.enrolment_issued':
        return t(
          p.purpose === 'reset' ? 'account.activity.types.reset' : 'account.activity.types.enrolment',
          { date: typeof p.expiresAt === 'string' ? format.dateTime(p.expiresAt) : '' },
        );
      case 'account.password_set':
        switch (p.via) {
          case 'reset':
            return t('account.activity.types.passwordReset');
          case 'change':
            return t('account.activity.types.passwordChange');
          case 'operator':
            return t('account.activity.types.passwordOperator');
          default:
            return t('account.activity.types.passwordEnrolment');
        }
      case 'account.roles_changed': {
        const parts = [
          roles(p.granted) ? t('account.activity.types.granted', { roles: roles(p.granted) }) : '',
          roles(p.removed) ? t('account.activity.types.removed', { roles: roles(p.removed) }) : '',
        ].filter(Boolean);
        return `${t('account.activity.types.roles')}${parts.length ? `: ${parts.join('; ')}` : ''}`;
      }
      case 'account.status_changed':
        return t(p.active ? 'account.activity.types.activated' : 'account.activity.types.deactivated');
      case 'account.seat_changed':
        return t('account.activity.types.seat');
      case 'account.second_factor_changed':
        return t(
          p.enabled ? 'account.activity.types.secondFactorOn' : 'account.activity.types.secondFactorOff',
        );
      case 'account.recovery_code_used':
        return t('account.activity.types.recoveryUsed', { count: Number(p.remaining ?? 0) });
      default:
        return event.type;
    }
  };
}

/**
 * The account's credential facts as the public record holds them and, for a delegate, every ballot cast
 * in their seat's name with the account that cast it: a vote cast by someone else stands out.
 */
export function AccountActivity({
  userId,
  refresh = 0,
  withHeading = true,
}: {
  userId: string;
  refresh?: number;
  withHeading?: boolean;
}) {
  const { t } = useTranslation();
  const format = useRecordFormat();
  const describe = useDescribe();
  const id = useId();
  const [activity, setActivity] = useState<AccountActivityAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<AccountActivityAnswer>('GET', '/api/auth/me/activity').then(
      (answer) => {
        if (!live) return;
        setActivity(answer);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e, t)),
    );
    return () => {
      live = false;
    };
  }, [userId, refresh, t]);
  const who = (actor: string | null) =>
    actor === null
      ? t('account.activity.operator')
      : actor === `user:${userId}`
        ? t('account.activity.you')
        : t('account.activity.secretariat');
  const events = activity ? [...activity.credentialEvents].reverse() : [];
  return (
    <section className="acct-activity" aria-labelledby={withHeading ? `${id}-h` : undefined}>
      {withHeading ? <h2 id={`${id}-h`}>{t('account.activity.heading')}</h2> : null}
      <p className="muted">{t('account.activity.intro')}</p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {!activity ? (
        error ? null : (
          <p role="status">{t('account.activity.loading')}</p>
        )
      ) : (
        <>
          <h3 id={`${id}-events`}>{t('account.activity.events')}</h3>
          {events.length === 0 ? (
            <p>{t('account.activity.none')}</p>
          ) : (
            <div className="acct-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-events`}>
              <table className="acct-table" data-testid="credential-events">
                <caption className="sr-only">{t('account.activity.events')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('account.activity.when')}</th>
                    <th scope="col">{t('account.activity.what')}</th>
                    <th scope="col">{t('account.activity.who')}</th>
                    <th scope="col">{t('account.activity.number')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.map((event) => (
                    <tr key={event.sequence}>
                      <td data-label={t('account.activity.when')}>
                        <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
                      </td>
                      <th scope="row" data-label={t('account.activity.what')}>
                        {describe(event)}
                      </th>
                      <td data-label={t('account.activity.who')}>{who(event.actor)}</td>
                      <td data-label={t('account.activity.number')}>
                        <a
                          href={`/api/ledger?after=${event.sequence - 1}&limit=1`}
                          aria-label={t('account.activity.eventLink', { sequence: event.sequence })}
                        >
                          {event.sequence}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <Link to="/verificar">{t('account.activity.verify')}</Link>
          </p>
          {activity.delegateId ? (
            <>
              <h3 id={`${id}-ballots`}>{t('account.activity.ballots')}</h3>
              <p className="muted">{t('account.activity.ballotsIntro')}</p>
              {activity.ballots.length === 0 ? (
                <p>{t('account.activity.noBallots')}</p>
              ) : (
                <div className="acct-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-ballots`}>
                  <table className="acct-table" data-testid="ballots-in-name">
                    <caption className="sr-only">{t('account.activity.ballots')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('account.activity.question')}</th>
                        <th scope="col">{t('account.activity.revision')}</th>
                        <th scope="col">{t('account.activity.choice')}</th>
                        <th scope="col">{t('account.activity.castAt')}</th>
                        <th scope="col">{t('account.activity.castBy')}</th>
                        <th scope="col">{t('account.activity.receipt')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {activity.ballots.map((ballot) => (
                        <tr
                          key={`${ballot.voteId}:${ballot.revision}`}
                          className={ballot.castByOwnAccount ? undefined : 'acct-foreign'}
                        >
                          <th scope="row" data-label={t('account.activity.question')}>
                            <span lang="es">{ballot.question}</span>
                            {ballot.voteStatus === 'open' ? (
                              <span className="muted"> ({t('account.activity.open')})</span>
                            ) : null}
                          </th>
                          <td data-label={t('account.activity.revision')}>{ballot.revision}</td>
                          <td data-label={t('account.activity.choice')}>{t(`choice.${ballot.choice}`)}</td>
                          <td data-label={t('account.activity.castAt')}>
                            <time dateTime={ballot.castAt}>{format.dateTime(ballot.castAt)}</time>
                          </td>
                          <td data-label={t('account.activity.castBy')}>
                            {ballot.castByOwnAccount ? (
                              t('account.activity.you')
                            ) : (
                              <strong className="acct-flag">⚠ {t('account.activity.otherAccount')}</strong>
                            )}
                          </td>
                          <td data-label={t('account.activity.receipt')}>
                            <code title={t('account.activity.receiptOf', { hash: ballot.receipt })}>
                              {ballot.receipt.slice(0, 12)}
                            </code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
