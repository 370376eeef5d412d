/** Secret questions (components/secret-votes): a vote the reglamento marks secret. A lazy chunk's catalogue. */
export const secretVotesEs = {
  secretVote: {
    badge: 'Votación secreta',
    explain:
      'Nadie, ni siquiera la Mesa, puede ver qué elige usted. Lo que sí es público es quién votó. Este dispositivo le da un código de seguimiento: guárdelo, con él puede cambiar su voto hasta el cierre y, después, comprobar que se contó.',
    explainClosed:
      'La votación está cerrada. Nadie, ni siquiera la Mesa, pudo ver qué eligió cada persona; se publicó quién votó y cada papeleta con su código de seguimiento.',
    trackerHelpClosed:
      'Con este código puede comprobar que su papeleta se contó tal como la emitió: búsquelo entre las papeletas publicadas. Nadie más sabe que es suyo.',
    publicNote:
      'Mientras esté abierta solo se publica cuántos han votado, nunca quién eligió qué. Al cierre se publican las papeletas, cada una con su código de seguimiento.',
    publicNoteClosed:
      'Se publicaron las papeletas, cada una con su código de seguimiento, y quién votó; nunca quién eligió qué. Cualquiera puede volver a contarlas.',
    confirm: '¿Confirma su voto secreto «{{choice}}»?',
    confirmChange: '¿Cambia su voto secreto por «{{choice}}»? Cuenta el último.',
    confirmYes: 'Enviar mi voto secreto',
    cast: 'Su voto está en la urna. Es secreto: nadie, ni la Mesa, puede ver qué eligió.',
    replaced: 'Su voto fue cambiado. Cuenta el último.',
    repeat: 'Su voto ya estaba en la urna; no cambió nada.',
    voted: 'Usted ya votó en esta votación secreta.',
    change: 'Cambiar mi voto',
    keep: 'No cambiar mi voto',
    changing: 'Elija su nuevo voto. Se envía con el mismo código de seguimiento y reemplaza al anterior.',
    elsewhere:
      'Votó desde otro dispositivo. Para cambiar su voto aquí, escriba el código de seguimiento que recibió allí.',
    useTracker: 'Usar este código',
    trackerHelp:
      'Es secreto hasta el cierre: con él puede cambiar su voto mientras la votación esté abierta y, después del cierre, comprobar que su papeleta se contó tal como la emitió. Nadie más lo conoce; si lo pierde, no se puede recuperar. Anótelo.',
    youVoted: 'Usted votó en esta votación secreta.',
    didNotVote: 'Usted no votó en esta votación secreta.',
    find: {
      heading: 'Comprobar mi papeleta',
      label: 'Código de seguimiento',
      button: 'Buscar mi papeleta',
      found: 'La papeleta {{tracker}} está publicada y contada: {{choice}}.',
      malformed: 'Ese código no es válido: revise que tenga 16 caracteres (por ejemplo 7K3M-Q9TX-4HWR-ZB2E).',
      absent: 'Ese código no está entre las papeletas publicadas.',
      open: 'La votación sigue abierta: las papeletas se publican al cierre.',
    },
    ballots: {
      summary_one: 'Papeleta publicada ({{count}})',
      summary_other: 'Papeletas publicadas ({{count}})',
      caption: 'Papeletas de la votación secreta, por código de seguimiento',
      tracker: 'Código de seguimiento',
      choice: 'Voto',
      hash: 'Huella SHA-256 de la lista publicada: {{hash}}',
      loading: 'Cargando las papeletas…',
      failed: 'No se pudieron cargar las papeletas.',
      retry: 'Reintentar',
    },
    participation: {
      summary_one: 'Quién votó: {{count}} de {{entitled}} habilitados',
      summary_other: 'Quién votó: {{count}} de {{entitled}} habilitados',
      caption: 'Participación en la votación secreta (quién votó, nunca cómo)',
      delegate: 'Delegado',
      province: 'Provincia',
      took: 'Participación',
      voted: 'Votó',
      notVoted: 'No votó',
      loading: 'Cargando la participación…',
    },
    mesa: {
      willBeSecret: 'El reglamento v.{{version}} manda votar en secreto esta decisión.',
      note: 'Votación secreta: la Mesa no registra votos ni ve qué eligió cada delegado; solo quién ha votado. Cada delegado vota desde su consola.',
    },
    rules: {
      column: '¿Votación secreta?',
      field: 'Votación secreta',
      hint: 'Se publica quién votó, nunca qué eligió; al cierre, las papeletas con su código de seguimiento.',
      note: 'En una votación secreta se publica quién votó, nunca qué eligió cada uno; al cierre se publican las papeletas, cada una con su código de seguimiento, y el resultado.',
    },
  },
};
