import type { AppConfig } from '#config';
import { DomainError } from '#domain';
import {
  insertRefreshToken,
  lockRefreshTokenWithSecret,
  markRefreshTokenReplaced,
  readRefreshToken,
  revokeRefreshTokenFamily,
  type RefreshTokenEntity,
} from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import { SessionRevocations } from './session-revocations.js';

const RETRY_GRACE_MS = 10_000;

/**
 * A spent token presented again within the retry grace while its replacement is unused: refused like
 * any invalid token, but it is not theft, and the replacement is already on its way to the same client
 * (a concurrent request, a retried one): whoever holds the cookie must not have it cleared.
 */
export class RefreshRetryRefused extends DomainError {
  constructor() {
    super('REFRESH_TOKEN_INVALID');
  }
}
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
        if (await this.isLostResponseRetry(manager, found)) return { kind: 'retry' as const };
        await this.revokeFamily(manager, found.familyId);
        return { kind: 'reused' as const, familyId: found.familyId };
      }
      if (found.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const next = await this.issue(manager, found.userId, found.familyId);
      await markRefreshTokenReplaced(manager, found.id, { revokedAt: new Date(), replacedById: next.id });
      return { kind: 'rotated' as const, userId: found.userId, token: next.token, familyId: found.familyId };
    });
    if (outcome.kind === 'retry') throw new RefreshRetryRefused();
    if (outcome.kind === 'reused') this.sessions.ended(outcome.familyId);
    if (outcome.kind !== 'rotated') throw new DomainError('REFRESH_TOKEN_INVALID');
    return { userId: outcome.userId, token: outcome.token, familyId: outcome.familyId };
  }

  /**
   * On a weak connection the answer to a refresh can be lost and the client retries with the same
   * token. Within a few seconds, while the token that replaced it has not been used, that retry is
   * refused without treating it as theft, so the session survives once the client gets its answer.
   */
  private async isLostResponseRetry(manager: EntityManager, found: RefreshTokenEntity): Promise<boolean> {
    if (!found.replacedById || !found.revokedAt || Date.now() - found.revokedAt.getTime() > RETRY_GRACE_MS)
      return false;
    const replacement = await readRefreshToken(manager, found.replacedById);
    return !!replacement && replacement.revokedAt === null && replacement.replacedById === null;
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
