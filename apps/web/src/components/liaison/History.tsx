import type { ComplianceTrack } from '#contracts';
import { useTranslation } from 'react-i18next';
import { ReportEntry, type ComplianceReport } from './EvidenceFiles';

export interface HistoryEntry {
  number: string;
  report: ComplianceReport;
}

/** Every report of the institution, newest first, as the public record shows it. */
export function History({
  entries,
  institution,
  formatDate,
}: {
  entries: HistoryEntry[];
  institution: string;
  formatDate: (iso: string) => string;
}) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p>{t('liaison.noHistory')}</p>;
  return (
    <ol className="ev-timeline">
      {entries.map(({ number, report }) => (
        <li key={report.id}>
          <ReportEntry report={report} institution={institution} formatDate={formatDate} heading={number} />
        </li>
      ))}
    </ol>
  );
}

/** The institution's reports out of each resolution's tracks, newest first. */
export function historyOf(
  code: string,
  tracks: { number: string; tracks: ComplianceTrack[] }[],
): HistoryEntry[] {
  return tracks
    .flatMap(({ number, tracks: all }) =>
      (all.find((track) => track.institution.code === code)?.reports ?? []).map((report) => ({
        number,
        report,
      })),
    )
    .sort((a, b) => b.report.reportedAt.localeCompare(a.report.reportedAt));
}
