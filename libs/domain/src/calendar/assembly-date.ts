/** The assembly's clock and calendar (Cajamarca, Peru). */
export const ASSEMBLY_TIME_ZONE = 'America/Lima';

const LIMA_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: ASSEMBLY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Cajamarca (UTC-5) as YYYY-MM-DD: terms, deadlines and motion years follow the assembly's calendar. */
export function assemblyToday(at: Date = new Date()): string {
  return LIMA_DATE.format(at);
}

/** A calendar date (YYYY-MM-DD) `days` later. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
