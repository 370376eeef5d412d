/** Evidence of compliance on the public pages, and the console's entry in the menu (merged under `evidence`). */
export const evidenceEs = {
  evidence: {
    nav: 'Mi institución',
    navSecretariat: 'Informes de instituciones',
    reports: 'Informes de avance',
    noReports: 'Sin informes todavía.',
    report: 'Informe del {{date}}: {{progress}} % · {{status}}',
    reportedBy: 'Informó {{name}}.',
    onBehalf: 'Informó la Secretaría Técnica ({{name}}) en nombre de {{institution}}.',
    links: 'Enlaces de evidencia',
    files: 'Archivos de evidencia',
    download: 'Descargar',
    fileMeta: '{{type}} · {{size}}',
    digest: 'SHA-256',
    digestOf: 'Huella SHA-256 de {{name}}',
    showDigest: 'Ver la huella completa',
    hideDigest: 'Ocultar la huella completa',
    copy: 'Copiar la huella',
    copied: 'Huella copiada.',
    copyFailed: 'No se pudo copiar: seleccione el texto de la huella.',
    receipt: 'Recibo en el registro público',
    size: { bytes: '{{value}} B', kib: '{{value}} KB', mib: '{{value}} MB' },
  },
};
export type EvidenceMessages = typeof evidenceEs;
