import type { ComplianceTrack, ResolutionSummary } from '#contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFound } from './NotFound';
import { Link, useParams } from 'react-router';
import { useRecordFormat } from './Motion';
import { api, ApiError } from '../api';
import { Status, usePageTitle } from '../components/Layout';
import { ReportEntry } from '../components/liaison/EvidenceFiles';
import '../components/liaison/evidence.css';

type Detail = ResolutionSummary & { body: string };

// The hemicycle of the vote that adopted it: a chunk of its own (shared with the board and projector).
const VoteHemicycle = lazy(() => import('../components/charts/VoteHemicycle'));

export function Resolution() {
  const { number } = useParams();
  const { t } = useTranslation();
  const format = useRecordFormat();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [tracks, setTracks] = useState<ComplianceTrack[]>([]);
  const [error, setError] = useState<ApiError | Error | null>(null);
  usePageTitle(detail ? `${detail.number} · ${detail.title}` : number);
  useEffect(() => {
    if (!number) return;
    api<Detail>('GET', `/api/resolutions/${number}`).then(setDetail, setError);
    api<ComplianceTrack[]>('GET', `/api/resolutions/${number}/compliance`).then(setTracks, () =>
      setTracks([]),
    );
  }, [number]);
  if (error instanceof ApiError && error.status === 404) return <NotFound message={error.message} />;
  if (error) return <Status error={error.message} />;
  if (!detail) return <p role="status">…</p>;
  return (
    <article>
      <h1>
        {detail.number} · <span lang="es">{detail.title}</span>
      </h1>
      <p>
        {t('resolutions.issuedAt', { date: format.dateTime(detail.issuedAt) })} ·{' '}
        <Link to={`/mociones/${detail.motionId}`}>{t('resolutions.motion')}</Link> ·{' '}
        <a href={`/api/resolutions/${detail.number}.pdf`}>{t('resolutions.pdf')}</a>
      </p>
      <h2>{t('resolutions.text')}</h2>
      <p className="body" lang="es">
        {detail.body}
      </p>
      <Suspense fallback={null}>
        <VoteHemicycle voteId={detail.voteId} className="hemi-resolution" secretDetails />
      </Suspense>
      <h2>{t('resolutions.objectives')}</h2>
      <p>
        {detail.objectives.map((code, index) => (
          <span key={code}>
            {index > 0 ? ', ' : null}
            <Link to={`/plan/objetivos/${code}`}>{code}</Link>
          </span>
        ))}
      </p>
      <h2>{t('resolutions.tracking')}</h2>
      {tracks.length === 0 ? <p>{t('resolutions.noTracks')}</p> : null}
      {tracks.map((track) => (
        <section key={track.institution.code} className="panel" aria-label={track.institution.name}>
          <h3>
            {track.institution.name}{' '}
            <span className={`badge ${track.status}`}>{t(`compliance.${track.status}`)}</span>
          </h3>
          <p>
            {t('resolutions.deadline')}: {track.deadline ? format.date(track.deadline) : '—'} ·{' '}
            {t('resolutions.progress')}: {track.progress} %
          </p>
          <progress
            max={100}
            value={track.progress}
            aria-label={`${t('resolutions.progress')} ${track.institution.code}`}
          />
          <h4 className="ev-label">{t('evidence.reports')}</h4>
          {track.reports.length === 0 ? <p className="muted">{t('evidence.noReports')}</p> : null}
          <ol className="ev-timeline">
            {track.reports.map((report) => (
              <li key={report.id}>
                <ReportEntry
                  report={report}
                  institution={track.institution.name}
                  formatDate={format.dateTime}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
      <h2>{t('resolutions.digest')}</h2>
      <p>
        <code className="digest">{detail.digest}</code>
      </p>
    </article>
  );
}
