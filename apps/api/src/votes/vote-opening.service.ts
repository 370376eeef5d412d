import type { AppConfig } from '#config';
import type { VoteView } from '#contracts';
import {
  COUNTING_RULES_VERSION,
  computeQuorum,
  DomainError,
  freezeEntitledList,
  transitionMotion,
  type CountingRule,
  type MotionStatus,
  type VoteOpenedPayload,
} from '#domain';
import { appendLedgerEvent, enqueueLiveEvent, readAgenda, readVoteView } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { actorOf } from '../delegates/acting-delegate.js';
import { SessionReader } from '../sessions/session-reader.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { VoteDeadlines } from './vote-deadlines.js';

export interface OpenVoteInput {
  rule: CountingRule;
  procedural?: boolean;
  question?: string;
  durationSeconds?: number;
}

interface CurrentItem {
  id: string;
  kind: 'motion' | 'amendment' | 'report' | 'topic';
  title: string;
  motion_id: string | null;
  status: 'in_debate' | 'voting';
}

/**
 * Opens a roll-call vote on the session's current item: checks quorum, freezes the entitled list and
 * publishes its hash, moves the motion into voting — one transaction; the deadline is scheduled after commit.
 */
@Injectable()
export class VoteOpeningService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly reader: SessionReader,
    private readonly deadlines: VoteDeadlines,
  ) {}

  async open(user: AuthenticatedUser, sessionId: string, input: OpenVoteInput): Promise<VoteView> {
    const vote = await this.sessions.change(async (m) => {
      const session = await this.sessions.lock(m, sessionId);
      if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
      const [item]: CurrentItem[] = await m.query(
        `SELECT id, kind, title, motion_id, status FROM agenda_items
         WHERE session_id = $1 AND status IN ('in_debate', 'voting') FOR UPDATE`,
        [sessionId],
      );
      if (!item) throw new DomainError('NO_CURRENT_ITEM');
      const open: unknown[] = await m.query(`SELECT 1 FROM votes WHERE session_id = $1 AND status = 'open'`, [
        sessionId,
      ]);
      if (open.length > 0 || item.status === 'voting') throw new DomainError('VOTE_IN_PROGRESS');
      const running: unknown[] = await m.query(
        `SELECT 1 FROM speeches WHERE session_id = $1 AND ended_at IS NULL`,
        [sessionId],
      );
      if (running.length > 0)
        throw new DomainError('AGENDA_ITEM_STATE_INVALID', { action: 'open_vote', status: 'speech_running' });

      const procedural = input.procedural === true;
      if (!procedural && !item.motion_id) throw new DomainError('ITEM_HAS_NO_MOTION');
      const kind: VoteOpenedPayload['kind'] = procedural
        ? 'procedural'
        : item.kind === 'amendment'
          ? 'amendment'
          : 'motion';
      const motionId = procedural ? null : item.motion_id;

      const voteId = randomUUID();
      const seats = await this.reader.seats(m);
      const present: { delegate_id: string }[] = await m.query(
        `SELECT delegate_id FROM attendance WHERE session_id = $1 AND present`,
        [sessionId],
      );
      const checkedIn = new Set(present.map((row) => row.delegate_id));
      const quorum = computeQuorum(seats, checkedIn, this.config.quorum);
      if (!quorum.hasQuorum)
        throw new DomainError('NO_QUORUM', { present: quorum.present, required: quorum.required });
      const entitled = freezeEntitledList(voteId, seats, checkedIn, this.config.quorum);

      if (motionId) await this.moveMotionIntoVoting(m, user, motionId, kind, sessionId, voteId);
      const question = input.question ?? item.title;
      const deadlineSeconds = input.durationSeconds ?? null;
      await m.query(
        `INSERT INTO votes (id, session_id, item_id, motion_id, kind, question, rule, rule_version, present_at_opening,
           seated_at_opening, entitled_hash, opened_by, deadline)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() + make_interval(secs => $13))`,
        [
          voteId,
          sessionId,
          item.id,
          motionId,
          kind,
          question,
          input.rule,
          COUNTING_RULES_VERSION,
          entitled.presentAtOpening,
          entitled.seatedAtOpening,
          entitled.hash,
          actorOf(user),
          deadlineSeconds,
        ],
      );
      const seatOf = new Map<string, string>();
      for (const seat of seats) {
        seatOf.set(seat.titularId, seat.titularId);
        if (seat.alternateId) seatOf.set(seat.alternateId, seat.titularId);
      }
      await m.query(
        `INSERT INTO vote_entitlements (vote_id, delegate_id, seat_titular_id)
         SELECT $1, d, s FROM unnest($2::uuid[], $3::uuid[]) AS t(d, s)`,
        [voteId, entitled.delegateIds, entitled.delegateIds.map((id) => seatOf.get(id)!)],
      );
      await m.query(`INSERT INTO vote_progress (vote_id) VALUES ($1)`, [voteId]);
      const [row]: { deadline: Date | null }[] = await m.query(`SELECT deadline FROM votes WHERE id = $1`, [
        voteId,
      ]);
      const payload: VoteOpenedPayload = {
        voteId,
        sessionId,
        itemId: item.id,
        motionId,
        kind,
        question,
        rule: input.rule,
        ruleVersion: COUNTING_RULES_VERSION,
        presentAtOpening: entitled.presentAtOpening,
        seatedAtOpening: entitled.seatedAtOpening,
        entitled: entitled.delegateIds,
        entitledListHash: entitled.hash,
        deadline: row!.deadline?.toISOString() ?? null,
      };
      await appendLedgerEvent(m, {
        type: 'vote.opened',
        subject: `vote:${voteId}`,
        actor: actorOf(user),
        payload,
      });
      const view = (await readVoteView(m, voteId))!;
      await enqueueLiveEvent(m, sessionId, 'vote.opened', view);
      if (motionId) {
        await m.query(`UPDATE agenda_items SET status = 'voting' WHERE id = $1`, [item.id]);
        await enqueueLiveEvent(m, sessionId, 'agenda.current_changed', {
          currentItemId: item.id,
          agenda: await readAgenda(m, sessionId),
        });
      }
      return view;
    });
    if (vote.deadline) this.deadlines.schedule(vote.id, new Date(vote.deadline));
    return vote;
  }

  private async moveMotionIntoVoting(
    m: EntityManager,
    user: AuthenticatedUser,
    motionId: string,
    kind: VoteOpenedPayload['kind'],
    sessionId: string,
    voteId: string,
  ): Promise<void> {
    const [motion]: { number: string; status: MotionStatus }[] = await m.query(
      `SELECT number, status FROM motions WHERE id = $1 FOR UPDATE`,
      [motionId],
    );
    const status = transitionMotion(motion!.status, 'open_vote');
    if (kind === 'motion') {
      // Amendments are voted before their parent: none may still be on its way.
      const pending: { number: string }[] = await m.query(
        `SELECT number FROM motions WHERE parent_id = $1 AND status IN ('filed', 'admitted', 'scheduled', 'debating', 'voting')
         ORDER BY number`,
        [motionId],
      );
      if (pending.length > 0)
        throw new DomainError('AMENDMENTS_PENDING', { numbers: pending.map((p) => p.number).join(', ') });
    }
    await m.query(`UPDATE motions SET status = $2, updated_at = now() WHERE id = $1`, [motionId, status]);
    await appendLedgerEvent(m, {
      type: 'motion.vote_opened',
      subject: `motion:${motionId}`,
      actor: actorOf(user),
      payload: { motionId, number: motion!.number, sessionId, voteId, from: motion!.status, to: status },
    });
  }
}
