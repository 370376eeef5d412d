import type { EvidenceMessages } from './evidence.es';

/** Evidence of compliance on the public pages, and the console's entry in the menu (merged under `evidence`). */
export const evidenceEn: EvidenceMessages = {
  evidence: {
    nav: 'My institution',
    navSecretariat: 'Institutions’ reports',
    reports: 'Progress reports',
    noReports: 'No reports yet.',
    report: 'Report of {{date}}: {{progress}} % · {{status}}',
    reportedBy: 'Reported by {{name}}.',
    onBehalf: 'Reported by the secretariat ({{name}}) on behalf of {{institution}}.',
    links: 'Evidence links',
    files: 'Evidence files',
    download: 'Download',
    fileMeta: '{{type}} · {{size}}',
    digest: 'SHA-256',
    digestOf: 'SHA-256 digest of {{name}}',
    showDigest: 'Show the full digest',
    hideDigest: 'Hide the full digest',
    copy: 'Copy the digest',
    copied: 'Digest copied.',
    copyFailed: 'Could not copy: select the digest’s text.',
    receipt: 'Receipt in the public record',
    size: { bytes: '{{value}} B', kib: '{{value}} KB', mib: '{{value}} MB' },
  },
};
