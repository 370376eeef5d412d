/** The institutions' console (/institucion), for liaisons and the secretariat (merged under `liaison`). */
export const liaisonEs = {
  liaison: {
    heading: 'Consola de instituciones',
    intro:
      'Informe el avance de su institución en cada resolución que la obliga. Cada informe entra al registro público con su recibo.',
    introSecretariat:
      'Como Secretaría Técnica, elija la institución por la que informa: el informe se publica en su nombre y el registro dice que lo registró la Secretaría.',
    loading: 'Cargando…',
    // Which institution
    reportsFor: 'Informa por: {{institution}}',
    chooseInstitution: 'Institución por la que informa la Secretaría',
    choosePlaceholder: 'Elija una institución…',
    onBehalfNote:
      'Usted informa como Secretaría Técnica en nombre de {{institution}}; el registro público lo dirá así.',
    noInstitution:
      'Su cuenta de enlace no está vinculada a una institución. Pida a la Secretaría que la vincule.',
    // Obligations
    obligationsHeading: 'Lo que obliga a {{institution}}',
    noObligations: 'Ninguna resolución obliga todavía a esta institución.',
    summary_one: '{{count}} resolución · vencidas: {{overdue}} · cumplidas: {{fulfilled}}',
    summary_other: '{{count}} resoluciones · vencidas: {{overdue}} · cumplidas: {{fulfilled}}',
    deadline: 'Plazo: {{date}}',
    noDeadline: 'Sin plazo',
    progress: 'Avance: {{progress}} %',
    progressOf: 'Avance de {{number}}',
    reportCount_one: '{{count}} informe',
    reportCount_other: '{{count}} informes',
    report: 'Informar avance de {{number}}',
    publicPage: 'Ver la página pública',
    // The form
    formHeading: 'Informe de avance · {{number}}',
    chooseResolution: 'Elija una resolución de la lista para informar su avance.',
    alreadyFulfilled: 'Esta resolución ya fue declarada cumplida por la institución; no admite más informes.',
    progressLabel: 'Avance (%)',
    progressHint: 'Un número de 0 a 100.',
    bodyLabel: 'Qué se hizo',
    bodyHint: 'Entre 5 y 5000 caracteres. Se publica tal cual.',
    linksLabel: 'Enlaces de evidencia (opcional)',
    linksHint: 'Una dirección https:// por línea.',
    linksInvalid: 'Esta línea no es una dirección https:// válida: {{line}}',
    filesLabel: 'Archivos de evidencia (opcional)',
    filesHint:
      'PDF, PNG, JPEG o WebP; hasta {{size}} cada uno y {{max}} por informe. Se publican con su huella SHA-256.',
    tooManyFiles: 'Un informe lleva como máximo {{max}} archivos.',
    tooLarge: '{{name}} pesa {{size}}: el máximo es {{max}}.',
    uploading: 'Subiendo {{name}}: {{percent}} %',
    uploaded: '{{name}} subido.',
    uploadFailed: '{{name}}: {{message}}',
    removeFile: 'Quitar {{name}}',
    waitUploads: 'Espere a que terminen de subir los archivos.',
    fulfil: 'Declarar cumplida la resolución (el avance pasa a 100 %)',
    fulfilNote: 'Declarar el cumplimiento es definitivo: después ya no se admiten informes.',
    submit: 'Publicar el informe',
    submitFulfil: 'Declarar cumplida y publicar',
    published: 'Informe publicado en el registro público. Recibo: {{receipt}}',
    // History
    historyHeading: 'Historial de {{institution}}',
    noHistory: 'Todavía no hay informes de esta institución.',
    historyItem: '{{number}} · {{date}}',
  },
};
export type LiaisonMessages = typeof liaisonEs;
