import type { ComplianceTrack, EvidenceFileView } from '#contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export type ComplianceReport = ComplianceTrack['reports'][number];

const TYPE_LABEL: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
};

/** 1.2 KB, 3.4 MB: a size as people read it, in the page's language. */
export function useFormatSize(): (bytes: number) => string {
  const { t, i18n } = useTranslation();
  return (bytes) => {
    const number = (value: number) =>
      new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'es-PE', { maximumFractionDigits: 1 }).format(
        value,
      );
    if (bytes < 1024) return t('evidence.size.bytes', { value: number(bytes) });
    if (bytes < 1024 * 1024) return t('evidence.size.kib', { value: number(bytes / 1024) });
    return t('evidence.size.mib', { value: number(bytes / (1024 * 1024)) });
  };
}

/**
 * A SHA-256 digest: its first and last characters (enough to compare by eye), the whole of it on demand,
 * and a button that copies it.
 */
export function Digest({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const id = useId();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => setCopied('ok'),
      () => setCopied('failed'),
    );
  return (
    <span className="ev-digest">
      <span className="sr-only">{label}: </span>
      <code id={id} className="digest" title={value} data-testid="digest">
        {full ? value : `${value.slice(0, 12)}…${value.slice(-6)}`}
      </code>{' '}
      <button
        type="button"
        className="link"
        aria-expanded={full}
        aria-controls={id}
        onClick={() => setFull(!full)}
      >
        {full ? t('evidence.hideDigest') : t('evidence.showDigest')}
      </button>{' '}
      <button type="button" className="link" onClick={() => void copy()}>
        {t('evidence.copy')}
      </button>
      <span role="status" className="muted">
        {copied === 'ok'
          ? ` ${t('evidence.copied')}`
          : copied === 'failed'
            ? ` ${t('evidence.copyFailed')}`
            : ''}
      </span>
    </span>
  );
}

/** Files of a report: a download link each (named by its digest), its type and size, and its digest. */
export function EvidenceFileList({ files }: { files: EvidenceFileView[] }) {
  const { t } = useTranslation();
  const formatSize = useFormatSize();
  if (files.length === 0) return null;
  return (
    <div className="ev-files">
      <p className="ev-label">{t('evidence.files')}</p>
      <ul>
        {files.map((file) => (
          <li key={file.sha256}>
            <a href={`/api/evidence/${file.sha256}`} download={file.fileName}>
              <span className="sr-only">{t('evidence.download')} </span>
              {file.fileName}
            </a>{' '}
            <span className="muted">
              (
              {t('evidence.fileMeta', {
                type: TYPE_LABEL[file.mediaType] ?? file.mediaType,
                size: formatSize(file.size),
              })}
              )
            </span>
            <br />
            <Digest value={file.sha256} label={t('evidence.digestOf', { name: file.fileName })} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export function EvidenceLinks({ links }: { links: string[] }) {
  const { t } = useTranslation();
  if (links.length === 0) return null;
  return (
    <div className="ev-files">
      <p className="ev-label">{t('evidence.links')}</p>
      <ul>
        {links.map((url) => (
          <li key={url}>
            <a href={url} rel="noopener noreferrer nofollow">
              {url}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One dated report as the public reads it: progress, status, text, who reported, its evidence, its receipt. */
export function ReportEntry({
  report,
  institution,
  formatDate,
  heading,
}: {
  report: ComplianceReport;
  institution: string;
  formatDate: (iso: string) => string;
  heading?: string;
}) {
  const { t } = useTranslation();
  return (
    <article className="ev-report" aria-label={heading ?? formatDate(report.reportedAt)}>
      <p className="ev-report-head">
        {heading ? <strong>{heading} · </strong> : null}
        <time dateTime={report.reportedAt}>
          {t('evidence.report', {
            date: formatDate(report.reportedAt),
            progress: report.progress,
            status: t(`compliance.${report.status}`),
          })}
        </time>
      </p>
      <p className="body" lang="es">
        {report.body}
      </p>
      <p className="muted">
        {report.reportedAs === 'secretariat'
          ? t('evidence.onBehalf', { name: report.reportedBy, institution })
          : t('evidence.reportedBy', { name: report.reportedBy })}
      </p>
      <EvidenceLinks links={report.evidence} />
      <EvidenceFileList files={report.evidenceFiles ?? []} />
      <p className="muted ev-receipt">
        {t('evidence.receipt')}: <Digest value={report.receipt} label={t('evidence.receipt')} />
      </p>
    </article>
  );
}
