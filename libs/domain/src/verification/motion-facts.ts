import { canonicalJson } from '../ledger/canonical-json.js';
import type { LedgerEvent } from '../ledger/hash-chain.js';
import type {
  CosponsorshipPayload,
  MotionAdmittedPayload,
  MotionAmendedPayload,
  MotionFiledPayload,
  MotionInadmissiblePayload,
  MotionTransitionPayload,
} from '../ledger/record-events.js';
import type { AuditProblem } from '../votes/vote-audit.js';
import { sameSet, servedProblem, type FactAuditor, type ServedMotion } from './served-facts.js';

interface MotionVersionFact {
  sequence: number;
  version: number;
  title: string;
  body: string;
  rationale: string | null;
  amendmentId: string | null;
}

/** A public motion as its events prove it: filed text, every version, status, admission, co-sponsors. */
export interface MotionFact {
  id: string;
  /** The event that filed it. */
  sequence: number;
  number: string;
  kind: 'motion' | 'amendment';
  parentId: string | null;
  authorDelegateId: string;
  objectives: string[];
  institutions: string[];
  complianceDeadline: string | null;
  amendmentChanges: unknown;
  status: string;
  statusSequence: number;
  inadmissibleReason: string | null;
  decision: string | null;
  versions: MotionVersionFact[];
  /** Co-sponsor → the event that made them one (withdrawals remove them). */
  cosponsors: Map<string, number>;
}

const TRANSITIONS = new Set([
  'motion.admitted',
  'motion.withdrawn',
  'motion.scheduled',
  'motion.debate_started',
  'motion.deferred',
  'motion.vote_opened',
  'motion.adopted',
  'motion.rejected',
]);

/** Null and the empty text are the same absent rationale. */
const text = (value: string | null | undefined) => value ?? '';

export class MotionFactsAuditor implements FactAuditor {
  readonly motions = new Map<string, MotionFact>();

  add(event: LedgerEvent): void {
    if (!event.type.startsWith('motion.')) return;
    const { motionId } = event.payload as { motionId: string };
    if (event.type === 'motion.filed') {
      const p = event.payload as MotionFiledPayload;
      this.motions.set(p.motionId, {
        id: p.motionId,
        sequence: event.sequence,
        number: p.number,
        kind: p.kind,
        parentId: p.parentId,
        authorDelegateId: p.authorDelegateId,
        objectives: p.objectives,
        institutions: p.institutions,
        complianceDeadline: p.complianceDeadline,
        amendmentChanges: p.amendmentChanges,
        status: 'filed',
        statusSequence: event.sequence,
        inadmissibleReason: null,
        decision: null,
        versions: [
          {
            sequence: event.sequence,
            version: 1,
            title: p.title,
            body: p.body,
            rationale: p.rationale,
            amendmentId: null,
          },
        ],
        cosponsors: new Map(),
      });
      return;
    }
    const motion = this.motions.get(motionId);
    // An event about a motion never filed shows as the served row lacking, or as a row without an event.
    if (!motion) return;
    if (event.type === 'motion.cosponsored')
      motion.cosponsors.set((event.payload as CosponsorshipPayload).delegateId, event.sequence);
    else if (event.type === 'motion.cosponsorship_withdrawn')
      motion.cosponsors.delete((event.payload as CosponsorshipPayload).delegateId);
    else if (event.type === 'motion.declared_inadmissible') {
      motion.status = 'inadmissible';
      motion.statusSequence = event.sequence;
      motion.inadmissibleReason = (event.payload as MotionInadmissiblePayload).reason;
    } else if (event.type === 'motion.amended') {
      const p = event.payload as MotionAmendedPayload;
      motion.versions.push({
        sequence: event.sequence,
        version: p.version,
        title: p.title,
        body: p.body,
        rationale: p.rationale,
        amendmentId: p.amendmentId,
      });
    } else if (TRANSITIONS.has(event.type)) {
      motion.status = (event.payload as MotionTransitionPayload).to;
      motion.statusSequence = event.sequence;
      if (event.type === 'motion.admitted')
        motion.decision = (event.payload as MotionAdmittedPayload).decision ?? null;
    }
  }

  get versionCount(): number {
    let count = 0;
    for (const motion of this.motions.values()) count += motion.versions.length;
    return count;
  }

  get cosponsorshipCount(): number {
    let count = 0;
    for (const motion of this.motions.values()) count += motion.cosponsors.size;
    return count;
  }
}

/** The first field of a served motion the record does not support, or null. */
export function compareMotion(fact: MotionFact, served: ServedMotion): AuditProblem | null {
  const name = `motion ${fact.number}`;
  const at = (sequence: number, what: string) =>
    servedProblem(sequence, `${name} (event ${sequence}): ${what}`);
  if (served.number !== fact.number) return at(fact.sequence, 'served number differs from the record');
  if (served.kind !== fact.kind || served.parentId !== fact.parentId)
    return at(fact.sequence, 'served kind or parent differs from the record');
  if (served.author.delegateId !== fact.authorDelegateId)
    return at(fact.sequence, 'served author differs from the record');
  if (!sameSet(served.objectives, fact.objectives))
    return at(fact.sequence, 'served objectives differ from the record');
  if (!sameSet(served.institutions, fact.institutions))
    return at(fact.sequence, 'served institutions differ from the record');
  if (served.complianceDeadline !== fact.complianceDeadline)
    return at(fact.sequence, 'served compliance deadline differs from the record');
  if (
    'amendmentChanges' in served &&
    canonicalJson((served as { amendmentChanges?: unknown }).amendmentChanges ?? null) !==
      canonicalJson(fact.amendmentChanges ?? null)
  )
    return at(fact.sequence, "served amendment's changes differ from the record");
  if (served.status !== fact.status) return at(fact.statusSequence, 'served status differs from the record');
  if ((served.inadmissibleReason ?? null) !== fact.inadmissibleReason)
    return at(fact.statusSequence, 'served reason of inadmissibility differs from the record');
  if ((served.decision ?? null) !== fact.decision)
    return at(fact.statusSequence, 'served kind of decision at admission differs from the record');

  const byVersion = new Map(served.versions.map((version) => [version.version, version]));
  for (const version of fact.versions) {
    const row = byVersion.get(version.version);
    const vName = `version ${version.version}`;
    if (!row) return at(version.sequence, `${vName} is in the record but not served`);
    if (row.title !== version.title)
      return at(version.sequence, `served ${vName} title differs from the record`);
    if (row.body !== version.body)
      return at(version.sequence, `served ${vName} body differs from the record`);
    if (text(row.rationale) !== text(version.rationale))
      return at(version.sequence, `served ${vName} rationale differs from the record`);
    if ((row.amendmentId ?? null) !== version.amendmentId)
      return at(version.sequence, `served ${vName} amendment differs from the record`);
  }
  if (served.versions.length !== fact.versions.length) {
    const known = new Set(fact.versions.map((version) => version.version));
    const extra = served.versions.find((version) => !known.has(version.version));
    return servedProblem(null, `${name}: version ${extra?.version ?? '?'} is served but not in the record`);
  }
  const current = fact.versions.at(-1)!;
  if (served.currentVersion !== current.version)
    return at(current.sequence, 'served current version differs from the record');
  if (served.title !== current.title) return at(current.sequence, 'served title differs from the record');
  if (served.body !== current.body) return at(current.sequence, 'served body differs from the record');
  if (text(served.rationale) !== text(current.rationale))
    return at(current.sequence, 'served rationale differs from the record');

  const servedCosponsors = served.cosponsors.map((row) => row.delegateId);
  const stray = servedCosponsors.find((delegateId) => !fact.cosponsors.has(delegateId));
  if (stray)
    return servedProblem(
      null,
      `${name}: co-sponsorship by delegate ${stray} is served but not in the record (or was withdrawn)`,
    );
  for (const [delegateId, sequence] of fact.cosponsors)
    if (!servedCosponsors.includes(delegateId))
      return at(sequence, `co-sponsorship by delegate ${delegateId} is in the record but not served`);
  if (servedCosponsors.length !== fact.cosponsors.size || served.cosponsorCount !== fact.cosponsors.size)
    return servedProblem(null, `${name}: served co-sponsor count differs from the record`);
  return null;
}
