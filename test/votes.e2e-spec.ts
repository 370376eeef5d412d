import { execFile } from 'node:child_process';
import { verifyStoredLedger } from '#persistence';
import {
  admittedMotion,
  bearer,
  checkIn,
  debate,
  openSession,
  seatDelegatesInBulk,
} from './support/assembly.js';
import { collect, connect, join, urlOf } from './support/live-client.js';
import {
  countRows,
  seatDelegate,
  startTestApi,
  userWithRoles,
  type SeatedDelegate,
  type TestApi,
  type TestUser,
} from './support/test-api.js';

function verifyCommand(url: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/apps/api/src/verify.js', '--url', url],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every table a ballot or a vote touches, to prove a refusal stored nothing. */
async function voteState(api: TestApi): Promise<string> {
  const parts = await Promise.all(
    [
      'votes',
      'vote_entitlements',
      'ballot_revisions',
      'ballots',
      'resolutions',
      'ledger_events',
      'ballot_idempotency_keys',
    ].map((table) => api.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)),
  );
  return JSON.stringify(parts);
}

describe('Roll-call votes that become binding resolutions', () => {
  let api: TestApi;
  let moderator: TestUser;
  let author: SeatedDelegate;
  let delegates: SeatedDelegate[];
  let sessionId: string;

  const cast = (delegate: TestUser, voteId: string, body: Record<string, unknown>) =>
    api.http().post(`/api/votes/${voteId}/ballots`).set(bearer(delegate)).send(body);

  beforeAll(async () => {
    api = await startTestApi({ COSPONSOR_THRESHOLD: '0' });
    await api.app.listen(0, '127.0.0.1');
    moderator = await userWithRoles(api, ['moderator']);
    author = await seatDelegate(api);
    delegates = await seatDelegatesInBulk(api, 9);
    sessionId = await openSession(api, moderator);
  });
  afterAll(() => api.close());

  it('refuses to open a vote without quorum, then votes an amendment before its parent and issues the resolution', async () => {
    const parent = await admittedMotion(api, author, moderator, {
      title: 'Ambulancias para Celendín',
      institutionCodes: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    const amendment = await admittedMotion(api, delegates[0]!, moderator, {
      title: 'Tres ambulancias en lugar de dos',
      body: 'Cambiar el número de ambulancias.',
      parentId: parent.id,
      changes: [{ op: 'replace', find: 'dos ambulancias', text: 'tres ambulancias' }],
    });
    const socket = await connect(urlOf(api));
    const live = collect(socket);
    expect((await join(socket, sessionId)).ok).toBe(true);

    // 10 seats, 4 present: no quorum (6 required).
    await debate(api, moderator, sessionId, amendment.id, 'amendment');
    await checkIn(api, sessionId, delegates.slice(0, 4));
    const before = await voteState(api);
    const noQuorum = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .set('Accept-Language', 'en')
      .send({ rule: 'simple' })
      .expect(409);
    expect(noQuorum.body).toMatchObject({
      code: 'NO_QUORUM',
      message: 'No quorum: 4 present of 6 required.',
    });
    expect(await voteState(api)).toBe(before);

    await checkIn(api, sessionId, [author, ...delegates.slice(4, 8)]);
    const opened = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(201);
    expect(opened.body).toMatchObject({
      kind: 'amendment',
      motionId: amendment.id,
      status: 'open',
      entitledCount: 9,
      presentAtOpening: 9,
      seatedAtOpening: 10,
      castCount: 0,
      ballots: null,
    });
    const amendmentVote: string = opened.body.id;
    const [yes, no] = [delegates.slice(0, 5), delegates.slice(5, 8)];
    for (const d of yes) await cast(d, amendmentVote, { choice: 'yes' }).expect(200);
    for (const d of no) await cast(d, amendmentVote, { choice: 'no' }).expect(200);
    // Progress reaches the public while the vote is open (coalesced: one event may cover many ballots).
    await waitFor(() =>
      live.events.some(
        (e) =>
          e.type === 'vote.progress' && (e.data as { voteId: string; castCount: number }).castCount === 8,
      ),
    );
    // While open, who voted what is not public.
    const during = await api.http().get(`/api/votes/${amendmentVote}`).expect(200);
    expect(during.body).toMatchObject({ status: 'open', castCount: 8, ballots: null, tally: null });
    const closed = await api
      .http()
      .post(`/api/votes/${amendmentVote}/close`)
      .set(bearer(moderator))
      .expect(200);
    expect(closed.body.tally).toMatchObject({
      rule: 'simple',
      ruleVersion: 1,
      counts: { yes: 5, no: 3, abstain: 0, notVoted: 1 },
      required: 4,
      outcome: 'adopted',
    });
    expect(closed.body.ballots).toHaveLength(8);
    expect(closed.body.resolutionNumber).toBeNull();
    const amendedParent = await api.http().get(`/api/motions/${parent.id}`).expect(200);
    expect(amendedParent.body.body).toContain('tres ambulancias');
    expect(amendedParent.body.versions).toHaveLength(2);
    expect((await api.http().get(`/api/motions/${amendment.id}`).expect(200)).body.status).toBe('adopted');

    // The parent now: absolute majority of those present (9 present → 5 needed).
    await debate(api, moderator, sessionId, parent.id);
    const parentVote = (
      await api
        .http()
        .post(`/api/sessions/${sessionId}/votes`)
        .set(bearer(moderator))
        .send({ rule: 'absolute_present' })
        .expect(201)
    ).body.id as string;
    for (const d of delegates.slice(0, 4)) await cast(d, parentVote, { choice: 'yes' }).expect(200);
    await cast(author, parentVote, { choice: 'no' }).expect(200);
    // The author changes their mind: both revisions are kept, the last counts.
    const changed = await cast(author, parentVote, {
      choice: 'yes',
      idempotencyKey: 'author-change-1',
    }).expect(200);
    expect(changed.body).toMatchObject({ revision: 2, choice: 'yes', replayed: false });
    const retried = await cast(author, parentVote, {
      choice: 'yes',
      idempotencyKey: 'author-change-1',
    }).expect(200);
    expect(retried.body).toEqual({ ...changed.body, replayed: true });
    const reused = await cast(author, parentVote, { choice: 'no', idempotencyKey: 'author-change-1' }).expect(
      409,
    );
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await cast(delegates[4]!, parentVote, { choice: 'abstain' }).expect(200);

    // The receipt is the hash of a public-record event that carries a commitment, not the choice.
    const record = await api.http().get(`/api/ledger?after=0&limit=5000`).expect(200);
    const receiptEvent = record.body.events.find((e: { hash: string }) => e.hash === changed.body.receipt);
    expect(receiptEvent).toMatchObject({
      type: 'ballot.cast',
      sequence: changed.body.sequence,
      payload: { voteId: parentVote, delegateId: author.delegateId, revision: 2 },
    });
    expect(JSON.stringify(receiptEvent.payload)).not.toMatch(/yes|"no"/);

    const result = await api.http().post(`/api/votes/${parentVote}/close`).set(bearer(moderator)).expect(200);
    expect(result.body.tally).toMatchObject({
      counts: { yes: 5, no: 0, abstain: 1, notVoted: 3 },
      base: { kind: 'present', size: 9 },
      required: 5,
      outcome: 'adopted',
    });
    expect(result.body.resolutionNumber).toBe('RES-APR-2026-0001');
    const authorBallot = result.body.ballots.find(
      (b: { delegateId: string }) => b.delegateId === author.delegateId,
    );
    expect(authorBallot).toMatchObject({ choice: 'yes', constituency: 'Cajamarca' });
    expect(await countRows(api, 'ballot_revisions')).toBe(8 + 7);

    const resolution = await api.http().get('/api/resolutions/RES-APR-2026-0001').expect(200);
    expect(resolution.body).toMatchObject({
      number: 'RES-APR-2026-0001',
      motionId: parent.id,
      voteId: parentVote,
      objectives: ['SOC-SALUD-O4'],
      institutions: ['DIRESA'],
      complianceDeadline: '2027-06-30',
    });
    expect(resolution.body.body).toContain('tres ambulancias');
    expect(resolution.body.document.vote.ballots).toHaveLength(6);
    const canonical = await api.http().get('/api/resolutions/RES-APR-2026-0001.json').expect(200);
    expect(canonical.body.digest).toBe(resolution.body.digest);
    expect((await api.http().get(`/api/motions/${parent.id}`).expect(200)).body.status).toBe('adopted');
    const listed = await api.http().get('/api/resolutions?objective=SOC-SALUD-O4&q=ambulancias').expect(200);
    expect(listed.body.items.map((r: { number: string }) => r.number)).toEqual(['RES-APR-2026-0001']);
    expect(
      (await api.http().get('/api/resolutions?institution=DIRESA&year=2025').expect(200)).body.items,
    ).toEqual([]);

    // Live: opened, coalesced progress, closed with the result (the ballot list is fetched), the resolution.
    const events = await live.until(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'vote.opened')).toHaveLength(2);
    expect(types.filter((t) => t === 'vote.closed')).toHaveLength(2);
    expect(types).toContain('resolution.issued');
    const progress = events.filter((e) => e.type === 'vote.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(8 + 7);
    const lastClosed = events.filter((e) => e.type === 'vote.closed').at(-1)!;
    const closedLive = lastClosed.data as { id: string; ballots: unknown; tally: { counts: object } };
    expect(closedLive.ballots).toBeNull();
    const closedVote = (await api.http().get(`/api/votes/${closedLive.id}`).expect(200)).body;
    expect(closedVote.ballots).toHaveLength(6);
    expect(closedLive.tally).toEqual(closedVote.tally);
    expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => events[0]!.sequence + i));
    socket.disconnect();

    expect((await api.http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: true,
      votes: 2,
      ballots: 15,
      resolutions: 1,
      firstProblem: null,
    });
  });

  it('refuses a parent vote while its amendments are pending, and ballots from anyone not entitled', async () => {
    const parent = await admittedMotion(api, author, moderator, { title: 'Moción con enmienda pendiente' });
    const pending = await admittedMotion(api, delegates[1]!, moderator, {
      title: 'Enmienda pendiente de votación',
      body: 'Cambiar el número.',
      parentId: parent.id,
      changes: [{ op: 'replace', find: 'dos ambulancias', text: 'cuatro ambulancias' }],
    });
    await debate(api, moderator, sessionId, parent.id);
    const blocked = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'simple' })
      .expect(409);
    expect(blocked.body.code).toBe('AMENDMENTS_PENDING');
    expect(blocked.body.message).toContain(pending.number);
    await api.http().post(`/api/motions/${pending.id}/withdraw`).set(bearer(delegates[1]!)).expect(200);

    // Alternate of delegates[0] (present): not entitled while the titular holds the seat.
    const [alternate] = await seatDelegatesInBulk(api, 1, {
      alternatesOf: [delegates[0]!.delegateId],
      constituencyCode: '0601',
    });
    await api.dataSource.query(
      `UPDATE delegates SET constituency_code = (SELECT constituency_code FROM delegates WHERE id = $2) WHERE id = $1`,
      [alternate!.delegateId, delegates[0]!.delegateId],
    );
    await checkIn(api, sessionId, [alternate!]);
    const moderatorOnly = moderator;
    const opened = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send({ rule: 'two_thirds_cast', durationSeconds: 3600 })
      .expect(201);
    const voteId: string = opened.body.id;
    expect(opened.body.deadline).not.toBeNull();
    const first = await cast(delegates[0]!, voteId, {
      choice: 'yes',
      idempotencyKey: 'first-ballot-0001',
    }).expect(200);

    // delegates[8] never checked in; delegates[2] is suspended after the vote opened.
    await api.dataSource.query(`UPDATE delegates SET status = 'suspended' WHERE id = $1`, [
      delegates[2]!.delegateId,
    ]);
    // delegates[3] checks out after the vote opened (a roll call: in the record, before the state compared).
    await api
      .http()
      .post(`/api/sessions/${sessionId}/attendance/${delegates[3]!.delegateId}`)
      .set(bearer(moderator))
      .send({ present: false })
      .expect(200);
    const before = await voteState(api);
    const refusals: [TestUser | null, number, string][] = [
      [delegates[8]!, 403, 'NOT_ENTITLED_TO_VOTE'],
      [alternate!, 403, 'NOT_ENTITLED_TO_VOTE'],
      [delegates[2]!, 403, 'DELEGATE_NOT_ACTIVE'],
      [moderatorOnly, 403, 'FORBIDDEN_ROLE'],
      [null, 401, 'AUTH_REQUIRED'],
    ];
    for (const [user, status, code] of refusals) {
      const request = api.http().post(`/api/votes/${voteId}/ballots`);
      if (user) void request.set(bearer(user));
      const response = await request.send({ choice: 'yes' }).expect(status);
      expect(response.body.code).toBe(code);
    }
    // A delegate who checked out after the vote opened keeps the entitlement but must be present to vote.
    expect((await cast(delegates[3]!, voteId, { choice: 'no' }).expect(409)).body.code).toBe(
      'VOTER_NOT_PRESENT',
    );
    for (const body of [
      { choice: 'maybe' },
      { choice: 'yes', extra: 1 },
      { choice: 'yes', idempotencyKey: 'x' },
      {},
    ])
      expect((await cast(delegates[4]!, voteId, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await cast(delegates[4]!, 'not-a-uuid', { choice: 'yes' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await cast(delegates[4]!, '00000000-0000-4000-8000-000000000000', { choice: 'yes' }).expect(404)).body
        .code,
    ).toBe('VOTE_NOT_FOUND');
    expect(await voteState(api)).toBe(before);

    // A key that answered "nothing changed" is remembered too: retrying it later never reverts a newer ballot.
    const keyA = await cast(delegates[4]!, voteId, { choice: 'yes', idempotencyKey: 'ballot-key-a' }).expect(
      200,
    );
    const keyB = await cast(delegates[4]!, voteId, { choice: 'yes', idempotencyKey: 'ballot-key-b' }).expect(
      200,
    );
    expect(keyB.body).toMatchObject({ revision: 1, replayed: true, receipt: keyA.body.receipt });
    await cast(delegates[4]!, voteId, { choice: 'no', idempotencyKey: 'ballot-key-c' }).expect(200);
    const retryB = await cast(delegates[4]!, voteId, {
      choice: 'yes',
      idempotencyKey: 'ballot-key-b',
    }).expect(200);
    expect(retryB.body).toMatchObject({ revision: 1, choice: 'yes', replayed: true });
    const [standing]: { choice: string; revision: number }[] = await api.dataSource.query(
      `SELECT choice, revision FROM ballots WHERE vote_id = $1 AND delegate_id = $2`,
      [voteId, delegates[4]!.delegateId],
    );
    expect(standing).toEqual({ choice: 'no', revision: 2 });

    // Past its deadline the vote takes no ballot, even before the closer has run.
    await api.dataSource.query(
      `UPDATE votes SET opened_at = now() - interval '2 hours', deadline = now() - interval '1 second' WHERE id = $1`,
      [voteId],
    );
    expect((await cast(delegates[5]!, voteId, { choice: 'yes' }).expect(409)).body.code).toBe('VOTE_CLOSED');

    // The session cannot be suspended or closed under an open vote; a second vote cannot open.
    for (const action of ['suspend', 'close'])
      expect(
        (await api.http().post(`/api/sessions/${sessionId}/${action}`).set(bearer(moderator)).expect(409))
          .body.code,
      ).toBe('VOTE_IN_PROGRESS');
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/votes`)
          .set(bearer(moderator))
          .send({ rule: 'simple', procedural: true, question: '¿Se amplía el debate?' })
          .expect(409)
      ).body.code,
    ).toBe('VOTE_IN_PROGRESS');
    expect(
      (await cast(delegates[4]!, voteId, { choice: 'yes' }).set(bearer(moderator)).expect(403)).body.code,
    ).toBe('FORBIDDEN_ROLE');

    await api.dataSource.query(`UPDATE delegates SET status = 'active' WHERE id = $1`, [
      delegates[2]!.delegateId,
    ]);
    const closed = await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(200);
    expect(closed.body.tally).toMatchObject({ counts: { yes: 1, no: 1 }, required: 2, outcome: 'rejected' });
    expect(closed.body.closedBy).toBe('moderator');
    expect(
      (await api.http().post(`/api/votes/${voteId}/close`).set(bearer(moderator)).expect(409)).body.code,
    ).toBe('VOTE_CLOSED');
    const late = await cast(delegates[4]!, voteId, { choice: 'no' }).expect(409);
    expect(late.body.code).toBe('VOTE_CLOSED');
    // A retry of a ballot that was counted still gets its first answer after the close.
    const retry = await cast(delegates[0]!, voteId, {
      choice: 'yes',
      idempotencyKey: 'first-ballot-0001',
    }).expect(200);
    expect(retry.body).toEqual({ ...first.body, replayed: true });
    expect(
      (await api.http().post(`/api/votes/${voteId}/close`).set(bearer(author)).expect(403)).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(await verifyStoredLedger(api.dataSource)).toMatchObject({ ok: true });
  });

  it('runs procedural votes on items without a motion, and checks the rule and duration', async () => {
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda`)
      .set(bearer(moderator))
      .send({ kind: 'topic', title: 'Informe de la Mesa Directiva' })
      .expect(201);
    const snapshot = await api.http().get(`/api/sessions/${sessionId}`).expect(200);
    const topic = snapshot.body.agenda.find((i: { kind: string }) => i.kind === 'topic');
    await api
      .http()
      .post(`/api/sessions/${sessionId}/agenda/${topic.id}/start`)
      .set(bearer(moderator))
      .expect(200);
    for (const body of [
      { rule: 'unanimous' },
      { rule: 'simple', durationSeconds: 5 },
      { rule: 'simple', procedural: true },
      { rule: 'simple', extra: true },
    ])
      expect(
        (
          await api
            .http()
            .post(`/api/sessions/${sessionId}/votes`)
            .set(bearer(moderator))
            .send(body)
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/votes`)
          .set(bearer(moderator))
          .send({ rule: 'simple' })
          .expect(422)
      ).body.code,
    ).toBe('ITEM_HAS_NO_MOTION');
    const question = { rule: 'simple', procedural: true, question: '¿Se aprueba el informe?' };
    const before = await voteState(api);
    expect(
      (
        await api
          .http()
          .post(`/api/sessions/${sessionId}/votes`)
          .set(bearer(author))
          .send(question)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (await api.http().post(`/api/sessions/${sessionId}/votes`).send(question).expect(401)).body.code,
    ).toBe('AUTH_REQUIRED');
    expect(await voteState(api)).toBe(before);
    const opened = await api
      .http()
      .post(`/api/sessions/${sessionId}/votes`)
      .set(bearer(moderator))
      .send(question)
      .expect(201);
    expect(opened.body).toMatchObject({
      kind: 'procedural',
      motionId: null,
      question: '¿Se aprueba el informe?',
    });
    await cast(delegates[0]!, opened.body.id, { choice: 'no' }).expect(200);
    const closed = await api
      .http()
      .post(`/api/votes/${opened.body.id}/close`)
      .set(bearer(moderator))
      .expect(200);
    expect(closed.body).toMatchObject({ tally: { outcome: 'rejected' }, resolutionNumber: null });
    const list = await api.http().get(`/api/sessions/${sessionId}/votes`).expect(200);
    expect(list.body.map((v: { kind: string }) => v.kind).sort()).toEqual([
      'amendment',
      'motion',
      'motion',
      'procedural',
    ]);
  });

  it('verifies over HTTP with the command, and names the ballot row altered with SQL', async () => {
    const url = urlOf(api);
    const ok = await verifyCommand(url);
    expect(ok.stdout).toMatch(/^OK: 4 votes, \d+ ballots and 1 resolutions recomputed$/m);
    expect(ok.status).toBe(0);
    const [{ vote_id, delegate_id }]: { vote_id: string; delegate_id: string }[] = await api.dataSource.query(
      `SELECT b.vote_id, b.delegate_id FROM ballots b JOIN votes v ON v.id = b.vote_id
       WHERE v.kind = 'motion' AND b.choice = 'yes' ORDER BY v.opened_at LIMIT 1`,
    );
    await api.dataSource.query(`UPDATE ballots SET choice = 'no' WHERE vote_id = $1 AND delegate_id = $2`, [
      vote_id,
      delegate_id,
    ]);
    const broken = await verifyCommand(url);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(
      `DISCREPANCY: vote ${vote_id}: ballot row of delegate ${delegate_id} says "no" but the record says "yes"`,
    );
    expect((await api.http().get('/api/ledger/verify').expect(200)).body).toMatchObject({
      ok: false,
      firstProblem: { voteId: vote_id, problem: expect.stringContaining(delegate_id) },
    });
  });
});
