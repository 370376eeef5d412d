import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import { GENESIS_HASH, sealEvent, sha256Hex } from '../ledger/hash-chain.js';
import { ballotCommitment, countedBallots, type BallotReveal } from '../votes/ballot-commitment.js';
import { COUNTING_RULES_VERSION, tally, type BallotChoice } from '../votes/counting-rules.js';
import { entitledListHash } from '../votes/entitlement.js';
import { VoteRecordAuditor, type AuditedVote } from '../votes/vote-audit.js';
import { type VoteClosedPayload, type VoteOpenedPayload } from '../votes/vote-record.js';
import {
  crossCheckResolution,
  formatResolutionNumber,
  normaliseResolutionDocument,
  RESOLUTION_NUMBER_PATTERN,
  resolutionDigest,
  type ResolutionDocument,
} from './resolution.js';

describe('formatResolutionNumber', () => {
  it.each([
    [2026, 1, 'RES-APR-2026-0001'],
    [2026, 42, 'RES-APR-2026-0042'],
    [2026, 999, 'RES-APR-2026-0999'],
    [2026, 9999, 'RES-APR-2026-9999'],
    [2026, 10000, 'RES-APR-2026-10000'],
    [2027, 12345, 'RES-APR-2027-12345'],
    [1000, 7, 'RES-APR-1000-0007'],
    [9999, 7, 'RES-APR-9999-0007'],
  ])('(%i, %i) → %s', (year, sequence, expected) => {
    expect(formatResolutionNumber(year, sequence)).toBe(expected);
  });

  it.each([
    [999, 1],
    [10000, 1],
    [2026.5, 1],
    [Number.NaN, 1],
    [2026, 0],
    [2026, -1],
    [2026, 1.5],
    [2026, Number.NaN],
    [2026, Number.POSITIVE_INFINITY],
  ])('refuses year %d, sequence %d with a RangeError', (year, sequence) => {
    expect(() => formatResolutionNumber(year, sequence)).toThrow(RangeError);
  });
});

describe('RESOLUTION_NUMBER_PATTERN', () => {
  it('refuses sequence zero, which formatResolutionNumber never produces', () => {
    expect(RESOLUTION_NUMBER_PATTERN.test('RES-APR-2026-0000')).toBe(false);
    expect(RESOLUTION_NUMBER_PATTERN.test('RES-APR-2026-0001')).toBe(true);
  });

  it('matches what formatResolutionNumber produces and captures year and sequence', () => {
    for (const [year, sequence] of [
      [2026, 1],
      [2026, 9999],
      [2026, 10000],
      [2031, 123456],
    ] as const) {
      const match = RESOLUTION_NUMBER_PATTERN.exec(formatResolutionNumber(year, sequence));
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBe(year);
      expect(Number(match![2])).toBe(sequence);
    }
  });

  it.each([
    'RES-APR-2026-001',
    'RES-APR-2026-01234',
    'RES-APR-26-0001',
    'RES-APR-02026-0001',
    'res-apr-2026-0001',
    'RES-2026-0001',
    'MOC-2026-0001',
    'RES-APR-2026-0001 ',
    ' RES-APR-2026-0001',
    'RES-APR-2026-0001\n',
    'RES-APR-2026-00a1',
    'RES-APR-2026-',
  ])('rejects %j', (text) => {
    expect(RESOLUTION_NUMBER_PATTERN.test(text)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------
// A vote in the public record and the resolution document issued from it
// ---------------------------------------------------------------------------------------------------

const VOTE_ID = 'vote-17';
const NAMES: Record<string, { name: string; constituency: string }> = {
  d1: { name: 'Ana Quispe Huamán', constituency: 'Cajabamba' },
  d2: { name: 'Bruno Chávez Rojas', constituency: 'Celendín' },
  d3: { name: 'Carmen Díaz Terrones', constituency: 'Chota' },
  d4: { name: 'Darío Ñontol Vásquez', constituency: 'Jaén' },
};

/** d2 changes from no to yes; d4 abstains: 3 yes, 0 no, 1 abstain → adopted. */
function voteRecord() {
  const entitled = ['d1', 'd2', 'd3', 'd4'];
  const opened: VoteOpenedPayload = {
    voteId: VOTE_ID,
    sessionId: 'session-3',
    itemId: 'item-2',
    motionId: 'motion-7',
    kind: 'motion',
    question: '¿Aprueba la moción MOC-2026-0007?',
    rule: 'simple',
    ruleVersion: COUNTING_RULES_VERSION,
    presentAtOpening: 4,
    seatedAtOpening: 5,
    entitled,
    entitledListHash: entitledListHash(VOTE_ID, entitled),
    deadline: null,
  };
  const casts: [string, number, BallotChoice][] = [
    ['d1', 1, 'yes'],
    ['d2', 1, 'no'],
    ['d3', 1, 'yes'],
    ['d2', 2, 'yes'],
    ['d4', 1, 'abstain'],
  ];
  const reveals: BallotReveal[] = casts.map(([delegateId, revision, choice]) => ({
    delegateId,
    revision,
    choice,
    nonce: sha256Hex(`${delegateId}/${revision}`).slice(0, 32),
  }));
  const revisions = [...reveals].sort((a, b) =>
    a.delegateId === b.delegateId ? a.revision - b.revision : a.delegateId < b.delegateId ? -1 : 1,
  );
  const counted = new Map([...countedBallots(reveals)].map(([id, r]) => [id, r.choice]));
  const closed: VoteClosedPayload = {
    voteId: VOTE_ID,
    closedBy: 'deadline',
    tally: tally({ rule: 'simple', entitled, presentAtOpening: 4, seatedAtOpening: 5, ballots: counted }),
    revisions,
  };
  return { opened, reveals, closed, counted };
}

function documentOf(record: ReturnType<typeof voteRecord>): ResolutionDocument {
  return normaliseResolutionDocument({
    number: 'RES-APR-2026-0001',
    issuedAt: '2026-04-14T16:20:00.000Z',
    sessionId: 'session-3',
    motion: { id: 'motion-7', number: 'MOC-2026-0007', version: 2 },
    title: 'Agua potable para los caseríos de Chota',
    body: 'La Asamblea resuelve exhortar al Gobierno Regional a ejecutar el proyecto de agua potable.',
    objectives: ['OE-3.2', 'OE-1.1', 'OE-2'],
    institutions: [
      { id: 'inst-2', code: 'GORE', name: 'Gobierno Regional de Cajamarca' },
      { id: 'inst-1', code: 'DRVCS', name: 'Dirección Regional de Vivienda' },
    ],
    complianceDeadline: '2026-10-14',
    vote: {
      id: VOTE_ID,
      question: record.opened.question,
      rule: record.opened.rule,
      ruleVersion: record.closed.tally.ruleVersion,
      entitledListHash: record.opened.entitledListHash,
      tally: record.closed.tally,
      ballots: [...record.counted].map(([delegateId, choice]) => ({
        delegateId,
        ...NAMES[delegateId]!,
        choice,
      })),
    },
  });
}

/**
 * Audits the vote, then the resolution.issued event carrying the digest of `issuedDocument` (the
 * honest document unless a test forges one before it is issued).
 */
function auditedWith(issuedDocument: ResolutionDocument | null): AuditedVote {
  const record = voteRecord();
  const items: { type: string; payload: unknown }[] = [
    { type: 'vote.opened', payload: record.opened },
    ...record.reveals.map((r) => ({
      type: 'ballot.cast',
      payload: {
        voteId: VOTE_ID,
        delegateId: r.delegateId,
        revision: r.revision,
        commitment: ballotCommitment(VOTE_ID, r),
      },
    })),
    { type: 'vote.closed', payload: record.closed },
  ];
  if (issuedDocument)
    items.push({
      type: 'resolution.issued',
      payload: {
        resolutionId: 'resolution-1',
        number: issuedDocument.number,
        motionId: 'motion-7',
        voteId: VOTE_ID,
        digest: resolutionDigest(issuedDocument),
      },
    });
  const auditor = new VoteRecordAuditor();
  let previous = GENESIS_HASH;
  items.forEach((item, index) => {
    const event = sealEvent(
      {
        sequence: index + 1,
        subject: 'session-3',
        actor: null,
        occurredAt: '2026-04-14T16:00:00.000Z',
        ...item,
      },
      previous,
    );
    previous = event.hash;
    auditor.add(event);
  });
  expect(auditor.firstProblem).toBeNull();
  return auditor.votes.get(VOTE_ID)!;
}

const honestDocument = () => documentOf(voteRecord());

// ---------------------------------------------------------------------------------------------------

describe('normaliseResolutionDocument and resolutionDigest', () => {
  it('sorts objectives, institutions (by code) and ballots (by delegate)', () => {
    const document = honestDocument();
    expect(document.objectives).toEqual(['OE-1.1', 'OE-2', 'OE-3.2']);
    expect(document.institutions.map((i) => i.code)).toEqual(['DRVCS', 'GORE']);
    expect(document.vote.ballots.map((b) => b.delegateId)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(document.vote.ballots[1]).toEqual({
      delegateId: 'd2',
      name: 'Bruno Chávez Rojas',
      constituency: 'Celendín',
      choice: 'yes',
    });
  });

  it('gives the same digest for every permutation of the lists', () => {
    const document = honestDocument();
    const permuted: ResolutionDocument = {
      ...document,
      objectives: ['OE-3.2', 'OE-2', 'OE-1.1'],
      institutions: [...document.institutions].reverse(),
      vote: { ...document.vote, ballots: [3, 0, 2, 1].map((i) => document.vote.ballots[i]!) },
    };
    // The digest covers list order, which is why documents are normalised before hashing.
    expect(resolutionDigest(permuted)).not.toBe(resolutionDigest(document));
    expect(normaliseResolutionDocument(permuted)).toEqual(document);
    expect(resolutionDigest(normaliseResolutionDocument(permuted))).toBe(resolutionDigest(document));
  });

  it('is idempotent and does not touch its input', () => {
    const document = honestDocument();
    expect(normaliseResolutionDocument(document)).toEqual(document);
    const unsorted: ResolutionDocument = { ...document, objectives: ['b', 'a'] };
    normaliseResolutionDocument(unsorted);
    expect(unsorted.objectives).toEqual(['b', 'a']);
  });

  it('is SHA-256 over the canonical JSON of the document', () => {
    const document = honestDocument();
    const expected = createHash('sha256').update(canonicalJson(document), 'utf8').digest('hex');
    expect(resolutionDigest(document)).toBe(expected);
    expect(resolutionDigest(document)).toMatch(/^[0-9a-f]{64}$/);
    expect(resolutionDigest(honestDocument())).toBe(resolutionDigest(document));
  });

  it('changes whenever the content changes', () => {
    const document = honestDocument();
    const digest = resolutionDigest(document);
    const changed: ResolutionDocument[] = [
      { ...document, body: `${document.body} ` },
      { ...document, body: document.body.replace('agua', 'Agua') },
      { ...document, title: 'Agua potable para los caseríos de Cutervo' },
      { ...document, number: 'RES-APR-2026-0002' },
      { ...document, complianceDeadline: null },
      { ...document, motion: { ...document.motion, version: 3 } },
      { ...document, objectives: [...document.objectives, 'OE-4'] },
      {
        ...document,
        vote: {
          ...document.vote,
          ballots: document.vote.ballots.map((b) =>
            b.delegateId === 'd4' ? { ...b, choice: 'no' as const } : b,
          ),
        },
      },
    ];
    const digests = changed.map(resolutionDigest);
    for (const other of digests) expect(other).not.toBe(digest);
    expect(new Set(digests).size).toBe(changed.length);
  });
});

describe('crossCheckResolution', () => {
  it('passes when document, served digest and record agree', () => {
    const document = honestDocument();
    const audited = auditedWith(document);
    expect(audited.resolution!.digest).toBe(resolutionDigest(document));
    expect(crossCheckResolution(audited, document, resolutionDigest(document))).toBeNull();
  });

  it("fails when the served digest is not the document's", () => {
    const document = honestDocument();
    const audited = auditedWith(document);
    expect(crossCheckResolution(audited, document, sha256Hex('something else'))).toEqual({
      sequence: null,
      voteId: VOTE_ID,
      problem: "resolution RES-APR-2026-0001: served digest is not its document's",
    });
  });

  it('fails when the document (and its served digest) differ from the digest in the record', () => {
    const issued = honestDocument();
    const audited = auditedWith(issued);
    const edited: ResolutionDocument = { ...issued, body: issued.body.replace('exhortar', 'sugerir') };
    const digest = resolutionDigest(edited);
    expect(crossCheckResolution(audited, edited, digest)).toEqual({
      sequence: null,
      voteId: VOTE_ID,
      problem: `resolution RES-APR-2026-0001: document digest ${digest} differs from the record's ${resolutionDigest(issued)}`,
    });
  });

  it('fails when a ballot in the document differs from the record, even under a recorded digest', () => {
    const forged = honestDocument();
    forged.vote = {
      ...forged.vote,
      ballots: forged.vote.ballots.map((b) => (b.delegateId === 'd2' ? { ...b, choice: 'no' as const } : b)),
    };
    const audited = auditedWith(forged);
    expect(crossCheckResolution(audited, forged, resolutionDigest(forged))).toEqual({
      sequence: null,
      voteId: VOTE_ID,
      problem: 'resolution RES-APR-2026-0001: ballot row of delegate d2 says "no" but the record says "yes"',
    });
  });

  it('fails when the document leaves out a ballot of the record', () => {
    const forged = honestDocument();
    forged.vote = { ...forged.vote, ballots: forged.vote.ballots.filter((b) => b.delegateId !== 'd3') };
    const audited = auditedWith(forged);
    expect(crossCheckResolution(audited, forged, resolutionDigest(forged))).toMatchObject({
      problem: 'resolution RES-APR-2026-0001: ballot of delegate d3 is in the record but not served',
    });
  });

  it('fails when the tally in the document differs from the record', () => {
    const forged = honestDocument();
    forged.vote = {
      ...forged.vote,
      tally: { ...forged.vote.tally, counts: { ...forged.vote.tally.counts, notVoted: 1 } },
    };
    const audited = auditedWith(forged);
    expect(crossCheckResolution(audited, forged, resolutionDigest(forged))).toMatchObject({
      problem: 'resolution RES-APR-2026-0001: served tally differs from the recorded tally',
    });
  });

  it('fails when the record holds no resolution for the vote', () => {
    const document = honestDocument();
    expect(crossCheckResolution(auditedWith(null), document, resolutionDigest(document))).toEqual({
      sequence: null,
      voteId: VOTE_ID,
      problem: 'resolution RES-APR-2026-0001 is served but not in the record',
    });
  });
});
