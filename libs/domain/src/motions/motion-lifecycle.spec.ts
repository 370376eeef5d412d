import { DomainError } from '../errors/domain-error.js';
import {
  AMENDABLE_STATUSES,
  MOTION_ACTIONS,
  MOTION_NUMBER_PATTERN,
  MOTION_STATUSES,
  allowedMotionActions,
  formatMotionNumber,
  isFinalMotionStatus,
  nextMotionStatus,
  transitionMotion,
  type MotionAction,
  type MotionStatus,
} from './motion-lifecycle.js';

/**
 * The lifecycle of DESIGN.md ("Lifecycles"), written out independently of the implementation's table:
 * draft → filed → admitted → scheduled → debating → voting → adopted | rejected, inadmissible from
 * filed, withdrawn by the author before voting, deferred (scheduled | debating) back to admitted.
 */
const ALLOWED: ReadonlyArray<[MotionStatus, MotionAction, MotionStatus]> = [
  ['draft', 'file', 'filed'],
  ['filed', 'admit', 'admitted'],
  ['filed', 'declare_inadmissible', 'inadmissible'],
  ['admitted', 'schedule', 'scheduled'],
  ['scheduled', 'start_debate', 'debating'],
  ['debating', 'open_vote', 'voting'],
  ['voting', 'adopt', 'adopted'],
  ['voting', 'reject', 'rejected'],
  ['scheduled', 'defer', 'admitted'],
  ['debating', 'defer', 'admitted'],
  ['draft', 'withdraw', 'withdrawn'],
  ['filed', 'withdraw', 'withdrawn'],
  ['admitted', 'withdraw', 'withdrawn'],
  ['scheduled', 'withdraw', 'withdrawn'],
  ['debating', 'withdraw', 'withdrawn'],
];

const FINAL: readonly MotionStatus[] = ['adopted', 'rejected', 'inadmissible', 'withdrawn'];

function allowedTarget(status: MotionStatus, action: MotionAction): MotionStatus | undefined {
  return ALLOWED.find(([from, act]) => from === status && act === action)?.[2];
}

const FORBIDDEN: Array<[MotionStatus, MotionAction]> = MOTION_STATUSES.flatMap((status) =>
  MOTION_ACTIONS.filter((action) => allowedTarget(status, action) === undefined).map(
    (action): [MotionStatus, MotionAction] => [status, action],
  ),
);

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('motion lifecycle', () => {
  it('knows exactly the statuses and actions of the design', () => {
    expect([...MOTION_STATUSES].sort()).toEqual(
      [
        'draft',
        'filed',
        'admitted',
        'scheduled',
        'debating',
        'voting',
        'adopted',
        'rejected',
        'inadmissible',
        'withdrawn',
      ].sort(),
    );
    expect([...MOTION_ACTIONS].sort()).toEqual(
      [
        'file',
        'admit',
        'declare_inadmissible',
        'withdraw',
        'schedule',
        'start_debate',
        'open_vote',
        'adopt',
        'reject',
        'defer',
      ].sort(),
    );
  });

  describe('allowed transitions', () => {
    it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
      expect(transitionMotion(from, action)).toBe(to);
      expect(nextMotionStatus(from, action)).toBe(to);
      expect(allowedMotionActions(from)).toContain(action);
    });

    it('walks the happy path from draft to adopted', () => {
      const path: MotionAction[] = ['file', 'admit', 'schedule', 'start_debate', 'open_vote', 'adopt'];
      const visited = path.reduce<MotionStatus[]>(
        (statuses, action) => [...statuses, transitionMotion(statuses[statuses.length - 1]!, action)],
        ['draft'],
      );
      expect(visited).toEqual(['draft', 'filed', 'admitted', 'scheduled', 'debating', 'voting', 'adopted']);
    });

    it('lets a deferred motion be scheduled again', () => {
      const deferred = transitionMotion('debating', 'defer');
      expect(deferred).toBe('admitted');
      expect(transitionMotion(deferred, 'schedule')).toBe('scheduled');
    });

    it('lists, for each status, exactly the actions of the table', () => {
      for (const status of MOTION_STATUSES) {
        const expected = ALLOWED.filter(([from]) => from === status)
          .map(([, action]) => action)
          .sort();
        expect([...allowedMotionActions(status)].sort()).toEqual(expected);
      }
    });
  });

  describe('withdrawal', () => {
    it.each(['draft', 'filed', 'admitted', 'scheduled', 'debating'] as MotionStatus[])(
      'is possible from %s',
      (status) => {
        expect(transitionMotion(status, 'withdraw')).toBe('withdrawn');
      },
    );

    it.each(['voting', 'adopted', 'rejected', 'inadmissible', 'withdrawn'] as MotionStatus[])(
      'is refused from %s (the vote has opened or the motion is closed)',
      (status) => {
        const error = refusal(() => transitionMotion(status, 'withdraw'));
        expect(error.code).toBe('MOTION_TRANSITION_INVALID');
        expect(error.params).toEqual({ action: 'withdraw', status });
        expect(nextMotionStatus(status, 'withdraw')).toBeNull();
      },
    );
  });

  describe('every other (status, action) pair', () => {
    it('covers the whole grid minus the table', () => {
      expect(FORBIDDEN.length + ALLOWED.length).toBe(MOTION_STATUSES.length * MOTION_ACTIONS.length);
      expect(FORBIDDEN.length).toBe(100 - 15);
    });

    it.each(FORBIDDEN)('%s --%s--> is refused with MOTION_TRANSITION_INVALID', (status, action) => {
      expect(nextMotionStatus(status, action)).toBeNull();
      const error = refusal(() => transitionMotion(status, action));
      expect(error.code).toBe('MOTION_TRANSITION_INVALID');
      expect(error.params).toEqual({ action, status });
    });
  });

  describe('final statuses', () => {
    it.each(MOTION_STATUSES.map((status) => [status, FINAL.includes(status)] as const))(
      '%s is final: %s',
      (status, final) => {
        expect(isFinalMotionStatus(status)).toBe(final);
        expect(allowedMotionActions(status).length === 0).toBe(final);
      },
    );
  });

  it('allows amendments against admitted, scheduled or debating parents only', () => {
    expect([...AMENDABLE_STATUSES].sort()).toEqual(['admitted', 'debating', 'scheduled']);
  });
});

describe('formatMotionNumber', () => {
  it.each([
    [2026, 7, 'MOC-2026-0007'],
    [2026, 1, 'MOC-2026-0001'],
    [2026, 42, 'MOC-2026-0042'],
    [2027, 9999, 'MOC-2027-9999'],
    [2026, 10000, 'MOC-2026-10000'],
    [2026, 12345, 'MOC-2026-12345'],
  ])('(%i, %i) → %s', (year, sequence, expected) => {
    expect(formatMotionNumber(year, sequence)).toBe(expected);
  });

  it('produces numbers that MOTION_NUMBER_PATTERN reads back', () => {
    for (const [year, sequence] of [
      [2026, 7],
      [2026, 9999],
      [2030, 12345],
    ] as const) {
      const match = MOTION_NUMBER_PATTERN.exec(formatMotionNumber(year, sequence));
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBe(year);
      expect(Number(match![2])).toBe(sequence);
    }
  });
});

describe('MOTION_NUMBER_PATTERN', () => {
  it.each(['MOC-2026-0007', 'MOC-2026-0001', 'MOC-1999-9999', 'MOC-2026-10000', 'MOC-2026-123456'])(
    'accepts %s',
    (number) => {
      expect(MOTION_NUMBER_PATTERN.test(number)).toBe(true);
    },
  );

  it.each([
    'MOC-2026-007',
    'MOC-26-0007',
    'moc-2026-0007',
    'RES-APR-2026-0001',
    'MOC-2026-0007 ',
    ' MOC-2026-0007',
    'MOC-2026-0007\n',
    'MOC-2026-00a7',
    'MOC-20260-0007',
    'MOC-2026_0007',
    '',
  ])('rejects %j', (number) => {
    expect(MOTION_NUMBER_PATTERN.test(number)).toBe(false);
  });
});

describe('refusals of odd input', () => {
  it('does not treat Object methods as actions or statuses', () => {
    expect(nextMotionStatus('draft', 'toString' as never)).toBeNull();
    expect(nextMotionStatus('constructor' as never, 'file')).toBeNull();
  });

  it('refuses sequences below 1 and malformed years instead of printing odd numbers', () => {
    expect(() => formatMotionNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatMotionNumber(2026, -1)).toThrow(RangeError);
    expect(() => formatMotionNumber(26, 1)).toThrow(RangeError);
    expect(MOTION_NUMBER_PATTERN.test('MOC-2026-00007')).toBe(false);
    expect(MOTION_NUMBER_PATTERN.test('MOC-2026-10000')).toBe(true);
  });
});
