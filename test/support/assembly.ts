import { attendanceView, rulesInForceNow } from '#application';
import { appendLedgerEvent } from '#persistence';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import type { SeatedDelegate, TestApi, TestUser } from './test-api.js';

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

let bulkCounter = 0;

/**
 * Seats many delegates at once, straight in SQL with tokens signed by the API's own key (argon2 and a
 * login per delegate would spend minutes on hashing that these tests do not exercise).
 */
export async function seatDelegatesInBulk(
  api: TestApi,
  count: number,
  options: { alternatesOf?: string[]; constituencyCode?: string } = {},
): Promise<SeatedDelegate[]> {
  const jwt = api.app.get(JwtService);
  const batch = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const seated: SeatedDelegate[] = [];
  for (let i = 0; i < count; i += 1) {
    bulkCounter += 1;
    const email = `bulk-${batch}-${i}@prueba.pe`;
    const [user]: { id: string }[] = await api.dataSource.query(
      `INSERT INTO users (email, display_name, roles) VALUES ($1, $2, '{delegate}') RETURNING id`,
      [email, `Delegado masivo ${bulkCounter}`],
    );
    const alternateOf = options.alternatesOf?.[i] ?? null;
    const [delegate]: { id: string }[] = await api.dataSource.query(
      `INSERT INTO delegates (full_name, document_id, constituency_code, term_start, term_end, user_id, alternate_of_id)
       VALUES ($1, $2, $3, '2026-01-01', '2099-12-31', $4, $5) RETURNING id`,
      [
        `Delegado masivo ${bulkCounter}`,
        `B${String(bulkCounter).padStart(7, '0')}${randomBytes(1).toString('hex').toUpperCase()}`,
        options.constituencyCode ?? ['0601', '0602', '0603', '0604'][i % 4],
        user!.id,
        alternateOf,
      ],
    );
    // A session of its own, as a login opens one: access tokens name their session.
    const [session]: { family_id: string }[] = await api.dataSource.query(
      `INSERT INTO refresh_tokens (user_id, family_id, secret_hash, expires_at)
       VALUES ($1, gen_random_uuid(), '\\x00', now() + interval '1 day') RETURNING family_id`,
      [user!.id],
    );
    const token = await jwt.signAsync(
      { sub: user!.id, typ: 'access', sid: session!.family_id },
      { expiresIn: 3600, issuer: 'asamblea', algorithm: 'HS256' },
    );
    seated.push({ id: user!.id, email, token, refreshToken: '', delegateId: delegate!.id });
  }
  return seated;
}

/**
 * A roll call straight in SQL, each check-in in the public record as the roll call records it (the
 * verifier compares every served attendance row with the record), in one transaction.
 */
export async function checkIn(
  api: TestApi,
  sessionId: string,
  delegates: Pick<SeatedDelegate, 'delegateId'>[],
): Promise<void> {
  await api.dataSource.transaction(async (m) => {
    const rule = (await rulesInForceNow(m)).rules.quorum;
    for (const { delegateId } of delegates) {
      const changed: unknown[] = await m.query(
        `INSERT INTO attendance (session_id, delegate_id, present, recorded_by) VALUES ($1, $2, true, 'moderator')
         ON CONFLICT (session_id, delegate_id) DO UPDATE SET present = true, recorded_by = 'moderator', updated_at = now()
         WHERE attendance.present IS DISTINCT FROM true RETURNING 1`,
        [sessionId, delegateId],
      );
      if (changed.length === 0) continue;
      const { quorum } = await attendanceView(m, sessionId, rule);
      await appendLedgerEvent(m, {
        type: 'attendance.checked_in',
        actor: null,
        payload: { sessionId, delegateId, recordedBy: 'moderator', quorum },
      });
    }
  });
}

export async function openSession(
  api: TestApi,
  moderator: TestUser,
  title = 'Sesión de votación',
): Promise<string> {
  const session = await api
    .http()
    .post('/api/sessions')
    .set(bearer(moderator))
    .send({ kind: 'ordinary', title, scheduledAt: '2026-12-05T15:00:00Z', place: 'Cajamarca' })
    .expect(201);
  const id: string = session.body.session.id;
  await api.http().post(`/api/sessions/${id}/open`).set(bearer(moderator)).expect(200);
  return id;
}

/** A filed and admitted motion (cosponsor threshold 0 in these tests), optionally an amendment of `parentId`. */
export async function admittedMotion(
  api: TestApi,
  author: TestUser,
  moderator: TestUser,
  fields: {
    title?: string;
    body?: string;
    parentId?: string;
    changes?: unknown[];
    institutionCodes?: string[];
    complianceDeadline?: string;
  } = {},
): Promise<{ id: string; number: string }> {
  const draft = await api
    .http()
    .post('/api/motions')
    .set(bearer(author))
    .send({
      title: fields.title ?? 'Moción sometida a votación',
      body: fields.body ?? 'Artículo 1. Adquirir dos ambulancias para la red de salud de Celendín.',
      objectiveCodes: ['SOC-SALUD-O4'],
      ...(fields.institutionCodes ? { institutionCodes: fields.institutionCodes } : {}),
      ...(fields.complianceDeadline ? { complianceDeadline: fields.complianceDeadline } : {}),
      ...(fields.parentId ? { parentId: fields.parentId, changes: fields.changes } : {}),
    })
    .expect(201);
  const filed = await api.http().post(`/api/motions/${draft.body.id}/file`).set(bearer(author)).expect(200);
  await api.http().post(`/api/motions/${draft.body.id}/admit`).set(bearer(moderator)).expect(200);
  return { id: draft.body.id, number: filed.body.number };
}

/** Puts a motion on the agenda and starts its debate: it becomes the current item. */
export async function debate(
  api: TestApi,
  moderator: TestUser,
  sessionId: string,
  motionId: string,
  kind = 'motion',
) {
  const item = await api
    .http()
    .post(`/api/sessions/${sessionId}/agenda`)
    .set(bearer(moderator))
    .send({ kind, motionId })
    .expect(201);
  const itemId: string = item.body.agenda.find(
    (i: { motionId: string | null }) => i.motionId === motionId,
  ).id;
  await api
    .http()
    .post(`/api/sessions/${sessionId}/agenda/${itemId}/start`)
    .set(bearer(moderator))
    .expect(200);
  return itemId;
}

/** Opens a vote on the session's current item (a simple majority unless told); answers the vote. */
export async function openVote(
  api: TestApi,
  moderator: TestUser,
  sessionId: string,
  body: object = { rule: 'simple' },
): Promise<{ id: string; entitledCount: number; deadline: string | null }> {
  const opened = await api
    .http()
    .post(`/api/sessions/${sessionId}/votes`)
    .set(bearer(moderator))
    .send(body)
    .expect(201);
  return opened.body;
}

/**
 * A simple-majority vote on the session's current item in which `voters` vote yes, closed by the
 * moderator at once; answers the closed vote (its resolution number when the motion was adopted).
 */
export async function voteYesAndClose(
  api: TestApi,
  moderator: TestUser,
  sessionId: string,
  voters: readonly TestUser[],
): Promise<{ id: string; resolutionNumber: string | null }> {
  const vote = await openVote(api, moderator, sessionId);
  for (const voter of voters)
    await api
      .http()
      .post(`/api/votes/${vote.id}/ballots`)
      .set(bearer(voter))
      .send({ choice: 'yes' })
      .expect(200);
  return (await api.http().post(`/api/votes/${vote.id}/close`).set(bearer(moderator)).expect(200)).body;
}

/** A new version of the reglamento in which motions are voted in secret (the rest as in force). */
export async function markMotionsSecret(api: TestApi, admin: TestUser): Promise<void> {
  const rules = (await api.http().get('/api/rules').expect(200)).body;
  await api
    .http()
    .post('/api/rules/versions')
    .set(bearer(admin))
    .send({
      rules: {
        quorum: rules.quorum,
        cosponsorThreshold: rules.cosponsorThreshold,
        speechSeconds: rules.speechSeconds,
        decisions: rules.decisions.map((d: { kind: string }) =>
          d.kind === 'motion' ? { ...d, secret: true } : d,
        ),
        minimumOpenSeconds: rules.minimumOpenSeconds,
        minimumTurnout: rules.minimumTurnout,
        compliance: rules.compliance,
        ...(rules.secondFactorRoles ? { secondFactorRoles: rules.secondFactorRoles } : {}),
      },
      note: 'Las mociones se votan en secreto',
    })
    .expect(201);
}
