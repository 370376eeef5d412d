import { entitledListHash, freezeEntitledList } from './entitlement.js';

describe('freezeEntitledList', () => {
  const seats = [
    { titularId: 't1', alternateId: 'a1' },
    { titularId: 't2', alternateId: 'a2' },
    { titularId: 't3', alternateId: null },
  ];

  it('gives each present seat one voter: the titular, or the alternate standing in', () => {
    const list = freezeEntitledList('v1', seats, new Set(['t1', 'a1', 'a2']));
    expect(list.delegateIds).toEqual(['a2', 't1']);
    expect(list).toMatchObject({ presentAtOpening: 2, seatedAtOpening: 3 });
  });

  it('publishes a hash that depends on the vote and the list, not on the order of check-ins', () => {
    const a = freezeEntitledList('v1', seats, new Set(['t1', 't2']));
    const b = freezeEntitledList('v1', [...seats].reverse(), new Set(['t2', 't1']));
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(freezeEntitledList('v2', seats, new Set(['t1', 't2'])).hash).not.toBe(a.hash);
    expect(freezeEntitledList('v1', seats, new Set(['t1'])).hash).not.toBe(a.hash);
    expect(entitledListHash('v1', ['t2', 't1'])).toBe(a.hash);
  });
});
