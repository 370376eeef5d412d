import type { ModeratorMessages } from './moderator.es';

/** The Mesa Directiva's console (merged into the translation at the top level). */
export const moderatorEn: ModeratorMessages = {
  moderator: {
    heading: 'Presiding board console',
    newSession: 'New session',
    title: 'Title',
    place: 'Place',
    create: 'Create session',
    open: 'Open session',
    suspend: 'Suspend',
    resume: 'Resume',
    close: 'Close session',
    admit: 'Admit',
    filed: 'Filed motions',
    admitted: 'Admitted motions',
    addToAgenda: 'Add to agenda',
    start: 'Start debate',
    moveUp: 'Move up',
    moveDown: 'Move down',
    giveFloor: 'Give the floor',
    extend: 'Extend 60 s',
    endSpeech: 'End speech',
    openVote: 'Open vote',
    rule: 'Rule',
    duration: 'Deadline (seconds, optional)',
    closeVote: 'Close vote',
  },
};
