/** Weak connections: the offline notice, the light mode, the phone header's menu, the home page's live link. */
export const offlineEs = {
  offline: {
    notice: 'Sin conexión — mostrado tal como estaba a las {{time}}',
    noticeDay: 'Sin conexión — mostrado tal como estaba el {{time}}',
    noticeUnknown: 'Sin conexión — mostrado tal como estaba la última vez',
    retry: 'Reintentar',
    menu: 'Menú',
    light: 'Modo liviano',
    lightHint:
      'Sin gráficos ni imágenes, y el avance de una votación se actualiza menos a menudo: para teléfonos lentos.',
    followLive: 'Seguir en vivo',
    followLiveOf: 'Seguir en vivo: {{title}}',
    voteOpen: 'Votación abierta ahora',
    electionOpen: 'Elección en curso ahora',
    noVoteOpen: 'Sesión en curso; no hay una votación abierta en este momento.',
  },
};

export type OfflineMessages = typeof offlineEs;
