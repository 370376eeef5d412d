import {
  ALTERNATE_PROBLEM_TEXT,
  DELEGATE_STATUSES,
  alternateProblem,
  isSeated,
  isStatusDateValid,
  isTermValid,
  type AlternateProblem,
  type DelegateSeat,
} from './delegate-rules.js';

function seat(overrides: Partial<DelegateSeat> = {}): DelegateSeat {
  return {
    id: 'd-1',
    constituencyCode: '0601',
    status: 'active',
    alternateOfId: null,
    termStart: '2025-01-01',
    termEnd: '2026-12-31',
    ...overrides,
  };
}

function titular(
  overrides: Partial<DelegateSeat & { currentAlternateId: string | null }> = {},
): DelegateSeat & { currentAlternateId: string | null } {
  return { ...seat({ id: 't-1' }), currentAlternateId: null, ...overrides };
}

describe('DELEGATE_STATUSES', () => {
  it('is active, suspended, ceased', () => {
    expect(DELEGATE_STATUSES).toEqual(['active', 'suspended', 'ceased']);
  });
});

describe('isTermValid', () => {
  it('accepts an end after the start', () => {
    expect(isTermValid('2025-01-01', '2026-12-31')).toBe(true);
    expect(isTermValid('2025-01-01', '2025-01-02')).toBe(true);
    expect(isTermValid('2025-12-31', '2026-01-01')).toBe(true);
  });

  it('rejects an end equal to the start', () => {
    expect(isTermValid('2025-06-01', '2025-06-01')).toBe(false);
  });

  it('rejects an end before the start', () => {
    expect(isTermValid('2026-01-01', '2025-12-31')).toBe(false);
    expect(isTermValid('2025-02-10', '2025-01-20')).toBe(false);
  });
});

describe('isSeated', () => {
  const term = { termStart: '2025-01-01', termEnd: '2026-12-31' };

  it('seats an active titular inside the term', () => {
    expect(isSeated(seat(term), '2025-07-15')).toBe(true);
  });

  it('includes both term boundaries', () => {
    expect(isSeated(seat(term), '2025-01-01')).toBe(true);
    expect(isSeated(seat(term), '2026-12-31')).toBe(true);
  });

  it('does not seat before the term starts or after it ends', () => {
    expect(isSeated(seat(term), '2024-12-31')).toBe(false);
    expect(isSeated(seat(term), '2027-01-01')).toBe(false);
  });

  it.each(['suspended', 'ceased'] as const)('does not seat a %s delegate', (status) => {
    expect(isSeated(seat({ ...term, status }), '2025-07-15')).toBe(false);
    expect(isSeated(seat({ ...term, status }), '2025-01-01')).toBe(false);
  });

  it('never seats an alternate, even active and in term', () => {
    const alternate = seat({ ...term, id: 'a-1', alternateOfId: 't-1' });
    expect(isSeated(alternate, '2025-01-01')).toBe(false);
    expect(isSeated(alternate, '2025-07-15')).toBe(false);
    expect(isSeated(alternate, '2026-12-31')).toBe(false);
  });

  it('handles a one-day term', () => {
    const oneDay = seat({ termStart: '2025-03-10', termEnd: '2025-03-10' });
    expect(isSeated(oneDay, '2025-03-10')).toBe(true);
    expect(isSeated(oneDay, '2025-03-09')).toBe(false);
    expect(isSeated(oneDay, '2025-03-11')).toBe(false);
  });
});

describe('alternateProblem', () => {
  it('accepts a new alternate of the same province for a titular without alternate', () => {
    expect(alternateProblem({ constituencyCode: '0601' }, titular())).toBeNull();
  });

  it('accepts an existing delegate that is already the current alternate of that titular', () => {
    expect(
      alternateProblem({ id: 'a-1', constituencyCode: '0601' }, titular({ currentAlternateId: 'a-1' })),
    ).toBeNull();
  });

  it('accepts hasOwnAlternate: false explicitly', () => {
    expect(
      alternateProblem({ id: 'a-1', constituencyCode: '0601', hasOwnAlternate: false }, titular()),
    ).toBeNull();
  });

  it('titular_missing when there is no titular', () => {
    expect(alternateProblem({ constituencyCode: '0601' }, undefined)).toBe('titular_missing');
  });

  it('self_reference when the candidate names itself', () => {
    expect(alternateProblem({ id: 't-1', constituencyCode: '0601' }, titular({ id: 't-1' }))).toBe(
      'self_reference',
    );
  });

  it('titular_is_alternate when the titular is itself an alternate (no chains)', () => {
    expect(alternateProblem({ constituencyCode: '0601' }, titular({ alternateOfId: 't-0' }))).toBe(
      'titular_is_alternate',
    );
  });

  it('titular_has_alternate when the titular already has another alternate', () => {
    expect(alternateProblem({ constituencyCode: '0601' }, titular({ currentAlternateId: 'a-9' }))).toBe(
      'titular_has_alternate',
    );
    expect(
      alternateProblem({ id: 'a-1', constituencyCode: '0601' }, titular({ currentAlternateId: 'a-9' })),
    ).toBe('titular_has_alternate');
  });

  it('other_constituency when the provinces differ', () => {
    expect(alternateProblem({ constituencyCode: '0608' }, titular({ constituencyCode: '0601' }))).toBe(
      'other_constituency',
    );
  });

  it('has_own_alternate when the candidate has an alternate of its own', () => {
    expect(alternateProblem({ id: 'a-1', constituencyCode: '0601', hasOwnAlternate: true }, titular())).toBe(
      'has_own_alternate',
    );
  });

  it('reports problems in a fixed order (first one wins)', () => {
    const everythingWrong = titular({
      id: 'x',
      alternateOfId: 't-0',
      currentAlternateId: 'a-9',
      constituencyCode: '0608',
    });
    expect(
      alternateProblem({ id: 'x', constituencyCode: '0601', hasOwnAlternate: true }, everythingWrong),
    ).toBe('self_reference');
    expect(
      alternateProblem({ id: 'y', constituencyCode: '0601', hasOwnAlternate: true }, everythingWrong),
    ).toBe('titular_is_alternate');
    expect(
      alternateProblem(
        { id: 'y', constituencyCode: '0601', hasOwnAlternate: true },
        { ...everythingWrong, alternateOfId: null },
      ),
    ).toBe('titular_has_alternate');
    expect(
      alternateProblem(
        { id: 'y', constituencyCode: '0601', hasOwnAlternate: true },
        { ...everythingWrong, alternateOfId: null, currentAlternateId: null },
      ),
    ).toBe('other_constituency');
  });

  it('does not care about the titular status or term', () => {
    expect(
      alternateProblem({ constituencyCode: '0601' }, titular({ status: 'ceased', termEnd: '2025-01-02' })),
    ).toBeNull();
  });
});

describe('ALTERNATE_PROBLEM_TEXT', () => {
  const problems: AlternateProblem[] = [
    'titular_missing',
    'self_reference',
    'titular_is_alternate',
    'titular_has_alternate',
    'other_constituency',
    'has_own_alternate',
  ];

  it('has exactly one entry per problem', () => {
    expect(Object.keys(ALTERNATE_PROBLEM_TEXT).sort()).toEqual([...problems].sort());
  });

  it.each(problems)('%s has distinct non-empty es and en texts', (problem) => {
    const { es, en } = ALTERNATE_PROBLEM_TEXT[problem];
    expect(es.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(es).not.toBe(en);
  });
});

describe('isStatusDateValid', () => {
  it('accepts a day within the term up to today, and today for a term not yet started', () => {
    expect(isStatusDateValid('2026-03-01', '2026-01-01', '2026-03-01')).toBe(true);
    expect(isStatusDateValid('2026-01-01', '2026-01-01', '2026-03-01')).toBe(true);
    expect(isStatusDateValid('2026-03-01', '2026-06-01', '2026-03-01')).toBe(true);
  });

  it('refuses a future day and a day before the term', () => {
    expect(isStatusDateValid('2026-03-02', '2026-01-01', '2026-03-01')).toBe(false);
    expect(isStatusDateValid('2025-12-31', '2026-01-01', '2026-03-01')).toBe(false);
    expect(isStatusDateValid('2026-02-01', '2026-06-01', '2026-03-01')).toBe(false);
  });
});
