import type { DiffPart, MotionDetail, MotionVersionView } from '#contracts';
import { Fragment, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFound } from './NotFound';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { VoteResult } from '../components/VoteResult';

const VoteHemicycle = lazy(() => import('../components/charts/VoteHemicycle'));
import { useLiveSession } from '../live';
import { useRules } from '../rules';

/** Dates, times and rates as the reader's language writes them; times in Cajamarca's clock. */
export function useRecordFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'es-PE';
  return {
    dateTime: (iso: string) =>
      new Date(iso).toLocaleString(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'America/Lima',
      }),
    /** A calendar day (YYYY-MM-DD) stays that day; an instant is read in Cajamarca. */
    date: (value: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? new Date(`${value}T12:00:00Z`).toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'UTC' })
        : new Date(value).toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'America/Lima' }),
    percent: (ratio: number) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio),
  };
}

const FIELDS = ['title', 'body', 'rationale'] as const;

/** A word diff: kept text as is, additions in <ins>, removals in <del> (underlined / struck through). */
function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.op === 'insert' ? (
          <ins key={index}>{part.text}</ins>
        ) : part.op === 'delete' ? (
          <del key={index}>{part.text}</del>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

function VersionChanges({ version }: { version: MotionVersionView }) {
  const { t } = useTranslation();
  const diff = version.diff;
  if (!diff) return null;
  const changed = FIELDS.filter((field) => diff[field].some((part) => part.op !== 'equal'));
  if (changed.length === 0) return <p>{t('records.motion.noChanges')}</p>;
  return (
    <>
      {changed.map((field) => {
        const edits = diff[field].filter((part) => part.op !== 'equal' && part.text.trim() !== '');
        const headingId = `v${version.version}-${field}`;
        return (
          <section key={field} aria-labelledby={headingId}>
            <h4 id={headingId}>
              {t(`records.motion.fields.${field}`)} ·{' '}
              {t('records.motion.diff', { version: version.version - 1 })}
            </h4>
            <p className="body" lang="es" data-testid={`diff-${version.version}-${field}`}>
              <DiffText parts={diff[field]} />
            </p>
            {edits.length > 0 ? (
              <ul aria-label={t('records.motion.changes')}>
                {edits.map((part, index) => (
                  <li key={index}>
                    {t(part.op === 'insert' ? 'records.motion.inserted' : 'records.motion.deleted', {
                      text: part.text.trim(),
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        );
      })}
      <details>
        <summary>{t('records.motion.fullText', { version: version.version })}</summary>
        <p className="body" lang="es">
          {version.body}
        </p>
      </details>
    </>
  );
}

/** A motion as the public reads it: what it asks, who filed it, every version with its diff, its record. */
export function Motion() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const format = useRecordFormat();
  const rules = useRules();
  const [detail, setDetail] = useState<MotionDetail | null>(null);
  const [parent, setParent] = useState<MotionDetail | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [reload, setReload] = useState(0);
  usePageTitle(detail ? `${detail.number ?? t('records.motion.draft')} · ${detail.title}` : null);
  useEffect(() => {
    if (!id) return;
    let current = true; // an answer for an address already left is dropped
    setError(null);
    api<MotionDetail>('GET', `/api/motions/${encodeURIComponent(id)}`).then(
      (motion) => current && setDetail(motion),
      (e: Error) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [id, reload]);
  useEffect(() => setDetail(null), [id]);
  // A motion on the agenda of a live session follows it: its vote and result arrive without a reload.
  const item = detail?.agendaItem;
  // Not yet closed: a scheduled session may open while the page is being read.
  const following = item && item.sessionStatus !== 'closed' ? item.sessionId : undefined;
  const live = useLiveSession(following);
  const liveEvent = live.lastEvent;
  // A fresh snapshot (the session opened or closed, another item started) may have changed it too.
  useEffect(() => {
    if (live.snapshots > 1) setReload((n) => n + 1);
  }, [live.snapshots]);
  useEffect(() => {
    if (!liveEvent) return;
    if (
      liveEvent.type.startsWith('session.') ||
      ['vote.opened', 'vote.closed', 'resolution.issued', 'agenda.current_changed'].includes(liveEvent.type)
    )
      setReload((n) => n + 1);
  }, [liveEvent]);
  const liveVote =
    live.snapshot?.vote && live.snapshot.vote.motionId === detail?.id ? live.snapshot.vote : null;
  // An amendment names its parent by number.
  const parentId = detail?.parentId;
  useEffect(() => {
    setParent(null);
    if (!parentId) return;
    api<MotionDetail>('GET', `/api/motions/${parentId}`).then(setParent, () => setParent(null));
  }, [parentId]);
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  if (error) return <Status error={error.message} />;
  if (!detail) return <p role="status">{t('records.loading')}</p>;
  const amendmentNumber = (amendmentId: string) =>
    detail.amendments.find((a) => a.id === amendmentId)?.number ?? t('records.motion.kinds.amendment');
  return (
    <article>
      <h1>
        {detail.number ?? t('records.motion.draft')} · <span lang="es">{detail.title}</span>
      </h1>
      <dl>
        <dt>{t('records.motion.status')}</dt>
        <dd>
          <span className="badge">{t(`records.motionStatus.${detail.status}`)}</span>
        </dd>
        <dt>{t('records.motion.kind')}</dt>
        <dd>
          {t(`records.motion.kinds.${detail.kind}`)}
          {detail.parentId ? (
            <>
              {' · '}
              {t('records.motion.amends')}{' '}
              <Link to={`/mociones/${detail.parentId}`}>
                {parent?.number ?? t('records.motion.kinds.motion')}
                {parent ? (
                  <>
                    {' · '}
                    <span lang="es">{parent.title}</span>
                  </>
                ) : null}
              </Link>
            </>
          ) : null}
        </dd>
        <dt>{t('records.motion.author')}</dt>
        <dd>
          <Link to={`/delegados/${detail.author.delegateId}`}>{detail.author.fullName}</Link>{' '}
          <span className="muted">({detail.author.constituency.name})</span>
        </dd>
        <dt>{t('records.motion.objectives')}</dt>
        <dd>
          {detail.objectives.length === 0
            ? t('records.none')
            : detail.objectives.map((code, index) => (
                <Fragment key={code}>
                  {index > 0 ? ', ' : null}
                  <Link to={`/plan/objetivos/${code}`}>{code}</Link>
                </Fragment>
              ))}
        </dd>
        <dt>{t('records.motion.institutions')}</dt>
        <dd>{detail.institutions.length ? detail.institutions.join(', ') : t('records.none')}</dd>
        <dt>{t('records.motion.deadline')}</dt>
        <dd>{detail.complianceDeadline ? format.date(detail.complianceDeadline) : t('records.notSet')}</dd>
        {detail.filedAt ? (
          <>
            <dt>{t('records.motion.filedAt')}</dt>
            <dd>
              <time dateTime={detail.filedAt}>{format.dateTime(detail.filedAt)}</time>
            </dd>
          </>
        ) : null}
        <dt>{t('records.motion.cosponsors')}</dt>
        <dd>
          {detail.cosponsors.length === 0
            ? t('records.none')
            : detail.cosponsors.map((c, index) => (
                <Fragment key={c.delegateId}>
                  {index > 0 ? ', ' : null}
                  <Link to={`/delegados/${c.delegateId}`}>{c.fullName}</Link>
                </Fragment>
              ))}
        </dd>
        {detail.decision ? (
          <>
            <dt>{t('voteForm.decision')}</dt>
            <dd>
              <Link to="/reglamento">
                {rules?.decisions.find((d) => d.kind === detail.decision)?.label[
                  i18n.language === 'en' ? 'en' : 'es'
                ] ?? detail.decision}
              </Link>
            </dd>
          </>
        ) : null}
        {detail.inadmissibleReason ? (
          <>
            <dt>{t('records.motion.inadmissibleReason')}</dt>
            <dd lang="es">{detail.inadmissibleReason}</dd>
          </>
        ) : null}
      </dl>

      {item ? (
        <section className="panel" aria-labelledby="motion-live" data-testid="motion-session">
          <h2 id="motion-live">{t('publicPages.motionLive.heading')}</h2>
          <p>
            <Link to={`/sesiones/${item.sessionId}`} lang="es">
              {item.sessionTitle}
            </Link>{' '}
            · <span className={`badge ${item.sessionStatus}`}>{t(`status.${item.sessionStatus}`)}</span> ·{' '}
            {t(`agendaStatus.${item.itemStatus}`)}
          </p>
          {liveVote ? <VoteResult vote={liveVote} /> : null}
          {detail.resolutionNumber ? (
            <p data-testid="motion-resolution">
              {t('board.resolution')}:{' '}
              <Link to={`/resoluciones/${detail.resolutionNumber}`}>{detail.resolutionNumber}</Link>
            </p>
          ) : null}
        </section>
      ) : detail.resolutionNumber ? (
        <p data-testid="motion-resolution">
          {t('board.resolution')}:{' '}
          <Link to={`/resoluciones/${detail.resolutionNumber}`}>{detail.resolutionNumber}</Link>
        </p>
      ) : null}
      {/* Its closed votes, each as a hemicycle with its table (and the seats the Mesa recorded marked). */}
      {detail.votes
        .filter((v) => v.status === 'closed')
        .map((v) => (
          <Suspense key={v.id} fallback={null}>
            <VoteHemicycle voteId={v.id} secretDetails />
          </Suspense>
        ))}

      <section aria-labelledby="motion-text">
        <h2 id="motion-text">{t('records.motion.text')}</h2>
        <p className="body" lang="es">
          {detail.body}
        </p>
        {detail.rationale ? (
          <>
            <h3>{t('records.motion.rationale')}</h3>
            <p className="body" lang="es">
              {detail.rationale}
            </p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="motion-versions">
        <h2 id="motion-versions">{t('records.motion.versions')}</h2>
        <p className="muted">{t('records.motion.versionsIntro')}</p>
        {detail.versions.map((version) => (
          <section
            key={version.version}
            className="panel"
            aria-labelledby={`version-${version.version}`}
            data-testid={`version-${version.version}`}
          >
            <h3 id={`version-${version.version}`}>
              {t('records.motion.version', { version: version.version })}{' '}
              {t('records.motion.versionDate', { date: format.date(version.createdAt) })}
              {version.version === detail.currentVersion ? (
                <>
                  {' '}
                  <span className="badge">{t('records.motion.current')}</span>
                </>
              ) : null}
            </h3>
            {version.amendmentId ? (
              <p>
                {t('records.motion.byAmendment')}{' '}
                <Link to={`/mociones/${version.amendmentId}`}>{amendmentNumber(version.amendmentId)}</Link>
              </p>
            ) : null}
            {version.diff ? (
              <VersionChanges version={version} />
            ) : (
              <>
                <h4>{t('records.motion.original')}</h4>
                <p lang="es">
                  <strong>{version.title}</strong>
                </p>
                <p className="body" lang="es">
                  {version.body}
                </p>
              </>
            )}
          </section>
        ))}
      </section>

      <section aria-labelledby="motion-amendments">
        <h2 id="motion-amendments">{t('records.motion.amendments')}</h2>
        {detail.amendments.length === 0 ? (
          <p>{t('records.motion.noAmendments')}</p>
        ) : (
          <ul className="cards">
            {detail.amendments.map((amendment) => (
              <li key={amendment.id} className="card">
                <Link to={`/mociones/${amendment.id}`}>
                  {amendment.number ?? t('records.motion.draft')} · <span lang="es">{amendment.title}</span>
                </Link>
                <span>
                  <span className="badge">{t(`records.motionStatus.${amendment.status}`)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="motion-history">
        <h2 id="motion-history">{t('records.motion.history')}</h2>
        <p className="muted">{t('records.motion.historyIntro')}</p>
        <ol data-testid="history">
          {detail.history.map((event) => (
            <li key={event.sequence}>
              <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>
              {' — '}
              {t(`records.motion.events.${event.type}`, { defaultValue: event.type })}{' '}
              <span className="muted">({t('records.motion.event', { sequence: event.sequence })})</span>
            </li>
          ))}
        </ol>
        <p>
          <Link to="/verificar">{t('records.motion.verify')}</Link>
        </p>
      </section>
    </article>
  );
}
