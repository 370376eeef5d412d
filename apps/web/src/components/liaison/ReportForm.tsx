import type { ComplianceTrack, EvidenceLimitsView } from '#contracts';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ActionError, useAction } from '../feedback';
import { EvidenceFilesField } from './EvidenceFilesField';
import type { Obligation } from './ObligationList';

function invalidLink(line: string): boolean {
  try {
    const url = new URL(line);
    return url.protocol !== 'https:' || line.length < 12 || line.length > 500;
  } catch {
    return true;
  }
}

/**
 * A progress report on one resolution for one institution: percentage, text, evidence links and files,
 * or the declaration of fulfilment. The secretariat's reports name the institution (`onBehalfOf`).
 */
export function ReportForm({
  obligation,
  institution,
  onBehalfOf,
  limits,
  onPublished,
}: {
  obligation: Obligation;
  institution: { code: string; name: string };
  /** Set for the secretariat: the institution it reports for. */
  onBehalfOf: boolean;
  limits: EvidenceLimitsView;
  onPublished: (tracks: ComplianceTrack[]) => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [progress, setProgress] = useState(String(obligation.progress));
  const [body, setBody] = useState('');
  const [links, setLinks] = useState('');
  const [fulfil, setFulfil] = useState(false);
  const [files, setFiles] = useState<{ digests: string[]; busy: boolean }>({ digests: [], busy: false });
  const [published, setPublished] = useState<string | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const ids = {
    heading: useId(),
    progress: useId(),
    body: useId(),
    links: useId(),
    linksError: useId(),
    submit: useId(),
  };
  const onFiles = useCallback((digests: string[], busy: boolean) => setFiles({ digests, busy }), []);
  const headingText = t('liaison.formHeading', { number: obligation.number });

  if (obligation.status === 'fulfilled')
    return (
      <section className="panel" aria-labelledby={ids.heading}>
        <h2 id={ids.heading}>{headingText}</h2>
        {published !== null ? (
          <p role="status" className="banner">
            {t('liaison.published', { receipt: published.slice(0, 16) })}
          </p>
        ) : null}
        <p role="status">{t('liaison.alreadyFulfilled')}</p>
      </section>
    );

  const linkLines = links
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const badLink = linkLines.find(invalidLink);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPublished(null);
    if (badLink || files.busy) return;
    void action.run(
      () =>
        api<ComplianceTrack[]>('POST', `/api/resolutions/${obligation.number}/compliance`, {
          ...(onBehalfOf ? { institutionCode: institution.code } : {}),
          progress: fulfil ? 100 : Number(progress),
          ...(fulfil ? { status: 'fulfilled' } : {}),
          body: body.trim(),
          ...(linkLines.length ? { evidence: linkLines } : {}),
          ...(files.digests.length ? { evidenceFiles: files.digests } : {}),
        }),
      (tracks) => {
        const track = tracks.find((candidate) => candidate.institution.code === institution.code);
        setPublished(track?.reports.at(-1)?.receipt ?? '');
        setBody('');
        setLinks('');
        setFulfil(false);
        setResetKey((n) => n + 1);
        onPublished(tracks);
      },
    );
  };

  return (
    <section className="panel lc-form" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{headingText}</h2>
      <p className="muted">
        <span lang="es">{obligation.title}</span>
      </p>
      {onBehalfOf ? (
        <p className="warning">{t('liaison.onBehalfNote', { institution: institution.name })}</p>
      ) : null}
      <form onSubmit={submit} noValidate={false}>
        <label className="check">
          <input type="checkbox" checked={fulfil} onChange={(e) => setFulfil(e.target.checked)} />
          <span>{t('liaison.fulfil')}</span>
        </label>
        {fulfil ? <p className="warning">{t('liaison.fulfilNote')}</p> : null}
        <div className="field">
          <label htmlFor={ids.progress}>{t('liaison.progressLabel')}</label>
          <input
            id={ids.progress}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            required
            disabled={fulfil}
            value={fulfil ? '100' : progress}
            onChange={(e) => setProgress(e.target.value)}
            aria-describedby={`${ids.progress}-hint`}
            className="lc-progress"
          />
          <span id={`${ids.progress}-hint`} className="muted lc-hint">
            {t('liaison.progressHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.body}>{t('liaison.bodyLabel')}</label>
          <textarea
            id={ids.body}
            required
            minLength={5}
            maxLength={5000}
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-describedby={`${ids.body}-hint`}
          />
          <span id={`${ids.body}-hint`} className="muted lc-hint">
            {t('liaison.bodyHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.links}>{t('liaison.linksLabel')}</label>
          <textarea
            id={ids.links}
            rows={2}
            value={links}
            onChange={(e) => setLinks(e.target.value)}
            aria-invalid={badLink ? true : undefined}
            aria-describedby={badLink ? `${ids.links}-hint ${ids.linksError}` : `${ids.links}-hint`}
            placeholder="https://"
          />
          <span id={`${ids.links}-hint`} className="muted lc-hint">
            {t('liaison.linksHint')}
          </span>
          {badLink ? (
            <p role="alert" className="error" id={ids.linksError}>
              {t('liaison.linksInvalid', { line: badLink })}
            </p>
          ) : null}
        </div>
        <EvidenceFilesField limits={limits} onChange={onFiles} resetKey={resetKey} />
        <button
          type="submit"
          id={ids.submit}
          disabled={action.pending || files.busy || !!badLink}
          aria-describedby={action.error ? `${ids.submit}-error` : undefined}
        >
          {fulfil ? t('liaison.submitFulfil') : t('liaison.submit')}
        </button>
        {files.busy ? (
          <p className="muted" role="status">
            {t('liaison.waitUploads')}
          </p>
        ) : null}
        <ActionError error={action.error} id={`${ids.submit}-error`} />
        {published !== null ? (
          <p role="status" className="banner">
            {t('liaison.published', { receipt: published.slice(0, 16) })}
          </p>
        ) : null}
      </form>
    </section>
  );
}
