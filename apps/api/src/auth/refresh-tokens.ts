import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import {
  insertRefreshToken,
  lockRefreshTokenWithSecret,
  markRefreshTokenReplaced,
  refreshFamilySpentAfter,
  revokeRefreshTokenFamily,
  type RefreshTokenEntity,
} from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { SessionRevocations } from './session-revocations.js';

/**
 * How long after a rotation the spent token may be exchanged again, while nothing of its family has
 * been spent since: the answer to a refresh can be lost on a weak connection (or aborted by the page)
 * after the server rotated, and the client, which never got the new token, retries with the old one.
 * The CI's two-tab test lost such an answer 3 times in 12 runs; refusing the retry signed the person out.
 */
const RETRY_GRACE_MS = 10_000;

const TOKEN_SHAPE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/**
 * Rotating refresh tokens `<id>.<secret>`: each use replaces the token with a new one of the same
 * family. Presenting a token that was already used means it leaked, so the whole family is revoked.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRevocations,
  ) {}

  async issue(
    manager: EntityManager,
    userId: string,
    familyId: string = randomUUID(),
  ): Promise<{ token: string; id: string; familyId: string }> {
    const secret = randomBytes(32).toString('base64url');
    const row = await insertRefreshToken(manager, {
      userId,
      familyId,
      secretHash: digest(secret),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
      revokedAt: null,
      replacedById: null,
    });
    return { token: `${row.id}.${secret}`, id: row.id, familyId };
  }

  /** Consumes a token; returns its user and a fresh token of the same family (the same session). */
  async rotate(token: string): Promise<{ userId: string; token: string; familyId: string }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockValid(manager, token);
      if (found === null) return { kind: 'invalid' as const };
      if (found.revokedAt !== null || found.replacedById !== null) {
        if (!(await this.isLostAnswerRetry(manager, found))) {
          await this.revokeFamily(manager, found.familyId);
          return { kind: 'reused' as const, familyId: found.familyId };
        }
        // The retry gets a token of its own; the one whose answer was lost stays valid too (a
        // concurrent refresh may hold it), and the spent token now points at the newest.
        const next = await this.issue(manager, found.userId, found.familyId);
        await markRefreshTokenReplaced(manager, found.id, {
          revokedAt: found.revokedAt!,
          replacedById: next.id,
        });
        return {
          kind: 'rotated' as const,
          userId: found.userId,
          token: next.token,
          familyId: found.familyId,
        };
      }
      if (found.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const next = await this.issue(manager, found.userId, found.familyId);
      await markRefreshTokenReplaced(manager, found.id, { revokedAt: new Date(), replacedById: next.id });
      return { kind: 'rotated' as const, userId: found.userId, token: next.token, familyId: found.familyId };
    });
    if (outcome.kind === 'reused') this.sessions.ended(outcome.familyId);
    if (outcome.kind !== 'rotated') throw new DomainError('REFRESH_TOKEN_INVALID');
    return { userId: outcome.userId, token: outcome.token, familyId: outcome.familyId };
  }

  /**
   * A spent token presented again within the grace, before any token of its family was spent after
   * it (no later rotation, no logout) and before it expires: a client whose answer was lost, not a
   * thief — a thief's use of the replacement, or the owner's, would have spent it.
   */
  private async isLostAnswerRetry(manager: EntityManager, found: RefreshTokenEntity): Promise<boolean> {
    if (!found.replacedById || !found.revokedAt || Date.now() - found.revokedAt.getTime() > RETRY_GRACE_MS)
      return false;
    if (found.expiresAt.getTime() <= Date.now()) return false;
    return !(await refreshFamilySpentAfter(manager, found.familyId, found.revokedAt));
  }

  /**
   * Logout: the token's whole family stops working, and so do the session's access tokens and sockets,
   * here at once and on the other processes by notification. Unknown tokens are ignored (idempotent).
   */
  async revoke(token: string): Promise<void> {
    const familyId = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockValid(manager, token);
      if (found) await this.revokeFamily(manager, found.familyId);
      return found?.familyId ?? null;
    });
    if (familyId) this.sessions.ended(familyId);
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await revokeRefreshTokenFamily(manager, familyId, new Date());
  }

  private async lockValid(manager: EntityManager, token: string): Promise<RefreshTokenEntity | null> {
    const match = TOKEN_SHAPE.exec(token);
    if (!match) return null;
    const [, id, secret] = match as unknown as [string, string, string];
    const row = await lockRefreshTokenWithSecret(manager, id);
    if (!row) return null;
    const expected = digest(secret);
    return row.secretHash.length === expected.length && timingSafeEqual(row.secretHash, expected)
      ? row
      : null;
  }
}
