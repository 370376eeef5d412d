import {
  checkNewOffice,
  checkPositions,
  checkTerm,
  nextOfficeChange,
  officeChanges,
  rolesFromOffices,
  type Office,
  type Position,
} from './terms.js';

const title = (es: string) => ({ es, en: es });
const positions: Position[] = [
  { id: 'pres', body: { kind: 'mesa' }, rank: 'president', title: title('Presidencia'), seats: 1 },
  { id: 'vice', body: { kind: 'mesa' }, rank: 'vice_president', title: title('Vicepresidencia'), seats: 2 },
  { id: 'sec', body: { kind: 'mesa' }, rank: 'secretary', title: title('Secretaría'), seats: 1 },
  {
    id: 'salud-chair',
    body: { kind: 'commission', commissionId: 'salud' },
    rank: 'chair',
    title: title('Presidencia'),
    seats: 1,
  },
  {
    id: 'salud-member',
    body: { kind: 'commission', commissionId: 'salud' },
    rank: 'member',
    title: title('Miembro'),
    seats: 5,
  },
];
const term = { startsAt: '2027-01-01T05:00:00.000Z', endsAt: '2028-01-01T05:00:00.000Z' };
const offices: Office[] = [
  { positionId: 'pres', holderId: 'ana', term },
  { positionId: 'vice', holderId: 'beto', term, endedAt: '2027-06-01T05:00:00.000Z' },
  { positionId: 'salud-chair', holderId: 'ceci', term },
];

describe('checkPositions', () => {
  it('accepts a Mesa and a commission', () => {
    expect(checkPositions(positions)).toBeNull();
  });

  it.each<[string, Position[]]>([
    ['a repeated id', [...positions, positions[0]!]],
    ['no presidency', positions.slice(1)],
    ['a presidency of two seats', [{ ...positions[0]!, seats: 2 }, ...positions.slice(1)]],
    [
      'a Mesa member',
      [...positions, { id: 'x', body: { kind: 'mesa' }, rank: 'member', title: title('X'), seats: 1 }],
    ],
    [
      'a commission with a vice-president',
      [
        ...positions,
        {
          id: 'x',
          body: { kind: 'commission', commissionId: 'salud' },
          rank: 'vice_president',
          title: title('X'),
          seats: 1,
        },
      ],
    ],
    ['two chairs of a commission', [...positions, { ...positions[3]!, id: 'chair-2' }]],
    ['no seat', [...positions.slice(0, 4), { ...positions[4]!, seats: 0 }]],
  ])('refuses %s', (_, list) => {
    expect(checkPositions(list)?.code).toBe('POSITIONS_INVALID');
  });
});

describe('rolesFromOffices', () => {
  it('grants moderator for a Mesa position from the term start until its end, never outside', () => {
    expect(rolesFromOffices(positions, offices, 'ana', '2026-12-31T23:59:59.999Z').roles).toEqual([]);
    expect(rolesFromOffices(positions, offices, 'ana', term.startsAt)).toEqual({
      roles: ['moderator'],
      grants: [{ role: 'moderator', positionId: 'pres', until: term.endsAt }],
    });
    expect(rolesFromOffices(positions, offices, 'ana', new Date(Date.parse(term.endsAt) - 1)).roles).toEqual([
      'moderator',
    ]);
    expect(rolesFromOffices(positions, offices, 'ana', term.endsAt).roles).toEqual([]);
  });

  it('ends the grant with an office left early, and grants nothing for a commission', () => {
    expect(rolesFromOffices(positions, offices, 'beto', '2027-05-31T00:00:00.000Z').grants).toEqual([
      { role: 'moderator', positionId: 'vice', until: '2027-06-01T05:00:00.000Z' },
    ]);
    expect(rolesFromOffices(positions, offices, 'beto', '2027-06-01T05:00:00.000Z').roles).toEqual([]);
    expect(rolesFromOffices(positions, offices, 'ceci', '2027-03-01T00:00:00.000Z').roles).toEqual([]);
  });
});

describe('checkNewOffice', () => {
  const vice = positions[1]!;
  it('fills the seats and no more, once per holder, and again after a term ends', () => {
    const next = { startsAt: term.endsAt, endsAt: '2029-01-01T05:00:00.000Z' };
    expect(checkNewOffice(vice, offices, { positionId: 'vice', holderId: 'dora', term })).toBeNull();
    expect(checkNewOffice(vice, offices, { positionId: 'vice', holderId: 'beto', term })).toBe(
      'OFFICE_ALREADY_HELD',
    );
    const full = [...offices, { positionId: 'vice', holderId: 'dora', term }];
    expect(checkNewOffice(vice, full, { positionId: 'vice', holderId: 'eli', term })).toBe(
      'POSITION_SEATS_FULL',
    );
    // beto left on 1 June: from then a seat is free.
    expect(
      checkNewOffice(vice, full, {
        positionId: 'vice',
        holderId: 'eli',
        term: { ...term, startsAt: '2027-06-01T05:00:00.000Z' },
      }),
    ).toBeNull();
    expect(checkNewOffice(vice, full, { positionId: 'vice', holderId: 'eli', term: next })).toBeNull();
    expect(
      checkNewOffice(vice, full, {
        positionId: 'vice',
        holderId: 'eli',
        term: { startsAt: next.endsAt, endsAt: next.startsAt },
      }),
    ).toBe('TERM_INVALID');
  });

  it('checks terms', () => {
    expect(checkTerm(term)).toBeNull();
    expect(checkTerm({ startsAt: term.startsAt, endsAt: term.startsAt })).toBe('TERM_INVALID');
    expect(checkTerm({ startsAt: 'soon', endsAt: term.endsAt })).toBe('TERM_INVALID');
  });
});

describe('office changes', () => {
  it('lists starts and ends in time order, with the roles they grant or withdraw', () => {
    const changes = officeChanges(positions, offices, '2026-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z');
    expect(changes.map((c) => [c.at, c.kind, c.holderId, c.roles])).toEqual([
      [term.startsAt, 'took_office', 'ana', ['moderator']],
      [term.startsAt, 'took_office', 'beto', ['moderator']],
      [term.startsAt, 'took_office', 'ceci', []],
      ['2027-06-01T05:00:00.000Z', 'left_office', 'beto', ['moderator']],
      [term.endsAt, 'left_office', 'ana', ['moderator']],
      [term.endsAt, 'left_office', 'ceci', []],
    ]);
    expect(
      officeChanges(positions, offices, term.startsAt, '2027-12-31T00:00:00.000Z').map((c) => c.kind),
    ).toEqual(['left_office']);
  });

  it('says when to wake up next', () => {
    expect(nextOfficeChange(offices, '2026-01-01T00:00:00.000Z')).toBe(term.startsAt);
    expect(nextOfficeChange(offices, term.startsAt)).toBe('2027-06-01T05:00:00.000Z');
    expect(nextOfficeChange(offices, '2027-06-01T05:00:00.000Z')).toBe(term.endsAt);
    expect(nextOfficeChange(offices, term.endsAt)).toBeNull();
  });
});
