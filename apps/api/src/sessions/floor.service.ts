import type { AppConfig } from '#config';
import type { SpeechView } from '#contracts';
import { DomainError, type SpeakerStance } from '#domain';
import { appendLedgerEvent, enqueueLiveEvent, modifyReturning } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/auth-decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import { actingDelegate, actorOf } from '../delegates/acting-delegate.js';
import { SessionReader, speechView, type SpeechRow } from './session-reader.js';
import { SessionsService } from './sessions.service.js';

/**
 * The speakers list of the current item and the speeches: delegates ask and withdraw, the moderator
 * gives the floor, and a speech ends at its deadline (the timer) or when the moderator ends it.
 */
@Injectable()
export class FloorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly reader: SessionReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Idempotent: a delegate already waiting keeps their place (and their first stance). */
  async request(
    user: AuthenticatedUser,
    sessionId: string,
    stance: SpeakerStance,
  ): Promise<{ requestId: string }> {
    return this.sessions.change(async (m) => {
      const itemId = await this.openItem(m, sessionId);
      const delegate = await actingDelegate(m, user);
      const present: unknown[] = await m.query(
        `SELECT 1 FROM attendance WHERE session_id = $1 AND delegate_id = $2 AND present`,
        [sessionId, delegate.id],
      );
      if (present.length === 0) throw new DomainError('NOT_CHECKED_IN');
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO speaker_requests (item_id, delegate_id, stance) VALUES ($1, $2, $3)
         ON CONFLICT (item_id, delegate_id) WHERE status = 'waiting' DO NOTHING RETURNING id`,
        [itemId, delegate.id, stance],
      );
      if (inserted.length === 0) {
        const [existing]: { id: string }[] = await m.query(
          `SELECT id FROM speaker_requests WHERE item_id = $1 AND delegate_id = $2 AND status = 'waiting'`,
          [itemId, delegate.id],
        );
        return { requestId: existing!.id };
      }
      await this.speakersChanged(m, user, sessionId, itemId, 'speaker.requested', {
        delegateId: delegate.id,
        stance,
      });
      return { requestId: inserted[0]!.id };
    });
  }

  async withdraw(user: AuthenticatedUser, sessionId: string): Promise<void> {
    await this.sessions.change(async (m) => {
      const itemId = await this.openItem(m, sessionId);
      const delegate = await actingDelegate(m, user);
      const [{ n }]: { n: number }[] = await m.query(
        `WITH w AS (UPDATE speaker_requests SET status = 'withdrawn' WHERE item_id = $1 AND delegate_id = $2 AND status = 'waiting' RETURNING 1)
         SELECT count(*)::int AS n FROM w`,
        [itemId, delegate.id],
      );
      if (n > 0)
        await this.speakersChanged(m, user, sessionId, itemId, 'speaker.withdrawn', {
          delegateId: delegate.id,
        });
    });
  }

  /** Gives the floor to the first in the list, or to a chosen request; a running speech ends first. */
  async giveFloor(user: AuthenticatedUser, sessionId: string, requestId?: string): Promise<SpeechView> {
    return this.sessions.change(async (m) => {
      const itemId = await this.openItem(m, sessionId);
      await this.endRunning(m, sessionId, 'moderator', actorOf(user));
      const waiting = await this.reader.speakers(m, itemId);
      const chosen = requestId ? waiting.find((request) => request.requestId === requestId) : waiting[0];
      if (!chosen) throw new DomainError('NO_WAITING_SPEAKER');
      await m.query(`UPDATE speaker_requests SET status = 'called' WHERE id = $1`, [chosen.requestId]);
      const [row] = await m.query(
        `INSERT INTO speeches (item_id, session_id, delegate_id, stance, request_id, ends_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING *`,
        [itemId, sessionId, chosen.delegateId, chosen.stance, chosen.requestId, this.config.speechSeconds],
      );
      const speech = speechView(row);
      await appendLedgerEvent(m, {
        type: 'speech.started',
        subject: `session:${sessionId}`,
        actor: actorOf(user),
        payload: { sessionId, ...speech },
      });
      await enqueueLiveEvent(m, sessionId, 'speech.started', speech);
      await enqueueLiveEvent(m, sessionId, 'speakers.changed', {
        itemId,
        speakers: await this.reader.speakers(m, itemId),
      });
      return speech;
    });
  }

  async extend(user: AuthenticatedUser, sessionId: string, seconds: number): Promise<SpeechView> {
    return this.sessions.change(async (m) => {
      await this.sessions.lock(m, sessionId);
      const updated = await modifyReturning<SpeechRow>(
        m,
        `UPDATE speeches SET ends_at = ends_at + make_interval(secs => $2) WHERE session_id = $1 AND ended_at IS NULL RETURNING *`,
        [sessionId, seconds],
      );
      if (!updated[0]) throw new DomainError('NO_SPEECH_RUNNING');
      const speech = speechView(updated[0]);
      await appendLedgerEvent(m, {
        type: 'speech.extended',
        subject: `session:${sessionId}`,
        actor: actorOf(user),
        payload: { sessionId, speechId: speech.id, seconds, endsAt: speech.endsAt },
      });
      await enqueueLiveEvent(m, sessionId, 'speech.extended', speech);
      return speech;
    });
  }

  async endSpeech(user: AuthenticatedUser, sessionId: string): Promise<void> {
    await this.sessions.change(async (m) => {
      await this.sessions.lock(m, sessionId);
      if (!(await this.endRunning(m, sessionId, 'moderator', actorOf(user))))
        throw new DomainError('NO_SPEECH_RUNNING');
    });
  }

  /** The timer: ends every speech past its deadline. Safe to run from several processes at once. */
  async endExpiredSpeeches(): Promise<number> {
    // A plain read first: most sweeps find nothing and should cost one indexed query, no transaction.
    const due: { session_id: string }[] = await this.dataSource.query(
      `SELECT session_id FROM speeches WHERE ended_at IS NULL AND ends_at <= now() LIMIT 50`,
    );
    let ended = 0;
    for (const { session_id: sessionId } of due) {
      ended += await this.sessions.change(async (m) => {
        await this.sessions.lock(m, sessionId);
        return (await this.endRunning(m, sessionId, 'timer', null, true)) ? 1 : 0;
      });
    }
    return ended;
  }

  /** Ends the running speech (only an expired one when `onlyExpired`), recording it; false if none. */
  private async endRunning(
    m: EntityManager,
    sessionId: string,
    by: 'timer' | 'moderator',
    actor: string | null,
    onlyExpired = false,
  ): Promise<boolean> {
    const rows = await modifyReturning<SpeechRow>(
      m,
      `UPDATE speeches SET ended_at = CASE WHEN $2 = 'timer' THEN least(now(), ends_at) ELSE now() END, ended_by = $2
       WHERE session_id = $1 AND ended_at IS NULL ${onlyExpired ? 'AND ends_at <= now()' : ''} RETURNING *`,
      [sessionId, by],
    );
    if (!rows[0]) return false;
    const speech = speechView(rows[0]);
    await appendLedgerEvent(m, {
      type: 'speech.ended',
      subject: `session:${sessionId}`,
      actor,
      payload: { sessionId, ...speech },
    });
    await enqueueLiveEvent(m, sessionId, 'speech.ended', speech);
    return true;
  }

  private async openItem(m: EntityManager, sessionId: string): Promise<string> {
    const session = await this.sessions.lock(m, sessionId);
    if (session.status !== 'open') throw new DomainError('SESSION_NOT_OPEN');
    const itemId = await this.reader.currentItemId(m, sessionId);
    if (!itemId) throw new DomainError('NO_CURRENT_ITEM');
    return itemId;
  }

  private async speakersChanged(
    m: EntityManager,
    user: AuthenticatedUser,
    sessionId: string,
    itemId: string,
    type: string,
    payload: object,
  ): Promise<void> {
    await appendLedgerEvent(m, {
      type,
      subject: `session:${sessionId}`,
      actor: actorOf(user),
      payload: { sessionId, itemId, ...payload },
    });
    await enqueueLiveEvent(m, sessionId, 'speakers.changed', {
      itemId,
      speakers: await this.reader.speakers(m, itemId),
    });
  }
}
