import {
  attendanceRoll,
  byProvince,
  calendarDate,
  countsInWords,
  limaDate,
  limaDateTime,
  limaSpan,
  limaTime,
  outcomeInWords,
  requiredInWords,
  rollCallByProvince,
  ruleInWords,
  agendaStatusEs,
  motionStatusEs,
  type PrintedTally,
  turnoutInWords,
} from './document-text.js';

describe('Lima time in Spanish', () => {
  it('prints the Lima clock (UTC-5), not UTC', () => {
    expect(limaDateTime('2026-12-02T15:15:00Z')).toBe('2 de diciembre de 2026, 10:15');
    expect(limaTime('2026-12-02T15:05:59.999Z')).toBe('10:05');
    expect(limaDateTime(null)).toBe('—');
  });

  it('puts an instant after midnight UTC on the Lima day before', () => {
    expect(limaDate('2027-01-01T04:59:00Z')).toBe('31 de diciembre de 2026');
    expect(limaDateTime('2027-01-01T04:59:00Z')).toBe('31 de diciembre de 2026, 23:59');
    expect(limaDateTime('2027-01-01T05:00:00Z')).toBe('1 de enero de 2027, 00:00');
  });

  it('prints a calendar date as stored, whatever the time zone', () => {
    expect(calendarDate('2027-03-31')).toBe('31 de marzo de 2027');
    expect(calendarDate('2027-09-01')).toBe('1 de septiembre de 2027');
    expect(() => calendarDate('31/03/2027')).toThrow(RangeError);
  });

  it('prints the day of a span once when it starts and ends on the same Lima day', () => {
    expect(limaSpan('2026-12-02T15:15:00Z', '2026-12-02T15:20:00Z')).toBe(
      '2 de diciembre de 2026, 10:15 a 10:20',
    );
    expect(limaSpan('2026-12-03T04:50:00Z', '2026-12-03T05:10:00Z')).toBe(
      '2 de diciembre de 2026, 23:50 a 3 de diciembre de 2026, 00:10',
    );
  });

  it('refuses what is not a date rather than printing «Invalid Date»', () => {
    expect(() => limaDateTime('mañana')).toThrow(RangeError);
  });
});

describe('Spanish labels', () => {
  it('translates every agenda and motion status, and never prints a raw value', () => {
    expect(['pending', 'in_debate', 'voting', 'done', 'deferred'].map(agendaStatusEs)).toEqual([
      'pendiente',
      'en debate',
      'en votación',
      'tratado',
      'aplazado',
    ]);
    expect(motionStatusEs('adopted')).toBe('aprobada');
    expect(motionStatusEs('withdrawn')).toBe('retirada');
    expect(agendaStatusEs('something_new')).toBe('en estado no previsto');
  });

  it('describes each counting rule in words', () => {
    expect(ruleInWords('simple', 1)).toBe(
      'Mayoría simple (versión 1 de las reglas de cómputo): se aprueba si los votos a favor superan a los votos en contra; las abstenciones no se cuentan y el empate rechaza.',
    );
    expect(ruleInWords('two_thirds_members', 2)).toMatch(
      /^Dos tercios de los miembros \(versión 2 .*al menos dos tercios/,
    );
  });
});

describe('tallies in words', () => {
  const tally: PrintedTally = {
    counts: { yes: 2, no: 1, abstain: 1, notVoted: 3 },
    base: { kind: 'yes_plus_no', size: 3 },
    required: 2,
    outcome: 'adopted',
  };

  it('counts yes, no, abstentions and those who did not vote', () => {
    expect(countsInWords(tally.counts)).toBe('2 a favor, 1 en contra, 1 abstención, 3 sin votar');
    expect(countsInWords({ yes: 0, no: 0, abstain: 0, notVoted: 0 })).toBe(
      '0 a favor, 0 en contra, 0 abstenciones, 0 sin votar',
    );
  });

  it('states the majority required against its base', () => {
    expect(requiredInWords(tally)).toBe('2 votos a favor (de 3 votos a favor y en contra)');
    expect(requiredInWords({ ...tally, required: 1, base: { kind: 'present', size: 1 } })).toBe(
      '1 voto a favor (de 1 delegado presente al abrir la votación)',
    );
    expect(requiredInWords({ ...tally, required: 26, base: { kind: 'members', size: 50 } })).toBe(
      '26 votos a favor (de 50 miembros de la Asamblea)',
    );
  });

  it('states the turnout a reglamento asks for', () => {
    expect(turnoutInWords({ cast: 1, required: 5 })).toBe(
      '1 voto emitido (abstenciones incluidas); mínimo requerido: 5',
    );
  });

  it('says the outcome, and why enough yes votes were not enough', () => {
    expect(outcomeInWords(tally)).toBe('APROBADA');
    expect(outcomeInWords({ ...tally, outcome: 'rejected' })).toBe('RECHAZADA');
    expect(
      outcomeInWords({
        ...tally,
        outcome: 'rejected',
        reason: 'turnout_below_minimum',
        turnout: { cast: 4, required: 5 },
      }),
    ).toBe('RECHAZADA: no alcanzó la participación mínima (4 votos emitidos de 5 requeridos)');
  });
});

describe('who was there', () => {
  const d = (id: string, name: string, constituency: string) => ({ id, name, constituency });
  const ana = d('a', 'Ana Díaz', 'Celendín');
  const beto = d('b', 'Beto Ruiz', 'Cajamarca');
  const beto2 = d('b2', 'Berta Ruiz (suplente)', 'Cajamarca');
  const ciro = d('c', 'Ciro Vela', 'Chota');
  const ciro2 = d('c2', 'Carla Vela', 'Chota');
  const dora = d('d', 'Dora Paz', 'Celendín');
  const seats = [
    { titular: ana, alternate: null },
    { titular: beto, alternate: beto2 },
    { titular: ciro, alternate: ciro2 },
    { titular: dora, alternate: null },
  ];

  it('lists as absent every seat no one occupied, by its titular', () => {
    const roll = attendanceRoll(seats, [ana, beto2, ciro, ciro2]);
    expect(roll.absent).toEqual([{ name: 'Dora Paz', constituency: 'Celendín' }]);
    expect(roll.seated).toBe(4);
    expect(roll.presentSeats).toBe(3);
  });

  it('says whom a present alternate stands in for, and nothing when the titular came too', () => {
    const roll = attendanceRoll(seats, [ana, beto2, ciro, ciro2]);
    expect(roll.present).toEqual([
      { name: 'Ana Díaz', constituency: 'Celendín', alternateOf: null },
      { name: 'Berta Ruiz (suplente)', constituency: 'Cajamarca', alternateOf: 'Beto Ruiz' },
      { name: 'Ciro Vela', constituency: 'Chota', alternateOf: null },
      { name: 'Carla Vela', constituency: 'Chota', alternateOf: null },
    ]);
  });

  it('with nobody checked in, every seat is absent', () => {
    expect(attendanceRoll(seats, []).absent.map((a) => a.name)).toEqual([
      'Ana Díaz',
      'Beto Ruiz',
      'Ciro Vela',
      'Dora Paz',
    ]);
  });

  it('groups by province in Spanish order, names in natural order', () => {
    const groups = byProvince([
      { name: 'Delegado 10', constituency: 'Jaén' },
      { name: 'Delegado 9', constituency: 'Jaén' },
      { name: 'Ángel', constituency: 'Celendín' },
      { name: 'Zoila', constituency: 'Cajamarca' },
    ]);
    expect(groups.map((g) => g.province)).toEqual(['Cajamarca', 'Celendín', 'Jaén']);
    expect(groups[2]!.delegates.map((x) => x.name)).toEqual(['Delegado 9', 'Delegado 10']);
  });

  it('splits a roll call by province and choice, with those who did not vote', () => {
    expect(
      rollCallByProvince(
        [
          { name: 'Ana', constituency: 'Celendín', choice: 'yes' },
          { name: 'Beto', constituency: 'Cajamarca', choice: 'no' },
          { name: 'Eva', constituency: 'Celendín', choice: 'abstain' },
        ],
        [{ name: 'Dora', constituency: 'Celendín' }],
      ),
    ).toEqual([
      { province: 'Cajamarca', yes: [], no: ['Beto'], abstain: [], notVoted: [] },
      { province: 'Celendín', yes: ['Ana'], no: [], abstain: ['Eva'], notVoted: ['Dora'] },
    ]);
  });

  it('marks in the roll call a ballot the Mesa recorded, with how the delegate voted', () => {
    expect(
      rollCallByProvince(
        [
          { name: 'Ana', constituency: 'Jaén', choice: 'yes', recordedBy: { method: 'voice' } },
          { name: 'Beto', constituency: 'Jaén', choice: 'yes', recordedBy: null },
          { name: 'Eva', constituency: 'Jaén', choice: 'no', recordedBy: { method: 'paper' } },
        ],
        [],
      ),
    ).toEqual([
      {
        province: 'Jaén',
        yes: ['Ana (registrado por la Mesa, a viva voz)', 'Beto'],
        no: ['Eva (registrado por la Mesa, en papel)'],
        abstain: [],
        notVoted: [],
      },
    ]);
  });
});
