/** The Mesa Directiva's console (merged into the translation at the top level). */
export const moderatorEs = {
  moderator: {
    heading: 'Consola de la Mesa Directiva',
    newSession: 'Nueva sesión',
    title: 'Título',
    place: 'Lugar',
    create: 'Crear sesión',
    open: 'Abrir sesión',
    suspend: 'Suspender',
    resume: 'Reanudar',
    close: 'Cerrar sesión',
    admit: 'Admitir',
    filed: 'Mociones presentadas',
    admitted: 'Mociones admitidas',
    addToAgenda: 'Agregar a la agenda',
    start: 'Iniciar debate',
    moveUp: 'Subir',
    moveDown: 'Bajar',
    giveFloor: 'Dar la palabra',
    extend: 'Extender 60 s',
    endSpeech: 'Terminar intervención',
    openVote: 'Abrir votación',
    rule: 'Regla',
    duration: 'Plazo (segundos, opcional)',
    closeVote: 'Cerrar votación',
  },
};
export type ModeratorMessages = typeof moderatorEs;
