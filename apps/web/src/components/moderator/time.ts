/** Lima keeps UTC−5 all year (no daylight saving time). */
const LIMA_OFFSET_MS = -5 * 3600_000;

/** A `datetime-local` value ("2026-12-05T15:00"), read as Lima time, as ISO 8601 with its offset. */
export function limaInputToIso(value: string): string {
  const [date, time = '00:00'] = value.split('T');
  const hhmmss = time.length === 5 ? `${time}:00` : time.slice(0, 8);
  return `${date}T${hhmmss}-05:00`;
}

/** The `datetime-local` value for an instant, on Lima's clock (minutes precision). */
export function limaInput(instant: Date): string {
  return new Date(instant.getTime() + LIMA_OFFSET_MS).toISOString().slice(0, 16);
}

/** The next full hour in Lima, as a default for a new session. */
export function nextHourInLima(): string {
  const next = new Date(Math.ceil((Date.now() + 60_000) / 3600_000) * 3600_000);
  return limaInput(next);
}

/** Lima's wall-clock time of an instant, as the rest of the site writes it ("3:36 p. m.", "15:36"). */
export function limaTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleTimeString(locale, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'America/Lima',
  });
}

/** Whether Lima's clock reads one o'clock at that instant (Spanish says «la 1:05», «las 3:05»). */
export function isOneOClockInLima(iso: string): boolean {
  const hour = new Intl.DateTimeFormat('en-US', { hour: 'numeric', hour12: true, timeZone: 'America/Lima' })
    .formatToParts(new Date(iso))
    .find((part) => part.type === 'hour')?.value;
  return hour === '1';
}
