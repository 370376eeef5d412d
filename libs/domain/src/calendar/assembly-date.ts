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
