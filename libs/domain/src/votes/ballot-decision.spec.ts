import { decideBallot, type BallotFacts } from './ballot-decision.js';

const open: BallotFacts = {
  delegateActive: true,
  vote: { open: true, pastDeadline: false },
  entitled: true,
  present: true,
  earlierForKey: null,
  current: null,
};

describe('decideBallot', () => {
  it('records a first ballot as revision 1 and a change of mind as the next revision', () => {
    expect(decideBallot(open, { choice: 'yes' })).toEqual({ kind: 'record', revision: 1 });
    expect(decideBallot({ ...open, current: { revision: 3, choice: 'yes' } }, { choice: 'no' })).toEqual({
      kind: 'record',
      revision: 4,
    });
  });

  it('refuses in the promised order: account, vote, entitlement, then open, then presence', () => {
    const everythingWrong: BallotFacts = {
      delegateActive: false,
      vote: null,
      entitled: false,
      present: false,
      earlierForKey: null,
      current: null,
    };
    const closed = { open: false, pastDeadline: false };
    expect(decideBallot(everythingWrong, { choice: 'yes' })).toEqual({
      kind: 'refuse',
      code: 'DELEGATE_NOT_ACTIVE',
    });
    expect(decideBallot({ ...everythingWrong, delegateActive: true }, { choice: 'yes' })).toMatchObject({
      code: 'VOTE_NOT_FOUND',
    });
    expect(
      decideBallot({ ...everythingWrong, delegateActive: true, vote: closed }, { choice: 'yes' }),
    ).toMatchObject({ code: 'NOT_ENTITLED_TO_VOTE' });
    expect(
      decideBallot(
        { ...everythingWrong, delegateActive: true, vote: closed, entitled: true },
        { choice: 'yes' },
      ),
    ).toMatchObject({ code: 'VOTE_CLOSED' });
    expect(decideBallot({ ...open, present: false }, { choice: 'yes' })).toMatchObject({
      code: 'VOTER_NOT_PRESENT',
    });
  });

  it('treats a vote past its deadline as closed before the closer has run', () => {
    expect(decideBallot({ ...open, vote: { open: true, pastDeadline: true } }, { choice: 'yes' })).toEqual({
      kind: 'refuse',
      code: 'VOTE_CLOSED',
    });
  });

  it('answers a repeated idempotency key with its first revision, even after the close', () => {
    const facts: BallotFacts = {
      ...open,
      vote: { open: false, pastDeadline: false },
      present: false,
      earlierForKey: { revision: 2, choice: 'no' },
      current: { revision: 5, choice: 'yes' },
    };
    expect(decideBallot(facts, { choice: 'no', idempotencyKey: 'k1' })).toEqual({
      kind: 'repeat',
      of: 'earlierForKey',
      revision: 2,
      rememberKey: false,
    });
    expect(decideBallot(facts, { choice: 'yes', idempotencyKey: 'k1' })).toEqual({
      kind: 'refuse',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('ignores an earlier revision found for a key when the request carries none', () => {
    const facts = { ...open, earlierForKey: { revision: 1, choice: 'no' as const } };
    expect(decideBallot(facts, { choice: 'yes' })).toEqual({ kind: 'record', revision: 1 });
  });

  it('answers the standing ballot when the same choice is cast again, remembering a new key', () => {
    const facts = { ...open, current: { revision: 2, choice: 'abstain' as const } };
    expect(decideBallot(facts, { choice: 'abstain', idempotencyKey: 'k2' })).toEqual({
      kind: 'repeat',
      of: 'current',
      revision: 2,
      rememberKey: true,
    });
    expect(decideBallot(facts, { choice: 'abstain' })).toEqual({
      kind: 'repeat',
      of: 'current',
      revision: 2,
      rememberKey: false,
    });
  });

  describe('a ballot the Mesa records', () => {
    const voice = { method: 'voice' as const };

    it('names the delegate in its refusals: not sitting or not entitled, then not present', () => {
      expect(decideBallot({ ...open, delegateActive: false }, { choice: 'yes', recordedBy: voice })).toEqual({
        kind: 'refuse',
        code: 'DELEGATE_NOT_ENTITLED',
      });
      expect(decideBallot({ ...open, entitled: false }, { choice: 'yes', recordedBy: voice })).toEqual({
        kind: 'refuse',
        code: 'DELEGATE_NOT_ENTITLED',
      });
      expect(decideBallot({ ...open, present: false }, { choice: 'yes', recordedBy: voice })).toEqual({
        kind: 'refuse',
        code: 'DELEGATE_NOT_PRESENT',
      });
      expect(
        decideBallot(
          { ...open, vote: { open: false, pastDeadline: false } },
          { choice: 'yes', recordedBy: voice },
        ),
      ).toEqual({ kind: 'refuse', code: 'VOTE_CLOSED' });
    });

    it("is replaced by the delegate's own ballot of the same choice, as the next revision", () => {
      const recorded = {
        ...open,
        current: { revision: 1, choice: 'yes' as const, recordedBy: 'voice' as const },
      };
      expect(decideBallot(recorded, { choice: 'yes' })).toEqual({ kind: 'record', revision: 2 });
      // The same recording again changes nothing; another method is a new revision.
      expect(decideBallot(recorded, { choice: 'yes', recordedBy: voice })).toEqual({
        kind: 'repeat',
        of: 'current',
        revision: 1,
        rememberKey: false,
      });
      expect(decideBallot(recorded, { choice: 'yes', recordedBy: { method: 'paper' } })).toEqual({
        kind: 'record',
        revision: 2,
      });
      const own = { ...open, current: { revision: 2, choice: 'no' as const, recordedBy: null } };
      expect(decideBallot(own, { choice: 'no' })).toMatchObject({ kind: 'repeat', revision: 2 });
      // The Mesa never replaces a ballot the delegate cast themselves, even with the same choice.
      expect(decideBallot(own, { choice: 'yes', recordedBy: voice })).toEqual({
        kind: 'refuse',
        code: 'BALLOT_CAST_BY_DELEGATE',
      });
      expect(decideBallot(own, { choice: 'no', recordedBy: voice })).toEqual({
        kind: 'refuse',
        code: 'BALLOT_CAST_BY_DELEGATE',
      });
    });
  });
});
