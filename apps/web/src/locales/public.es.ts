/** Public pages beyond the records: the motions list, the live board's links (merged at the top level). */
export const publicEs = {
  publicPages: {
    motions: {
      heading: 'Mociones',
      intro:
        'Todas las mociones presentadas a la Asamblea, con su estado. Busque por tema o filtre por provincia, objetivo del plan o institución.',
      search: 'Buscar mociones',
      searchPlaceholder: 'p. ej. agua potable',
      status: 'Estado',
      anyStatus: 'Todos los estados',
      province: 'Provincia del autor',
      anyProvince: 'Todas las provincias',
      anyObjective: 'Todos los objetivos',
      anyInstitution: 'Todas las instituciones',
      apply: 'Buscar',
      none: 'No hay mociones con esos criterios.',
      shown_one: '{{count}} moción',
      shown_other: '{{count}} mociones',
      cosponsors_one: '{{count}} copatrocinio',
      cosponsors_other: '{{count}} copatrocinios',
      more: 'Ver más mociones',
    },
    board: {
      projector: 'Vista para el proyector de la sala',
      motion: 'Leer la moción',
      closedIntro: 'La sesión fue levantada el {{date}}',
      minutes: 'Acta de la sesión (PDF)',
      resolutions: 'Resoluciones de esta sesión',
      noResolutions: 'Esta sesión no emitió resoluciones.',
      scheduledFor: 'Programada para el {{date}}',
      place: 'Lugar: {{place}}',
      virtual: 'Enlace virtual',
    },
    motionLive: {
      heading: 'En la sesión',
      follow: 'Seguir la sesión en vivo',
      voteOpen: 'Esta moción se está votando ahora.',
      result: 'Resultado de la votación',
    },
  },
};
export type PublicMessages = typeof publicEs;
