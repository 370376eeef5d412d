/** The projector view for the hall: a lazy chunk's catalogue, merged at the top level. */
export const projectorEs = {
  projector: {
    title: 'Proyector · {{title}}',
    fullScreen: 'Pantalla completa',
    exitFullScreen: 'Salir de pantalla completa',
    quorum: 'Quórum',
    presentOfRequired: '{{present}} presentes · se requieren {{required}}',
    seated: 'de {{seated}} escaños',
    item: 'Punto en debate',
    motion: 'Moción {{number}}',
    speaker: 'En el uso de la palabra',
    timer: 'Tiempo restante',
    queue: 'Lista de oradores',
    voteOpen: 'Votación abierta',
    votedOf: 'han votado de {{entitled}}',
    result: 'Resultado de la votación',
    resolution: 'Resolución {{number}}',
    resolutionPending: 'Resolución: en emisión…',
    waiting: 'En espera',
    closed: 'Sesión levantada',
  },
};
