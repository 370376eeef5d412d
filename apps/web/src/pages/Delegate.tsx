import type { DelegateRecord } from '#contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFound } from './NotFound';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { useDelegateNames } from '../names';
import { useRecordFormat } from './Motion';

// The attendance chart is a chunk of its own (with the hemicycle's styles): the record loads without it.
const AttendanceChart = lazy(() => import('../components/charts/AttendanceChart'));
const BallotsChart = lazy(() => import('../components/charts/BallotsChart'));

/** A delegate's public record: who they are, how often they came, and how they voted on every closed vote. */
export function Delegate() {
  const { id } = useParams();
  const { t } = useTranslation();
  const format = useRecordFormat();
  const names = useDelegateNames();
  const [record, setRecord] = useState<DelegateRecord | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  usePageTitle(record?.delegate.fullName);
  useEffect(() => {
    if (!id) return;
    setRecord(null);
    setError(null);
    api<DelegateRecord>('GET', `/api/delegates/${encodeURIComponent(id)}/record`).then(setRecord, setError);
  }, [id]);
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  if (error) return <Status error={error.message} />;
  if (!record) return <p role="status">{t('records.loading')}</p>;
  const { delegate, attendance, votes, votingSummary } = record;
  return (
    <article>
      <h1>{delegate.fullName}</h1>
      <section aria-labelledby="delegate-profile">
        <h2 id="delegate-profile">{t('records.delegate.profile')}</h2>
        <dl>
          <dt>{t('records.delegate.province')}</dt>
          <dd>{delegate.constituency.name}</dd>
          <dt>{t('records.delegate.organization')}</dt>
          <dd>{delegate.organization ?? t('records.notSet')}</dd>
          <dt>{t('records.delegate.status')}</dt>
          <dd>
            <span className="badge">{t(`records.delegate.statuses.${delegate.status}`)}</span>
          </dd>
          <dt>{t('records.delegate.term')}</dt>
          <dd>
            {t('records.delegate.termRange', {
              start: format.date(delegate.termStart),
              end: format.date(delegate.termEnd),
            })}
          </dd>
          {delegate.alternateOf ? (
            <>
              <dt>{t('records.delegate.alternateOf')}</dt>
              <dd>
                <Link to={`/delegados/${delegate.alternateOf.id}`}>{delegate.alternateOf.fullName}</Link>
              </dd>
            </>
          ) : null}
          {delegate.alternate ? (
            <>
              <dt>{t('records.delegate.alternate')}</dt>
              <dd>
                <Link to={`/delegados/${delegate.alternate.id}`}>{delegate.alternate.fullName}</Link>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="delegate-attendance">
        <h2 id="delegate-attendance">{t('records.delegate.attendance')}</h2>
        <p className="question" data-testid="attendance-rate">
          {attendance.rate === null
            ? t('records.delegate.noRate')
            : t('records.delegate.rate', { rate: format.percent(attendance.rate) })}
        </p>
        <p>
          {t('records.delegate.counts', {
            present: attendance.present,
            opened: attendance.openedSessions,
            absent: attendance.absent,
          })}
        </p>
        {attendance.sessions.length > 0 ? (
          <Suspense fallback={null}>
            <AttendanceChart
              name={delegate.fullName}
              sessions={attendance.sessions}
              formatDate={format.dateTime}
              formatPercent={format.percent}
            />
          </Suspense>
        ) : null}
        {attendance.sessions.length > 0 ? (
          <>
            <h3>{t('records.delegate.sessions')}</h3>
            <ul className="cards">
              {attendance.sessions.map((session) => (
                <li key={session.sessionId} className="card">
                  <Link to={`/sesiones/${session.sessionId}`}>
                    <span lang="es">{session.title}</span>
                  </Link>
                  <span>
                    <time dateTime={session.openedAt}>{format.dateTime(session.openedAt)}</time>
                  </span>
                  <span>
                    <span className={`badge ${session.present ? 'fulfilled' : 'overdue'}`}>
                      {t(session.present ? 'records.delegate.present' : 'records.delegate.absent')}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="delegate-votes">
        <h2 id="delegate-votes">{t('records.delegate.votes')}</h2>
        {votes.length === 0 ? (
          <p>{t('records.delegate.noVotes')}</p>
        ) : (
          <>
            <p>
              {t('records.delegate.participation', {
                ...votingSummary,
                rate:
                  votingSummary.participationRate === null
                    ? t('records.notSet')
                    : format.percent(votingSummary.participationRate),
              })}
            </p>
            <Suspense fallback={null}>
              <BallotsChart name={delegate.fullName} summary={votingSummary} formatPercent={format.percent} />
            </Suspense>
            <table data-testid="voting-record">
              <caption>{t('records.delegate.votesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('records.delegate.question')}</th>
                  <th scope="col">{t('records.delegate.date')}</th>
                  <th scope="col">{t('records.delegate.outcome')}</th>
                  <th scope="col">{t('records.delegate.ballot')}</th>
                  <th scope="col">{t('records.delegate.resolution')}</th>
                </tr>
              </thead>
              <tbody>
                {votes.map((vote) => (
                  <tr key={vote.voteId}>
                    <th scope="row">
                      {vote.motionId ? (
                        <Link to={`/mociones/${vote.motionId}`} lang="es">
                          {vote.motionNumber && !vote.question.includes(vote.motionNumber)
                            ? `${vote.motionNumber} · ${vote.question}`
                            : vote.question}
                        </Link>
                      ) : (
                        <span lang="es">{vote.question}</span>
                      )}
                    </th>
                    <td>
                      <time dateTime={vote.closedAt}>{format.date(vote.closedAt)}</time>
                    </td>
                    <td>{t(`records.delegate.outcomes.${vote.outcome}`)}</td>
                    <td className={vote.choice ? `choice ${vote.choice}` : 'muted'}>
                      {vote.choice ? t(`choice.${vote.choice}`) : t('records.delegate.notVoted')}
                      {vote.onBehalfOf ? (
                        <>
                          {' '}
                          (
                          {t('records.delegate.onBehalfOf', {
                            name: names.get(vote.onBehalfOf) ?? t('records.delegate.titular'),
                          })}
                          )
                        </>
                      ) : null}
                    </td>
                    <td>
                      {vote.resolutionNumber ? (
                        <Link to={`/resoluciones/${vote.resolutionNumber}`}>{vote.resolutionNumber}</Link>
                      ) : (
                        t('records.notSet')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </article>
  );
}
