import type { LiveEventType } from '#contracts';
import {
  DomainError,
  transitionMotion,
  transitionSession,
  type MotionStatus,
  type SessionAction,
  type SessionKind,
} from '#domain';
import { appendLedgerEvent, enqueueJob, enqueueLiveEvent, modifyReturning } from '#persistence';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { actingDelegate, actorOf } from '../delegates/acting-delegate.js';
import { LiveRelay } from './live-relay.js';
import { SessionReader } from './session-reader.js';

const SESSION_EVENT: Record<SessionAction, { ledger: string; live: LiveEventType }> = {
  open: { ledger: 'session.opened', live: 'session.opened' },
  suspend: { ledger: 'session.suspended', live: 'session.suspended' },
  resume: { ledger: 'session.resumed', live: 'session.resumed' },
  close: { ledger: 'session.closed', live: 'session.closed' },
};

interface SessionRow {
  id: string;
  status: 'scheduled' | 'open' | 'suspended' | 'closed';
}

/**
 * Session changes: each locks the session row, writes the change, its public-record event and its
 * live event (outbox) in one transaction; the relay is nudged after commit.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: LiveRelay,
    private readonly reader: SessionReader,
  ) {}

  async change<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.relay.nudge();
    return result;
  }

  async create(
    user: AuthenticatedUser,
    input: { kind: SessionKind; title: string; scheduledAt: string; place?: string; virtualUrl?: string },
  ): Promise<string> {
    if (!input.place && !input.virtualUrl) {
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'place', problems: ['place or virtualUrl is required'] },
      ]);
    }
    return this.change(async (m) => {
      const [row] = await m.query(
        `INSERT INTO sessions (kind, title, scheduled_at, place, virtual_url) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.kind, input.title.trim(), input.scheduledAt, input.place ?? null, input.virtualUrl ?? null],
      );
      await appendLedgerEvent(m, {
        type: 'session.scheduled',
        subject: `session:${row.id}`,
        actor: actorOf(user),
        payload: {
          sessionId: row.id,
          kind: input.kind,
          title: input.title.trim(),
          scheduledAt: new Date(input.scheduledAt).toISOString(),
          place: input.place ?? null,
          virtualUrl: input.virtualUrl ?? null,
        },
      });
      return row.id as string;
    });
  }

  async transition(user: AuthenticatedUser, id: string, action: SessionAction): Promise<void> {
    await this.change(async (m) => {
      const session = await this.lock(m, id);
      const status = transitionSession(session.status, action);
      if (action === 'suspend' || action === 'close') {
        // Ballots keep their place only while the session runs: a vote is closed before the session pauses or ends.
        const open: unknown[] = await m.query(
          `SELECT 1 FROM votes WHERE session_id = $1 AND status = 'open'`,
          [id],
        );
        if (open.length > 0) throw new DomainError('VOTE_IN_PROGRESS');
      }
      if (action === 'close') await this.deferUnfinished(m, user, id);
      await m.query(
        `UPDATE sessions SET status = $2,
           opened_at = CASE WHEN $3 = 'open' THEN now() ELSE opened_at END,
           closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
         WHERE id = $1`,
        [id, status, action],
      );
      const events = SESSION_EVENT[action];
      const attendance = await this.reader.attendance(m, id);
      await appendLedgerEvent(m, {
        type: events.ledger,
        subject: `session:${id}`,
        actor: actorOf(user),
        payload: { sessionId: id, from: session.status, to: status, quorum: attendance.quorum },
      });
      await enqueueLiveEvent(m, id, events.live, { status, quorum: attendance.quorum });
      if (status === 'closed') await enqueueJob(m, 'documents.render-minutes', { sessionId: id });
    });
  }

  /**
   * Adjourning leaves nothing half-way: items not dealt with (pending, or still in debate) are deferred
   * and their motions go back to admitted, to be scheduled in another session — each in the record.
   */
  private async deferUnfinished(m: EntityManager, user: AuthenticatedUser, id: string): Promise<void> {
    const items = await modifyReturning<{ id: string; motion_id: string | null }>(
      m,
      `UPDATE agenda_items SET status = 'deferred'
       WHERE session_id = $1 AND status IN ('pending', 'in_debate')
       RETURNING id, motion_id`,
      [id],
    );
    if (items.length === 0) return;
    for (const item of items) {
      await appendLedgerEvent(m, {
        type: 'agenda.item_deferred',
        subject: `session:${id}`,
        actor: actorOf(user),
        payload: { sessionId: id, itemId: item.id, status: 'deferred', reason: 'session_closed' },
      });
      if (item.motion_id) await this.moveMotion(m, user, item.motion_id, id, 'defer');
    }
    await enqueueLiveEvent(m, id, 'agenda.current_changed', {
      currentItemId: await this.reader.currentItemId(m, id),
      agenda: await this.reader.agenda(m, id),
    });
  }

  /** Only admitted motions go on an agenda; doing so schedules them. Items are added at the end. */
  async addItem(
    user: AuthenticatedUser,
    id: string,
    input: { kind: 'motion' | 'amendment' | 'report' | 'topic'; motionId?: string; title?: string },
  ): Promise<string> {
    return this.change(async (m) => {
      const session = await this.lock(m, id);
      if (session.status === 'closed')
        throw new DomainError('SESSION_TRANSITION_INVALID', {
          action: 'add_agenda_item',
          status: session.status,
        });
      let title = input.title?.trim() ?? '';
      if (input.motionId) {
        const [motion]: {
          id: string;
          number: string;
          title: string;
          status: MotionStatus;
          parent_id: string | null;
        }[] = await m.query(
          `SELECT id, number, title, status, parent_id FROM motions WHERE id = $1 AND status <> 'draft' FOR UPDATE`,
          [input.motionId],
        );
        if (!motion) throw new DomainError('MOTION_NOT_FOUND');
        if ((input.kind === 'amendment') !== (motion.parent_id !== null)) {
          throw new DomainError('VALIDATION_FAILED', {}, [
            { field: 'kind', problems: [`kind must be ${motion.parent_id ? 'amendment' : 'motion'}`] },
          ]);
        }
        const status = transitionMotion(motion.status, 'schedule');
        await m.query(`UPDATE motions SET status = $2, updated_at = now() WHERE id = $1`, [
          motion.id,
          status,
        ]);
        await appendLedgerEvent(m, {
          type: 'motion.scheduled',
          subject: `motion:${motion.id}`,
          actor: actorOf(user),
          payload: {
            motionId: motion.id,
            number: motion.number,
            sessionId: id,
            from: motion.status,
            to: status,
          },
        });
        title = `${motion.number} · ${motion.title}`;
      }
      const [item] = await m.query(
        `INSERT INTO agenda_items (session_id, position, kind, title, motion_id)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE session_id = $1), $2, $3, $4) RETURNING id`,
        [id, input.kind, title, input.motionId ?? null],
      );
      await this.agendaChanged(m, user, id);
      return item.id as string;
    });
  }

  async reorder(user: AuthenticatedUser, id: string, itemIds: string[]): Promise<void> {
    await this.change(async (m) => {
      await this.lock(m, id);
      const current = await this.reader.agenda(m, id);
      const sameSet = current.length === itemIds.length && current.every((item) => itemIds.includes(item.id));
      if (!sameSet)
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'itemIds', problems: ['must list every item of the agenda exactly once'] },
        ]);
      // Position uniqueness is checked at commit (deferred), so the positions can be rewritten in place.
      for (const [index, itemId] of itemIds.entries()) {
        await m.query(`UPDATE agenda_items SET position = $3 WHERE id = $1 AND session_id = $2`, [
          itemId,
          id,
          index + 1,
        ]);
      }
      await this.agendaChanged(m, user, id);
    });
  }

  /** Removes an item that has not started; its motion goes back to admitted. */
  async removeItem(user: AuthenticatedUser, id: string, itemId: string): Promise<void> {
    await this.change(async (m) => {
      await this.lock(m, id);
      const [item]: { id: string; status: string; motion_id: string | null }[] = await m.query(
        `SELECT id, status, motion_id FROM agenda_items WHERE id = $1 AND session_id = $2`,
        [itemId, id],
      );
      if (!item)
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'itemId', problems: ['no such item in this session'] },
        ]);
      if (item.status !== 'pending')
        throw new DomainError('SESSION_TRANSITION_INVALID', {
          action: 'remove_agenda_item',
          status: item.status,
        });
      if (item.motion_id) await this.moveMotion(m, user, item.motion_id, id, 'defer');
      await m.query(`DELETE FROM agenda_items WHERE id = $1`, [itemId]);
      await m.query(
        `UPDATE agenda_items SET position = p.rn FROM (SELECT id, row_number() OVER (ORDER BY position) AS rn FROM agenda_items WHERE session_id = $1) p
         WHERE agenda_items.id = p.id`,
        [id],
      );
      await this.agendaChanged(m, user, id);
    });
  }

  /**
   * Moves an item along: `start` makes it the current item (its motion goes into debate), `finish`
   * closes a report or topic, `defer` puts it aside (its motion goes back to admitted).
   */
  async progressItem(
    user: AuthenticatedUser,
    id: string,
    itemId: string,
    action: 'start' | 'finish' | 'defer',
  ): Promise<void> {
    await this.change(async (m) => {
      const session = await this.lock(m, id);
      if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
      const [item]: { id: string; status: string; kind: string; motion_id: string | null }[] = await m.query(
        `SELECT id, status, kind, motion_id FROM agenda_items WHERE id = $1 AND session_id = $2 FOR UPDATE`,
        [itemId, id],
      );
      if (!item) throw new DomainError('AGENDA_ITEM_NOT_FOUND');
      const allowed =
        (action === 'start' && item.status === 'pending') ||
        (action === 'finish' &&
          item.status === 'in_debate' &&
          (item.kind === 'report' || item.kind === 'topic')) ||
        (action === 'defer' && (item.status === 'pending' || item.status === 'in_debate'));
      if (!allowed)
        throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: `${item.kind}/${item.status}` });
      const running: unknown[] = await m.query(
        `SELECT 1 FROM speeches WHERE item_id = $1 AND ended_at IS NULL`,
        [itemId],
      );
      if (running.length > 0)
        throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: 'speech_running' });
      if (action === 'start' && (await this.reader.currentItemId(m, id))) {
        throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action, status: 'another_item_current' });
      }
      const status = action === 'start' ? 'in_debate' : action === 'finish' ? 'done' : 'deferred';
      await m.query(`UPDATE agenda_items SET status = $2 WHERE id = $1`, [itemId, status]);
      if (item.motion_id && action !== 'finish')
        await this.moveMotion(m, user, item.motion_id, id, action === 'start' ? 'start_debate' : 'defer');
      await appendLedgerEvent(m, {
        type: `agenda.item_${action === 'start' ? 'started' : action === 'finish' ? 'finished' : 'deferred'}`,
        subject: `session:${id}`,
        actor: actorOf(user),
        payload: { sessionId: id, itemId, status },
      });
      await enqueueLiveEvent(m, id, 'agenda.current_changed', {
        currentItemId: await this.reader.currentItemId(m, id),
        agenda: await this.reader.agenda(m, id),
      });
    });
  }

  private async moveMotion(
    m: EntityManager,
    user: AuthenticatedUser,
    motionId: string,
    sessionId: string,
    action: 'start_debate' | 'defer',
  ): Promise<void> {
    const [motion]: { id: string; number: string; status: MotionStatus }[] = await m.query(
      `SELECT id, number, status FROM motions WHERE id = $1 FOR UPDATE`,
      [motionId],
    );
    const status = transitionMotion(motion!.status, action);
    await m.query(`UPDATE motions SET status = $2, updated_at = now() WHERE id = $1`, [motionId, status]);
    await appendLedgerEvent(m, {
      type: action === 'defer' ? 'motion.deferred' : 'motion.debate_started',
      subject: `motion:${motionId}`,
      actor: actorOf(user),
      payload: { motionId, number: motion!.number, sessionId, from: motion!.status, to: status },
    });
  }

  /** Self check-in/out by a sitting delegate, or a roll call recorded by a moderator. */
  async recordAttendance(
    user: AuthenticatedUser,
    id: string,
    present: boolean,
    delegateId?: string,
  ): Promise<void> {
    await this.change(async (m) => {
      const session = await this.lock(m, id);
      if (session.status !== 'open' && session.status !== 'suspended')
        throw new DomainError('SESSION_NOT_OPEN');
      let target = delegateId;
      if (!target) target = (await actingDelegate(m, user)).id;
      else {
        const rows: unknown[] = await m.query(`SELECT 1 FROM delegates WHERE id = $1`, [target]);
        if (rows.length === 0) throw new DomainError('DELEGATE_NOT_FOUND');
      }
      const [changed]: { n: number }[] = await m.query(
        `WITH up AS (
           INSERT INTO attendance (session_id, delegate_id, present, recorded_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (session_id, delegate_id) DO UPDATE SET present = EXCLUDED.present, recorded_by = EXCLUDED.recorded_by, updated_at = now()
           WHERE attendance.present IS DISTINCT FROM EXCLUDED.present
           RETURNING 1)
         SELECT count(*)::int AS n FROM up`,
        [id, target, present, delegateId ? 'moderator' : 'self'],
      );
      if (changed!.n === 0) return;
      const attendance = await this.reader.attendance(m, id);
      await appendLedgerEvent(m, {
        type: present ? 'attendance.checked_in' : 'attendance.checked_out',
        subject: `session:${id}`,
        actor: actorOf(user),
        payload: {
          sessionId: id,
          delegateId: target,
          recordedBy: delegateId ? 'moderator' : 'self',
          quorum: attendance.quorum,
        },
      });
      await enqueueLiveEvent(m, id, 'attendance.changed', attendance);
    });
  }

  private async agendaChanged(m: EntityManager, user: AuthenticatedUser, id: string): Promise<void> {
    const agenda = await this.reader.agenda(m, id);
    await appendLedgerEvent(m, {
      type: 'agenda.changed',
      subject: `session:${id}`,
      actor: actorOf(user),
      payload: {
        sessionId: id,
        items: agenda.map((item) => ({
          id: item.id,
          position: item.position,
          kind: item.kind,
          title: item.title,
          motionId: item.motionId,
        })),
      },
    });
    await enqueueLiveEvent(m, id, 'agenda.changed', { agenda });
  }

  async lock(m: EntityManager, id: string): Promise<SessionRow> {
    const rows: SessionRow[] = await m.query(`SELECT id, status FROM sessions WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!rows[0]) throw new DomainError('SESSION_NOT_FOUND');
    return rows[0];
  }
}
