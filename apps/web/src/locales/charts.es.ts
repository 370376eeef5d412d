/** The charts (hemicycle, attendance): a lazy chunk's catalogue, merged at the top level. */
export const chartsEs = {
  charts: {
    hemicycle: {
      heading: 'Hemiciclo de la votación',
      title: 'Hemiciclo de la votación: un escaño por delegado habilitado',
      description:
        '{{seats}} escaños, uno por delegado con derecho a voto, agrupados por provincia: {{yes}} a favor, {{no}} en contra, {{abstain}} en abstención, {{none}} sin votar.',
      seats_one: '{{count}} escaño',
      seats_other: '{{count}} escaños',
      legend: 'Leyenda',
      none: 'Sin votar',
      recordedBy: 'Registrado por la Mesa',
      recordedByNote: 'registrado por la Mesa',
      selfCast: 'emitido por el delegado',
      unknownProvince: 'Provincia no publicada',
      unknownProvinceNote:
        'Los escaños sin voto se muestran aparte: la lista pública de la votación solo nombra a quienes votaron.',
      table: 'Tabla de datos del hemiciclo',
      byProvince: 'Recuento por provincia y opción',
      province: 'Provincia',
      total: 'Total',
      delegates: 'Votos de cada delegado',
      delegate: 'Delegado',
      vote: 'Voto',
      how: 'Registro',
      loading: 'Cargando el hemiciclo…',
      failed: 'No se pudo cargar el hemiciclo.',
      retry: 'Reintentar',
    },
    attendance: {
      heading: 'Asistencia a lo largo de las sesiones',
      title: 'Asistencia de {{name}} por sesión',
      description:
        '{{present}} de {{opened}} sesiones con asistencia ({{rate}}), de la más antigua a la más reciente; la línea es la tasa acumulada.',
      legendPresent: 'Presente',
      legendAbsent: 'Ausente',
      legendRate: 'Tasa acumulada',
      table: 'Tabla de datos de la asistencia',
      caption: 'Asistencia por sesión, de la más antigua a la más reciente',
      session: 'Sesión',
      date: 'Apertura',
      attended: 'Asistencia',
      cumulative: 'Tasa acumulada',
    },
  },
};
