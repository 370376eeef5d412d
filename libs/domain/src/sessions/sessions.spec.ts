import { DomainError } from '../errors/domain-error.js';
import { computeQuorum, type Seat } from './quorum.js';
import {
  formatSessionNumber,
  nextSessionStatus,
  SESSION_ACTIONS,
  SESSION_STATUSES,
  transitionSession,
} from './session-lifecycle.js';
import { orderSpeakers, type SpeakerRequest } from './speakers.js';

describe('session lifecycle', () => {
  const allowed: Record<string, string> = {
    'scheduled:open': 'open',
    'open:suspend': 'suspended',
    'open:close': 'closed',
    'suspended:resume': 'open',
    'suspended:close': 'closed',
  };

  it.each(SESSION_STATUSES.flatMap((status) => SESSION_ACTIONS.map((action) => [status, action] as const)))(
    '%s + %s',
    (status, action) => {
      const expected = allowed[`${status}:${action}`];
      if (expected) {
        expect(transitionSession(status, action)).toBe(expected);
      } else {
        expect(nextSessionStatus(status, action)).toBeNull();
        expect(() => transitionSession(status, action)).toThrow(DomainError);
        try {
          transitionSession(status, action);
        } catch (error) {
          expect(error).toMatchObject({ code: 'SESSION_TRANSITION_INVALID', params: { action, status } });
        }
      }
    },
  );

  it('ignores names inherited from Object', () => {
    expect(nextSessionStatus('open', 'toString' as never)).toBeNull();
  });
});

describe('computeQuorum', () => {
  const seats = (n: number, alternates: Record<number, string> = {}): Seat[] =>
    Array.from({ length: n }, (_, i) => ({ titularId: `t${i}`, alternateId: alternates[i] ?? null }));

  it('needs more than half of the seated: 50 seated → 26, 54 → 28, 1 → 1', () => {
    expect(computeQuorum(seats(50), new Set()).required).toBe(26);
    expect(computeQuorum(seats(54), new Set()).required).toBe(28);
    expect(computeQuorum(seats(1), new Set()).required).toBe(1);
  });

  it('reaches quorum exactly at the threshold, not one below', () => {
    const present = (n: number) => new Set(Array.from({ length: n }, (_, i) => `t${i}`));
    expect(computeQuorum(seats(50), present(25)).hasQuorum).toBe(false);
    expect(computeQuorum(seats(50), present(26)).hasQuorum).toBe(true);
  });

  it('counts an alternate for an absent titular, and a seat once when both are present', () => {
    const layout = seats(3, { 0: 'a0', 1: 'a1' });
    const both = computeQuorum(layout, new Set(['t0', 'a0']));
    expect(both).toMatchObject({ present: 1, presentDelegateIds: ['t0'] });
    const standIn = computeQuorum(layout, new Set(['a1', 't2']));
    expect(standIn).toMatchObject({ present: 2, presentDelegateIds: ['a1', 't2'], hasQuorum: true });
  });

  it('ignores check-ins of people who hold no seat', () => {
    expect(computeQuorum(seats(2), new Set(['stranger'])).present).toBe(0);
  });

  it('has no quorum with no seats, and honours another rule (two thirds)', () => {
    expect(computeQuorum([], new Set()).hasQuorum).toBe(false);
    expect(computeQuorum(seats(30), new Set(), { numerator: 2, denominator: 3 }).required).toBe(21);
  });
});

describe('orderSpeakers', () => {
  const request = (id: string, stance: SpeakerRequest['stance'], position: number): SpeakerRequest => ({
    id,
    delegateId: id,
    stance,
    position,
  });

  it('puts points of order first, each group in arrival order', () => {
    const ordered = orderSpeakers([
      request('a', 'pro', 1),
      request('b', 'contra', 2),
      request('c', 'point_of_order', 5),
      request('d', 'pro', 3),
      request('e', 'point_of_order', 4),
    ]);
    expect(ordered.map((r) => r.id)).toEqual(['e', 'c', 'a', 'b', 'd']);
  });

  it('does not reorder its input', () => {
    const input = [request('a', 'pro', 2), request('b', 'pro', 1)];
    orderSpeakers(input);
    expect(input.map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('formatSessionNumber', () => {
  it('numbers a session within its year, four digits at least', () => {
    expect(formatSessionNumber(2026, 3)).toBe('SES-2026-0003');
    expect(formatSessionNumber(2027, 12345)).toBe('SES-2027-12345');
  });
});
