import type { DelegateMessages } from './delegate.es';

/** The delegate console (merged into the translation at the top level). */
export const delegateEn: DelegateMessages = {
  delegate: {
    heading: 'Delegate console',
    pickSession: 'Session',
    checkIn: 'Check in',
    checkOut: 'Leave',
    checkedIn: 'You are checked in.',
    askFloor: 'Ask for the floor',
    withdrawFloor: 'Withdraw my request',
    voteHeading: 'Your vote',
    noVote: 'No vote is open.',
    confirm: 'Confirm your vote "{{choice}}"?',
    confirmYes: 'Confirm',
    cancel: 'Cancel',
    receipt: 'Ballot recorded. Receipt:',
    change: 'You can change your vote until it closes.',
    current: 'Your current vote: {{choice}}',
  },
  motions: {
    file: 'File a motion',
    title: 'Title',
    body: 'Text (articles)',
    rationale: 'Rationale',
    objectives: 'Plan objectives it serves',
    searchPlan: 'Search the plan',
    searchPlanHint: 'e.g. maternal health, water, land titles',
    chosen: 'Chosen: {{codes}}',
    institutions: 'Bound institutions',
    deadline: 'Compliance deadline',
    submit: 'File',
    filed: 'Motion filed: {{number}}',
    cosponsor: 'Motions looking for co-sponsors',
    cosponsors: '{{count}} co-sponsors',
    support: 'Co-sponsor {{number}}',
  },
};
