import type { AppConfig } from '#config';
import {
  AMENDABLE_STATUSES,
  assemblyToday,
  DomainError,
  checkAmendment,
  formatMotionNumber,
  transitionMotion,
  type AmendmentChange,
  type MotionAction,
  type MotionStatus,
} from '#domain';
import { appendLedgerEvent, applyAdoptedAmendment } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { actingDelegate, actorOf } from '../delegates/acting-delegate.js';

export interface MotionDraftInput {
  title: string;
  body: string;
  rationale?: string;
  objectiveCodes?: string[];
  institutionCodes?: string[];
  complianceDeadline?: string | null;
  parentId?: string;
  changes?: AmendmentChange[];
}

interface MotionRow {
  id: string;
  number: string | null;
  parent_id: string | null;
  amendment_changes: AmendmentChange[] | null;
  title: string;
  body: string;
  rationale: string;
  author_delegate_id: string;
  status: MotionStatus;
  compliance_deadline: string | null;
  current_version: number;
}

const subject = (id: string) => `motion:${id}`;

/**
 * Every change to a motion: one transaction that locks the motion, checks who may act and whether
 * the lifecycle allows it, writes the change and appends its event to the public record.
 */
@Injectable()
export class MotionCommandsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async createDraft(user: AuthenticatedUser, input: MotionDraftInput): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const delegate = await actingDelegate(m, user);
      if ((input.parentId == null) !== (input.changes == null))
        throw new DomainError('AMENDMENT_FIELDS_INVALID');
      if (input.parentId) await this.lockAmendableParent(m, input.parentId, input.changes!);
      this.checkDeadline(input.complianceDeadline);
      const [row] = await m.query(
        `INSERT INTO motions (parent_id, amendment_changes, title, body, rationale, author_delegate_id, compliance_deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          input.parentId ?? null,
          input.changes ? JSON.stringify(input.changes) : null,
          input.title.trim(),
          input.body,
          input.rationale ?? '',
          delegate.id,
          input.complianceDeadline ?? null,
        ],
      );
      await this.replaceLinks(m, row.id, input.objectiveCodes ?? [], input.institutionCodes ?? []);
      return row.id as string;
    });
  }

  async updateDraft(user: AuthenticatedUser, id: string, input: Partial<MotionDraftInput>): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const delegate = await actingDelegate(m, user);
      const motion = await this.lockOwnDraftOrVisible(m, id, delegate.id);
      if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
      if (motion.status !== 'draft')
        throw new DomainError('MOTION_TRANSITION_INVALID', { action: 'edit', status: motion.status });
      if (input.changes != null && motion.parent_id === null)
        throw new DomainError('AMENDMENT_FIELDS_INVALID');
      if (input.changes && motion.parent_id)
        await this.lockAmendableParent(m, motion.parent_id, input.changes);
      if (input.complianceDeadline !== undefined) this.checkDeadline(input.complianceDeadline);
      await m.query(
        `UPDATE motions SET title = $2, body = $3, rationale = $4, compliance_deadline = $5, amendment_changes = $6, updated_at = now()
         WHERE id = $1`,
        [
          id,
          input.title?.trim() ?? motion.title,
          input.body ?? motion.body,
          input.rationale ?? motion.rationale,
          input.complianceDeadline !== undefined ? input.complianceDeadline : motion.compliance_deadline,
          input.changes
            ? JSON.stringify(input.changes)
            : motion.amendment_changes
              ? JSON.stringify(motion.amendment_changes)
              : null,
        ],
      );
      if (input.objectiveCodes || input.institutionCodes) {
        const links = await this.links(m, id);
        await this.replaceLinks(
          m,
          id,
          input.objectiveCodes ?? links.objectives,
          input.institutionCodes ?? links.institutions,
        );
      }
    });
  }

  /** Filing makes a draft public: a gapless number for the year, version 1, and the record. */
  async file(user: AuthenticatedUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const delegate = await actingDelegate(m, user);
      const motion = await this.lockOwnDraftOrVisible(m, id, delegate.id);
      if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
      const status = transitionMotion(motion.status, 'file');
      const links = await this.links(m, id);
      if (links.objectives.length === 0) throw new DomainError('MOTION_NEEDS_OBJECTIVE');
      this.checkDeadline(motion.compliance_deadline);
      let parentNumber: string | null = null;
      if (motion.parent_id)
        parentNumber = (await this.lockAmendableParent(m, motion.parent_id, motion.amendment_changes!))
          .number;

      const year = Number(assemblyToday().slice(0, 4));
      // The counter row is locked until commit, so concurrent filings queue and a rollback leaves no gap.
      const [counter] = await m.query(
        `INSERT INTO motion_number_counters (year, last_number) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = motion_number_counters.last_number + 1
         RETURNING last_number`,
        [year],
      );
      const number = formatMotionNumber(year, counter.last_number);
      await m.query(
        `UPDATE motions SET status = $2, number = $3, year = $4, sequence = $5, filed_at = now(), current_version = 1, updated_at = now()
         WHERE id = $1`,
        [id, status, number, year, counter.last_number],
      );
      await m.query(
        `INSERT INTO motion_versions (motion_id, version, title, body, rationale) VALUES ($1, 1, $2, $3, $4)`,
        [id, motion.title, motion.body, motion.rationale],
      );
      await appendLedgerEvent(m, {
        type: 'motion.filed',
        subject: subject(id),
        actor: actorOf(user),
        payload: {
          motionId: id,
          number,
          kind: motion.parent_id ? 'amendment' : 'motion',
          parentId: motion.parent_id,
          parentNumber,
          amendmentChanges: motion.amendment_changes,
          authorDelegateId: delegate.id,
          version: 1,
          title: motion.title,
          body: motion.body,
          rationale: motion.rationale,
          objectives: links.objectives,
          institutions: links.institutions,
          complianceDeadline: motion.compliance_deadline,
        },
      });
    });
  }

  async withdraw(user: AuthenticatedUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const delegate = await actingDelegate(m, user);
      const motion = await this.lockOwnDraftOrVisible(m, id, delegate.id);
      if (motion.author_delegate_id !== delegate.id) throw new DomainError('NOT_MOTION_AUTHOR');
      await this.move(m, user, motion, 'withdraw', 'motion.withdrawn', {});
    });
  }

  /** Idempotent: supporting twice (or twenty times at once) leaves one co-sponsorship and one event. */
  async cosponsor(user: AuthenticatedUser, id: string, support: boolean): Promise<{ changed: boolean }> {
    return this.dataSource.transaction(async (m) => {
      const delegate = await actingDelegate(m, user);
      const motion = await this.lockOwnDraftOrVisible(m, id, delegate.id);
      if (motion.status !== 'filed') {
        throw new DomainError('MOTION_TRANSITION_INVALID', {
          action: support ? 'cosponsor' : 'withdraw_cosponsorship',
          status: motion.status,
        });
      }
      if (motion.author_delegate_id === delegate.id) throw new DomainError('CANNOT_COSPONSOR_OWN');
      // Counted through a CTE: TypeORM answers a bare DELETE with [rows, count] instead of rows.
      const [{ changed }]: { changed: number }[] = await m.query(
        support
          ? `WITH c AS (INSERT INTO motion_cosponsors (motion_id, delegate_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1)
             SELECT count(*)::int AS changed FROM c`
          : `WITH c AS (DELETE FROM motion_cosponsors WHERE motion_id = $1 AND delegate_id = $2 RETURNING 1)
             SELECT count(*)::int AS changed FROM c`,
        [id, delegate.id],
      );
      if (changed === 0) return { changed: false };
      await appendLedgerEvent(m, {
        type: support ? 'motion.cosponsored' : 'motion.cosponsorship_withdrawn',
        subject: subject(id),
        actor: actorOf(user),
        payload: { motionId: id, number: motion.number, delegateId: delegate.id },
      });
      return { changed: true };
    });
  }

  async admit(user: AuthenticatedUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const motion = await this.lockPublic(m, id);
      transitionMotion(motion.status, 'admit');
      // An amendment is only worth admitting while its parent can still be amended.
      if (motion.parent_id) await this.lockAmendableParent(m, motion.parent_id, motion.amendment_changes!);
      const links = await this.links(m, id);
      if (links.objectives.length === 0) throw new DomainError('MOTION_NEEDS_OBJECTIVE');
      // Only co-sponsors still sitting count: a suspended or ceased delegate's support no longer does.
      const [{ count }] = await m.query(
        `SELECT count(*)::int AS count FROM motion_cosponsors mc JOIN delegates d ON d.id = mc.delegate_id
         WHERE mc.motion_id = $1 AND d.status = 'active' AND d.term_start <= $2 AND d.term_end >= $2`,
        [id, assemblyToday()],
      );
      const required = this.config.cosponsorThreshold;
      if (count < required) throw new DomainError('COSPONSOR_THRESHOLD_NOT_MET', { count, required });
      await this.move(m, user, motion, 'admit', 'motion.admitted', {
        cosponsors: count,
        threshold: required,
      });
    });
  }

  async declareInadmissible(user: AuthenticatedUser, id: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const motion = await this.lockPublic(m, id);
      const status = transitionMotion(motion.status, 'declare_inadmissible');
      await m.query(
        `UPDATE motions SET status = $2, inadmissible_reason = $3, updated_at = now() WHERE id = $1`,
        [id, status, reason.trim()],
      );
      await appendLedgerEvent(m, {
        type: 'motion.declared_inadmissible',
        subject: subject(id),
        actor: actorOf(user),
        payload: { motionId: id, number: motion.number, reason: reason.trim() },
      });
    });
  }

  /**
   * The parent's next version once an amendment is adopted: the changes apply to the parent's current
   * text, every version is kept. The vote closer (API or worker) calls the same function.
   */
  applyAdoptedAmendment(m: EntityManager, amendmentId: string, actor: string | null): Promise<number> {
    return applyAdoptedAmendment(m, amendmentId, actor);
  }

  private async move(
    m: EntityManager,
    user: AuthenticatedUser,
    motion: MotionRow,
    action: MotionAction,
    eventType: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const status = transitionMotion(motion.status, action);
    await m.query(`UPDATE motions SET status = $2, updated_at = now() WHERE id = $1`, [motion.id, status]);
    // A draft was never public, so withdrawing one leaves nothing in the public record.
    if (motion.status === 'draft') return;
    await appendLedgerEvent(m, {
      type: eventType,
      subject: subject(motion.id),
      actor: actorOf(user),
      payload: { motionId: motion.id, number: motion.number, from: motion.status, to: status, ...extra },
    });
  }

  private async lock(m: EntityManager, id: string): Promise<MotionRow | undefined> {
    const rows: MotionRow[] = await m.query(
      `SELECT id, number, parent_id, amendment_changes, title, body, rationale, author_delegate_id, status,
              to_char(compliance_deadline, 'YYYY-MM-DD') AS compliance_deadline, current_version
       FROM motions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  /** Drafts exist only for their author: to anyone else they are "not found". */
  private async lockOwnDraftOrVisible(m: EntityManager, id: string, delegateId: string): Promise<MotionRow> {
    const motion = await this.lock(m, id);
    if (!motion || (motion.number === null && motion.author_delegate_id !== delegateId))
      throw new DomainError('MOTION_NOT_FOUND');
    return motion;
  }

  private async lockPublic(m: EntityManager, id: string): Promise<MotionRow> {
    const motion = await this.lock(m, id);
    if (!motion || motion.number === null) throw new DomainError('MOTION_NOT_FOUND');
    return motion;
  }

  private async lockAmendableParent(
    m: EntityManager,
    parentId: string,
    changes: AmendmentChange[],
  ): Promise<MotionRow> {
    const parent = await this.lockPublic(m, parentId);
    if (parent.parent_id !== null) throw new DomainError('PARENT_NOT_AMENDABLE', { status: 'amendment' });
    if (!AMENDABLE_STATUSES.includes(parent.status))
      throw new DomainError('PARENT_NOT_AMENDABLE', { status: parent.status });
    checkAmendment(parent.body, changes);
    return parent;
  }

  private checkDeadline(deadline: string | null | undefined): void {
    if (deadline && deadline <= assemblyToday()) throw new DomainError('DEADLINE_IN_PAST');
  }

  private async links(
    m: EntityManager,
    id: string,
  ): Promise<{ objectives: string[]; institutions: string[] }> {
    const objectives: { objective_code: string }[] = await m.query(
      `SELECT objective_code FROM motion_objectives WHERE motion_id = $1 ORDER BY objective_code`,
      [id],
    );
    const institutions: { code: string }[] = await m.query(
      `SELECT i.code FROM motion_institutions mi JOIN institutions i ON i.id = mi.institution_id WHERE mi.motion_id = $1 ORDER BY i.code`,
      [id],
    );
    return {
      objectives: objectives.map((row) => row.objective_code),
      institutions: institutions.map((row) => row.code),
    };
  }

  private async replaceLinks(
    m: EntityManager,
    id: string,
    objectiveCodes: string[],
    institutionCodes: string[],
  ): Promise<void> {
    const known: { code: string }[] = await m.query(
      `SELECT code FROM plan_objectives WHERE code = ANY ($1)`,
      [objectiveCodes],
    );
    const unknownObjectives = objectiveCodes.filter((code) => !known.some((row) => row.code === code));
    if (unknownObjectives.length)
      throw new DomainError('OBJECTIVE_UNKNOWN', { codes: unknownObjectives.join(', ') });
    const institutions: { id: string; code: string }[] = await m.query(
      `SELECT id, code FROM institutions WHERE code = ANY ($1) AND active`,
      [institutionCodes],
    );
    const unknownInstitutions = institutionCodes.filter(
      (code) => !institutions.some((row) => row.code === code),
    );
    if (unknownInstitutions.length)
      throw new DomainError('INSTITUTION_UNKNOWN', { codes: unknownInstitutions.join(', ') });
    await m.query(`DELETE FROM motion_objectives WHERE motion_id = $1`, [id]);
    await m.query(`DELETE FROM motion_institutions WHERE motion_id = $1`, [id]);
    await m.query(`INSERT INTO motion_objectives (motion_id, objective_code) SELECT $1, unnest($2::text[])`, [
      id,
      objectiveCodes,
    ]);
    await m.query(
      `INSERT INTO motion_institutions (motion_id, institution_id) SELECT $1, unnest($2::uuid[])`,
      [id, institutions.map((row) => row.id)],
    );
  }
}
