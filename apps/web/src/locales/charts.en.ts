/** The charts (hemicycle, attendance): a lazy chunk's catalogue, merged at the top level. */
export const chartsEn = {
  charts: {
    hemicycle: {
      heading: 'Vote hemicycle',
      title: 'Vote hemicycle: one seat per entitled delegate',
      description:
        '{{seats}} seats, one per delegate entitled to vote, grouped by province: {{yes}} yes, {{no}} no, {{abstain}} abstaining, {{none}} not voted.',
      seats_one: '{{count}} seat',
      seats_other: '{{count}} seats',
      legend: 'Legend',
      none: 'Not voted',
      recordedBy: 'Recorded by the Mesa',
      recordedByNote: 'recorded by the Mesa (registrado por la Mesa)',
      selfCast: 'cast by the delegate',
      unknownProvince: 'Province not published',
      unknownProvinceNote:
        "Seats that did not vote are shown apart: the vote's public list names only those who voted.",
      table: 'Hemicycle data table',
      byProvince: 'Count by province and choice',
      province: 'Province',
      total: 'Total',
      delegates: "Each delegate's vote",
      delegate: 'Delegate',
      vote: 'Vote',
      how: 'Recorded',
      loading: 'Loading the hemicycle…',
      failed: 'The hemicycle could not be loaded.',
      retry: 'Try again',
    },
    attendance: {
      heading: 'Attendance across sessions',
      title: 'Attendance of {{name}} by session',
      description:
        'Present at {{present}} of {{opened}} sessions ({{rate}}), oldest to newest; the line is the cumulative rate.',
      legendPresent: 'Present',
      legendAbsent: 'Absent',
      legendRate: 'Cumulative rate',
      table: 'Attendance data table',
      caption: 'Attendance by session, oldest to newest',
      session: 'Session',
      date: 'Opened',
      attended: 'Attendance',
      cumulative: 'Cumulative rate',
    },
  },
};
