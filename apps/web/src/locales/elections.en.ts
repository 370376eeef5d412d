/** Elections and secret ballots (components/elections): a lazy chunk's catalogue. */
export const electionsEn = {
  elections: {
    ballot: {
      kind: 'Your ballot',
      kinds: { candidates: 'For candidates', blank: 'Blank ballot', null: 'Spoiled ballot' },
      blank: 'Blank ballot',
      null: 'Spoiled ballot',
      pickOne: 'Choose one candidate',
      pickUpTo_one: 'Choose up to {{count}} candidate',
      pickUpTo_other: 'Choose up to {{count}} candidates',
      pickedOf_one: 'You marked {{count}} of {{max}} allowed',
      pickedOf_other: 'You marked {{count}} of {{max}} allowed',
      next: 'Review my ballot',
      review: 'Review your ballot before sending it',
      correct: 'Correct it',
      sending: 'Sending…',
      problems: {
        ELECTION_BALLOT_EMPTY: 'Mark at least one candidate, or choose a blank or spoiled ballot.',
        ELECTION_TOO_MANY_CHOICES: 'You may mark {{max}} at most.',
        ELECTION_MARK_MISSING: '{{name}} is not marked yet: yes, no or abstain.',
        ELECTION_BALLOT_SHAPE: 'Mark at least one candidate, or choose a blank or spoiled ballot.',
        other: 'Check your ballot: it is not valid.',
      },
    },
    tracker: {
      heading: 'Your tracking code',
      help: 'It is secret until the close: with it you can change your ballot while the election is open and, after the close, check that your ballot was counted as you cast it. Nobody else knows it; if you lose it, it cannot be recovered. Write it down.',
      copy: 'Copy the code',
      copied: 'Code copied',
    },
  },
};
