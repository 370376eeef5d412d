import type { LedgerEvent } from '../ledger/hash-chain.js';
import { compareCompliance } from './compliance-facts.js';
import { compareMotion } from './motion-facts.js';
import type {
  ServedComplianceTrack,
  ServedFactsSource,
  ServedMotion,
  ServedSessionRecord,
  ServedSessionSnapshot,
} from './served-facts.js';
import { ServedFactsAuditor } from './served-facts-audit.js';
import { compareSessionRecord, compareSessionSnapshot } from './session-facts.js';

const S = 'sess-1';
const M = 'mot-1';
const FILE = 'f'.repeat(64);

/** A hand-built record: only type, payload, sequence and hash matter to the replay. */
function record(...events: [string, object][]): LedgerEvent[] {
  return events.map(([type, payload], index) => ({
    sequence: index + 1,
    type,
    subject: 'x',
    payload,
    payloadHash: '',
    previousHash: '',
    hash: `h${index + 1}`,
    actor: null,
    occurredAt: '2026-12-01T15:00:00.000Z',
  }));
}

const quorum = { seated: 3, present: 1, required: 2, hasQuorum: false };
const filed = {
  motionId: M,
  number: 'MOC-2026-0001',
  kind: 'motion',
  parentId: null,
  parentNumber: null,
  amendmentChanges: null,
  authorDelegateId: 'd-1',
  version: 1,
  title: 'Ambulancias',
  body: 'Artículo 1.',
  rationale: null,
  objectives: ['SOC-SALUD-O4'],
  institutions: ['DIRESA'],
  complianceDeadline: '2027-06-30',
};
const speech = {
  sessionId: S,
  id: 'sp-1',
  itemId: 'it-1',
  delegateId: 'd-2',
  stance: 'pro',
  startedAt: '2026-12-01T15:10:00.000Z',
  endsAt: '2026-12-01T15:13:00.000Z',
  endedAt: null,
  endedBy: null,
};

const EVENTS = record(
  [
    'session.scheduled',
    {
      sessionId: S,
      number: 'SES-2026-0001',
      kind: 'ordinary',
      title: 'Primera sesión',
      scheduledAt: '2026-12-01T15:00:00.000Z',
      place: 'Cajamarca',
      virtualUrl: null,
    },
  ],
  ['motion.filed', filed],
  ['motion.cosponsored', { motionId: M, number: filed.number, delegateId: 'd-2' }],
  ['motion.cosponsored', { motionId: M, number: filed.number, delegateId: 'd-3' }],
  ['motion.cosponsorship_withdrawn', { motionId: M, number: filed.number, delegateId: 'd-3' }],
  [
    'motion.admitted',
    { motionId: M, number: filed.number, from: 'filed', to: 'admitted', cosponsors: 1, threshold: 1 },
  ],
  ['session.opened', { sessionId: S, from: 'scheduled', to: 'open', quorum }],
  [
    'agenda.changed',
    {
      sessionId: S,
      items: [
        { id: 'it-1', position: 1, kind: 'motion', title: 'Ambulancias', motionId: M },
        { id: 'it-2', position: 2, kind: 'topic', title: 'Varios', motionId: null },
      ],
    },
  ],
  [
    'motion.scheduled',
    { motionId: M, number: filed.number, from: 'admitted', to: 'scheduled', sessionId: S },
  ],
  ['agenda.item_started', { sessionId: S, itemId: 'it-1', status: 'in_debate' }],
  ['attendance.checked_in', { sessionId: S, delegateId: 'd-2', recordedBy: 'self', quorum }],
  ['attendance.checked_in', { sessionId: S, delegateId: 'd-3', recordedBy: 'moderator', quorum }],
  ['attendance.checked_out', { sessionId: S, delegateId: 'd-3', recordedBy: 'moderator', quorum }],
  ['speech.started', speech],
  ['speech.extended', { sessionId: S, speechId: 'sp-1', seconds: 60, endsAt: '2026-12-01T15:14:00.000Z' }],
  [
    'speech.ended',
    {
      ...speech,
      endsAt: '2026-12-01T15:14:00.000Z',
      endedAt: '2026-12-01T15:12:30.000Z',
      endedBy: 'moderator',
    },
  ],
  [
    'motion.amended',
    {
      motionId: M,
      number: filed.number,
      version: 2,
      amendmentId: 'mot-2',
      amendmentNumber: 'MOC-2026-0002',
      title: 'Ambulancias',
      body: 'Artículo 1, enmendado.',
      rationale: null,
    },
  ],
  [
    'resolution.issued',
    { resolutionId: 'r-1', number: 'RES-2026-0001', motionId: M, voteId: 'v-1', digest: 'x' },
  ],
  [
    'compliance.reported',
    {
      resolutionNumber: 'RES-2026-0001',
      institutionCode: 'DIRESA',
      progress: 40,
      status: 'in_progress',
      body: 'Se compró una ambulancia.',
      evidence: ['https://diresa.example.pe/acta'],
      evidenceFiles: [{ sha256: FILE, fileName: 'acta.pdf', size: 321, mediaType: 'application/pdf' }],
      reportedAs: 'liaison',
    },
  ],
);

const motion = (): ServedMotion => ({
  id: M,
  number: filed.number,
  kind: 'motion',
  parentId: null,
  title: 'Ambulancias',
  status: 'scheduled',
  author: { delegateId: 'd-1' },
  objectives: ['SOC-SALUD-O4'],
  institutions: ['DIRESA'],
  complianceDeadline: '2027-06-30',
  cosponsorCount: 1,
  body: 'Artículo 1, enmendado.',
  rationale: '',
  inadmissibleReason: null,
  decision: null,
  currentVersion: 2,
  versions: [
    { version: 1, title: 'Ambulancias', body: 'Artículo 1.', rationale: '', amendmentId: null },
    { version: 2, title: 'Ambulancias', body: 'Artículo 1, enmendado.', rationale: '', amendmentId: 'mot-2' },
  ],
  cosponsors: [{ delegateId: 'd-2' }],
});

const session = {
  id: S,
  number: 'SES-2026-0001',
  kind: 'ordinary',
  title: 'Primera sesión',
  status: 'open',
  scheduledAt: '2026-12-01T15:00:00Z',
  place: 'Cajamarca',
  virtualUrl: null,
  openedAt: '2026-12-01T15:01:00.123Z',
  closedAt: null,
};
const agenda = () => [
  { id: 'it-1', position: 1, kind: 'motion', title: 'Ambulancias', status: 'in_debate', motionId: M },
  { id: 'it-2', position: 2, kind: 'topic', title: 'Varios', status: 'pending', motionId: null },
];
const sessionRecord = (): ServedSessionRecord => ({
  session: { ...session },
  attendance: {
    delegates: [
      { delegateId: 'd-2', present: true, recordedBy: 'self' },
      { delegateId: 'd-3', present: false, recordedBy: 'moderator' },
    ],
  },
  agenda: agenda(),
  speeches: [
    {
      ...speech,
      endsAt: '2026-12-01T15:14:00.000Z',
      endedAt: '2026-12-01T15:12:30.000Z',
      endedBy: 'moderator',
    },
  ],
});
const snapshot = (): ServedSessionSnapshot => ({
  session: { ...session },
  agenda: agenda(),
  attendance: { presentDelegateIds: ['d-2'], uncountedDelegateIds: [] },
});
const tracks = (): ServedComplianceTrack[] => [
  {
    institution: { code: 'DIRESA' },
    status: 'in_progress',
    progress: 40,
    reports: [
      {
        id: 'rep-1',
        progress: 40,
        status: 'in_progress',
        body: 'Se compró una ambulancia.',
        evidence: ['https://diresa.example.pe/acta'],
        evidenceFiles: [{ sha256: FILE, fileName: 'acta.pdf', size: 321, mediaType: 'application/pdf' }],
        reportedAs: 'liaison',
        receipt: 'h19',
      },
    ],
  },
];

function replayed(events = EVENTS): ServedFactsAuditor {
  const auditor = new ServedFactsAuditor();
  for (const event of events) auditor.add(event);
  return auditor;
}

describe('served facts against the record', () => {
  const facts = replayed();
  const motionFact = () => facts.motions.motions.get(M)!;
  const sessionFact = () => facts.sessions.sessions.get(S)!;
  const compliance = () => facts.compliance.resolutions.get('RES-2026-0001')!;

  it('replays what the record proves and finds the served rows equal to it', () => {
    expect(compareMotion(motionFact(), motion())).toBeNull();
    expect(compareSessionRecord(sessionFact(), sessionRecord())).toBeNull();
    expect(compareSessionSnapshot(sessionFact(), snapshot())).toBeNull();
    expect(compareCompliance('RES-2026-0001', compliance(), tracks())).toBeNull();
    expect(facts.counts()).toMatchObject({
      motions: 1,
      motionVersions: 2,
      cosponsorships: 1,
      sessions: 1,
      agendaItems: 2,
      attendanceRows: 2,
      speeches: 1,
      complianceReports: 1,
    });
  });

  it('names the motion version, status and co-sponsorship that differ', () => {
    const altered = motion();
    altered.versions[0]!.body = 'Artículo 1 (alterado).';
    expect(compareMotion(motionFact(), altered)).toEqual({
      sequence: 2,
      voteId: null,
      problem: 'motion MOC-2026-0001 (event 2): served version 1 body differs from the record',
    });
    expect(compareMotion(motionFact(), { ...motion(), status: 'admitted' })?.problem).toBe(
      'motion MOC-2026-0001 (event 9): served status differs from the record',
    );
    expect(
      compareMotion(motionFact(), { ...motion(), inadmissibleReason: 'fuera de plazo' })?.problem,
    ).toContain('reason of inadmissibility');
    // A withdrawn co-sponsorship still served, and one the record has that is not served.
    const withdrawn = {
      ...motion(),
      cosponsors: [{ delegateId: 'd-2' }, { delegateId: 'd-3' }],
      cosponsorCount: 2,
    };
    expect(compareMotion(motionFact(), withdrawn)?.problem).toContain(
      'co-sponsorship by delegate d-3 is served',
    );
    expect(compareMotion(motionFact(), { ...motion(), cosponsors: [], cosponsorCount: 0 })).toMatchObject({
      sequence: 3,
      problem: expect.stringContaining('co-sponsorship by delegate d-2 is in the record but not served'),
    });
    const extra = motion();
    extra.versions.push({ version: 3, title: 'x', body: 'y', rationale: null, amendmentId: null });
    expect(compareMotion(motionFact(), extra)?.problem).toBe(
      'motion MOC-2026-0001: version 3 is served but not in the record',
    );
  });

  it('names the session, agenda item, attendance row and speech that differ', () => {
    const check = (change: (r: ServedSessionRecord) => void) => {
      const served = sessionRecord();
      change(served);
      return compareSessionRecord(sessionFact(), served);
    };
    expect(check((r) => (r.session.title = 'Otra'))?.problem).toBe(
      'session SES-2026-0001 (event 1): served title differs from the record',
    );
    expect(check((r) => (r.agenda[1]!.position = 3))).toEqual({
      sequence: 8,
      voteId: null,
      problem: 'session SES-2026-0001, agenda item 2 (event 8): served order differs from the record',
    });
    expect(check((r) => (r.agenda[0]!.status = 'done'))?.sequence).toBe(10);
    expect(check((r) => r.agenda.pop())?.problem).toContain(
      'agenda item 2 (event 8): in the record but not served',
    );
    expect(check((r) => (r.attendance.delegates[0]!.present = false))).toMatchObject({
      sequence: 11,
      problem:
        'session SES-2026-0001, attendance of delegate d-2 (event 11): served presence differs from the record',
    });
    expect(check((r) => r.attendance.delegates.shift())?.problem).toContain(
      'attendance of delegate d-2 (event 11): in the record but not served',
    );
    expect(
      check((r) => r.attendance.delegates.push({ delegateId: 'd-9', present: true, recordedBy: 'self' }))
        ?.problem,
    ).toBe('session SES-2026-0001: attendance of delegate d-9 is served but not in the record');
    expect(check((r) => (r.speeches[0]!.delegateId = 'd-3'))).toMatchObject({
      sequence: 16,
      problem: 'session SES-2026-0001, speech sp-1 (event 16): served speaker differs from the record',
    });
    expect(check((r) => (r.speeches[0]!.endedAt = '2026-12-01T15:13:59.000Z'))?.problem).toContain(
      'served end differs',
    );
    // The extension is in the record: the speech's end time before it is not what the record proves.
    expect(check((r) => (r.speeches[0]!.endsAt = speech.endsAt))?.problem).toContain('with extensions');
    // Instants are compared as instants, whatever their spelling.
    expect(check((r) => (r.speeches[0]!.startedAt = '2026-12-01T10:10:00-05:00'))).toBeNull();

    const board = snapshot();
    board.attendance.presentDelegateIds.push('d-3');
    expect(compareSessionSnapshot(sessionFact(), board)?.problem).toBe(
      'session SES-2026-0001: the live board shows delegate d-3 present, which the record does not',
    );
  });

  it('names the compliance report whose text, files or receipt differ, and a status without an event', () => {
    const check = (change: (t: ServedComplianceTrack[]) => void) => {
      const served = tracks();
      change(served);
      return compareCompliance('RES-2026-0001', compliance(), served);
    };
    expect(check((t) => (t[0]!.reports[0]!.body = 'Se compraron dos.'))).toEqual({
      sequence: 19,
      voteId: null,
      problem: 'compliance report of RES-2026-0001 by DIRESA (event 19): served body differs from the record',
    });
    expect(check((t) => (t[0]!.reports[0]!.evidenceFiles[0]!.size = 322))?.problem).toContain(
      'evidence files',
    );
    expect(check((t) => (t[0]!.reports[0]!.receipt = 'h99'))?.problem).toBe(
      'compliance report rep-1 of RES-2026-0001 by DIRESA: served but not in the record (its receipt names no report event)',
    );
    expect(check((t) => (t[0]!.reports = []))?.problem).toContain('(event 19): in the record but not served');
    expect(check((t) => (t[0]!.status = 'fulfilled'))?.problem).toContain(
      'served status or progress differs',
    );
    expect(
      check((t) => t.push({ institution: { code: 'DRA' }, status: 'overdue', progress: 0, reports: [] }))
        ?.problem,
    ).toBe('compliance of RES-2026-0001 by DRA: served status or progress differs from the record');
  });

  it('checks every cited evidence file by the digest of the bytes served, and retries a row changed since', async () => {
    const served = {
      motionIds: async () => [M],
      motion: async () => motion(),
      sessionIds: async () => [S],
      sessionRecord: async () => sessionRecord(),
      sessionSnapshot: async () => snapshot(),
      compliance: async () => tracks(),
      evidenceFile: async (sha256: string) => ({ sha256, size: 321 }),
    } satisfies ServedFactsSource;
    const listings = { motionIds: [M], sessionIds: [S] };
    const none = async () => false;
    expect(await replayed().check(served, listings, none)).toBeNull();
    expect(
      (
        await replayed().check(
          { ...served, evidenceFile: async () => ({ sha256: 'e'.repeat(64), size: 321 }) },
          listings,
          none,
        )
      )?.problem,
    ).toBe(
      `evidence file ${FILE} of the compliance report of RES-2026-0001 by DIRESA (event 19): the served bytes hash to ${'e'.repeat(64)}`,
    );
    expect(
      (await replayed().check({ ...served, evidenceFile: async () => null }, listings, none))?.sequence,
    ).toBe(19);
    expect((await replayed().check(served, { ...listings, sessionIds: [S, 'sess-9'] }, none))?.problem).toBe(
      'session sess-9 is served but not in the record',
    );

    // Served after the record was read: the motion was withdrawn meanwhile; the event read on settles it.
    const auditor = replayed();
    const later = record(...Array.from({ length: 19 }, () => ['noop', {}] as [string, object]), [
      'motion.withdrawn',
      { motionId: M, number: filed.number, from: 'scheduled', to: 'withdrawn' },
    ]).slice(19);
    const moved = { ...served, motion: async () => ({ ...motion(), status: 'withdrawn' }) };
    expect((await replayed().check(moved, listings, none))?.problem).toContain('served status differs');
    let caughtUp = false;
    const catchUp = async () => {
      if (caughtUp) return false;
      caughtUp = true;
      for (const event of later) auditor.add(event);
      return true;
    };
    expect(await auditor.check(moved, listings, catchUp)).toBeNull();
  });
});
