import type { secretVotesEs } from './secret-votes.es';

/** Secret questions, in English (same keys as secret-votes.es.ts). */
export const secretVotesEn: typeof secretVotesEs = {
  secretVote: {
    badge: 'Secret ballot',
    explain:
      'Nobody, not even the presiding board, can see what you choose. What is public is who voted. This device gives you a tracking code: keep it; with it you can change your vote until the close and, afterwards, check that it was counted.',
    explainClosed:
      'The vote is closed. Nobody, not even the Mesa, could see what each person chose; who voted and every ballot with its tracking code are published.',
    trackerHelpClosed:
      'With this code you can check that your ballot was counted as you cast it: look it up among the published ballots. Nobody else knows it is yours.',
    publicNote:
      'While it is open only how many have voted is published, never who chose what. At the close every ballot is published with its tracking code.',
    publicNoteClosed:
      'The ballots are published, each with its tracking code, and who voted; never who chose what. Anyone can count them again.',
    confirm: 'Confirm your secret vote “{{choice}}”?',
    confirmChange: 'Change your secret vote to “{{choice}}”? The last one counts.',
    confirmYes: 'Send my secret vote',
    cast: 'Your vote is in the ballot box. It is secret: nobody, not even the presiding board, can see what you chose.',
    replaced: 'Your vote was changed. The last one counts.',
    repeat: 'Your vote was already in the ballot box; nothing changed.',
    voted: 'You have already voted in this secret ballot.',
    change: 'Change my vote',
    keep: 'Keep my vote',
    changing: 'Choose your new vote. It is sent with the same tracking code and replaces the earlier one.',
    elsewhere:
      'You voted from another device. To change your vote here, type the tracking code you were given there.',
    useTracker: 'Use this code',
    trackerHelp:
      'It is secret until the close: with it you can change your vote while the vote is open and, after the close, check that your ballot was counted as you cast it. Nobody else knows it; if you lose it, it cannot be recovered. Write it down.',
    youVoted: 'You voted in this secret ballot.',
    didNotVote: 'You did not vote in this secret ballot.',
    find: {
      heading: 'Check my ballot',
      label: 'Tracking code',
      button: 'Find my ballot',
      found: 'Ballot {{tracker}} is published and counted: {{choice}}.',
      malformed: 'That code is not valid: check that it has 16 characters (for example 7K3M-Q9TX-4HWR-ZB2E).',
      absent: 'That code is not among the published ballots.',
      open: 'The vote is still open: the ballots are published at the close.',
    },
    ballots: {
      summary_one: 'Published ballot ({{count}})',
      summary_other: 'Published ballots ({{count}})',
      caption: 'Ballots of the secret vote, by tracking code',
      tracker: 'Tracking code',
      choice: 'Vote',
      hash: 'SHA-256 fingerprint of the published list: {{hash}}',
      loading: 'Loading the ballots…',
      failed: 'The ballots could not be loaded.',
      retry: 'Retry',
    },
    participation: {
      summary_one: 'Who voted: {{count}} of {{entitled}} entitled',
      summary_other: 'Who voted: {{count}} of {{entitled}} entitled',
      caption: 'Participation in the secret vote (who voted, never how)',
      delegate: 'Delegate',
      province: 'Province',
      took: 'Participation',
      voted: 'Voted',
      notVoted: 'Did not vote',
      loading: 'Loading the participation…',
    },
    mesa: {
      willBeSecret: 'Rules v.{{version}} put this decision to a secret ballot.',
      note: 'Secret ballot: the presiding board records no ballots and cannot see what each delegate chose; only who has voted. Each delegate votes from their console.',
    },
    rules: {
      column: 'Secret ballot?',
      field: 'Secret ballot',
      hint: 'Who voted is published, never what they chose; at the close, the ballots with their tracking codes.',
      note: 'In a secret ballot who voted is published, never what each one chose; at the close every ballot is published with its tracking code, and the result.',
    },
  },
};
