/** The verification page (its own chunk, with the page). */
export const verifyEs = {
  verify: {
    heading: 'Verificar el registro público',
    intro:
      'Cada hecho de la Asamblea queda en una cadena de eventos con huellas SHA-256, y la Asamblea firma cada pocos minutos puntos de control de esa cadena. Su navegador descarga el registro y lo recalcula por su cuenta: cada huella, cada firma, cada lista de habilitados, cada voto y cada resultado; y compara con el registro cada moción, sesión, asistencia, intervención e informe de cumplimiento que esta web publica.',
    progressLabel: 'Progreso de la verificación',
    starting: 'Descargando los puntos de control firmados…',
    progress: 'Verificando en su navegador: {{checked}} de {{expected}} eventos…',
    browserHeading: 'Verificación en su navegador',
    ok: 'Verificado en su navegador: el registro es consistente y todo lo publicado coincide con él.',
    count: {
      events: 'Eventos de la cadena recalculados',
      votes: 'Votaciones',
      ballots: 'Votos',
      resolutions: 'Resoluciones',
      votesUnderRules: 'Votaciones contadas con su versión del reglamento',
      motions: 'Mociones',
      motionVersions: 'Versiones de mociones',
      cosponsorships: 'Copatrocinios',
      sessions: 'Sesiones',
      agendaItems: 'Puntos de agenda',
      attendanceRows: 'Registros de asistencia',
      speeches: 'Intervenciones',
      complianceReports: 'Informes de cumplimiento',
      evidenceFiles: 'Archivos de evidencia',
    },
    timing:
      'Tardó {{seconds}} s; {{webCrypto}} huellas calculadas con WebCrypto y {{script}} con @noble/hashes.',
    broken: 'Discrepancia: el evento {{sequence}} no encaja en la cadena ({{problem}}).',
    discrepancyAt: 'Discrepancia en el evento {{sequence}}: lo publicado no es lo que dice el registro.',
    discrepancy: 'Discrepancia: lo publicado no es lo que dice el registro.',
    detail: 'Detalle técnico',
    failed: 'No se pudo leer el registro: {{message}}',
    witnessHeading: 'Puntos de control firmados',
    witnessOk_one:
      '{{count}} punto de control firmado verificado con la clave pública de la Asamblea. Este navegador guarda {{kept}} ({{added}} nuevos) y avisará si el registro contradice alguno más adelante.',
    witnessOk_other:
      '{{count}} puntos de control firmados verificados con la clave pública de la Asamblea. Este navegador guarda {{kept}} ({{added}} nuevos) y avisará si el registro contradice alguno más adelante.',
    witnessKeptNothing: 'Como el registro no se verificó, este navegador no guardó puntos de control nuevos.',
    alarm: 'El registro contradice lo que este navegador vio antes',
    finding: {
      rewritten:
        'REESCRITO: el evento {{sequence}} ya no es el que la Asamblea firmó en el punto de control {{sequence}}. El registro fue reescrito después.',
      truncated:
        'RECORTADO: el registro ya no llega al punto de control {{sequence}} que este navegador vio firmado.',
      fork: 'BIFURCACIÓN: el punto de control {{sequence}} aparece firmado ahora para otra huella.',
      signature: 'FIRMA: el punto de control {{sequence}} no se verifica con la clave de la Asamblea.',
      keys: 'FIRMA: las claves de firma del registro no se verifican.',
      document:
        'DOCUMENTO: el punto de control {{sequence}} impreso en el documento no coincide con el registro.',
    },
    documentHeading: 'Punto de control del documento',
    documentOk: 'El punto de control N.º {{sequence}} impreso en el documento coincide con el registro.',
    documentSigned: 'La Asamblea lo firmó: su huella es la del punto de control publicado.',
    documentInvalid: 'El enlace no trae un punto de control válido (número y huella de 64 caracteres).',
    forget: 'Olvidar los puntos de control guardados',
    forgotten: 'Este navegador ya no guarda puntos de control.',
    receiptHeading: 'Buscar un comprobante',
    receiptIntro:
      'El comprobante de un voto o de un informe es la huella de su evento. Escríbalo para saber qué evento es y si fue contado.',
    receiptLabel: 'Comprobante (64 caracteres)',
    receiptRun: 'Buscar comprobante',
    receiptInvalid: 'Un comprobante tiene 64 caracteres: cifras del 0 al 9 y letras de la a a la f.',
    receiptFound: 'Su comprobante corresponde a: {{what}}.',
    receiptNotFound: 'Ningún evento del registro tiene esa huella.',
    again: 'Verificar otra vez',
    serverHeading: 'Verificación del servidor',
    serverRun: 'Pedir verificación al servidor',
    serverOk: 'El servidor dice que el registro es consistente: {{checked}} eventos verificados.',
    serverBroken: 'El servidor encontró una discrepancia.',
    cli: 'Cualquiera puede repetirlo en su computadora y guardar los puntos de control: npm run verify -- --url {{url}} --witness testigo.json',
  },
};
