import type { PublicMessages } from './public.es';

/** Public pages beyond the records: the motions list, the live board's links (merged at the top level). */
export const publicEn: PublicMessages = {
  publicPages: {
    motions: {
      heading: 'Motions',
      intro:
        'Every motion filed with the Assembly, with its status. Search by subject or filter by province, plan objective or institution.',
      search: 'Search motions',
      searchPlaceholder: 'e.g. drinking water',
      status: 'Status',
      anyStatus: 'Any status',
      province: "Author's province",
      anyProvince: 'Every province',
      anyObjective: 'Every objective',
      anyInstitution: 'Every institution',
      apply: 'Search',
      none: 'No motions match.',
      shown_one: '{{count}} motion',
      shown_other: '{{count}} motions',
      cosponsors_one: '{{count}} co-sponsor',
      cosponsors_other: '{{count}} co-sponsors',
      more: 'Show more motions',
    },
    board: {
      projector: 'Hall projector view',
      motion: 'Read the motion',
      closedIntro: 'The session was adjourned on {{date}}',
      minutes: 'Minutes of the session (PDF)',
      resolutions: 'Resolutions of this session',
      noResolutions: 'This session issued no resolutions.',
      scheduledFor: 'Scheduled for {{date}}',
      place: 'Place: {{place}}',
      virtual: 'Virtual link',
    },
    motionLive: {
      heading: 'In session',
      follow: 'Follow the session live',
      voteOpen: 'This motion is being voted on now.',
      result: 'Result of the vote',
    },
  },
};
