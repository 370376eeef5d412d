import { addCalendarDays, assemblyToday } from './assembly-date.js';

describe('assemblyToday', () => {
  it('follows Lima time, not UTC', () => {
    expect(assemblyToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(assemblyToday(new Date('2027-01-01T04:59:00Z'))).toBe('2026-12-31');
    expect(assemblyToday(new Date('2027-01-01T05:00:00Z'))).toBe('2027-01-01');
  });
});

describe('addCalendarDays', () => {
  it('counts days across months, years and a leap day', () => {
    expect(addCalendarDays('2026-12-02', 90)).toBe('2027-03-02');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
