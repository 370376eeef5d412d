import { assemblyToday } from './assembly-date.js';

describe('assemblyToday', () => {
  it('follows Lima time, not UTC', () => {
    expect(assemblyToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(assemblyToday(new Date('2027-01-01T04:59:00Z'))).toBe('2026-12-31');
    expect(assemblyToday(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01-01');
  });
});
