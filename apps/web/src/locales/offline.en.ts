import type { OfflineMessages } from './offline.es';

export const offlineEn: OfflineMessages = {
  offline: {
    notice: 'Offline — shown as it was at {{time}}',
    noticeDay: 'Offline — shown as it was on {{time}}',
    noticeUnknown: 'Offline — shown as it was last time',
    retry: 'Try again',
    menu: 'Menu',
    light: 'Light mode',
    lightHint: 'No charts or pictures, and a vote’s progress refreshes less often: for slow phones.',
    followLive: 'Follow live',
    followLiveOf: 'Follow live: {{title}}',
    voteOpen: 'A vote is open now',
    electionOpen: 'An election is being held now',
    noVoteOpen: 'Session in progress; no vote is open at the moment.',
  },
};
