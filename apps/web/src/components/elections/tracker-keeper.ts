/**
 * The voter's trackers, kept on their own device only (localStorage), one per secret ballot box (an
 * election round or a secret vote). The tracker is what lets its holder change the ballot before the
 * close and find it among the published ballots after: the server never links it to the voter, so a
 * tracker lost here is lost (the console says so, and offers to copy it). The choice is never kept.
 * Each is kept under the signed-in account as well as the box: on a shared device (a titular and an
 * alternate, a hall tablet) nobody is offered another account's tracker, and a page read signed out
 * offers none.
 */
import { newTrackerCode, parseTrackerCode } from '#domain/elections/tracker-code';
import { auth } from '../../api';

const KEY = 'asamblea.trackers';

/** The entry of this box for the signed-in account; null signed out. */
function entryKey(boxId: string): string | null {
  const user = auth.user();
  return user ? `${user.id}:${boxId}` : null;
}

type Kept = Record<string, { tracker: string; keptAt: string }>;

function read(): Kept {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Kept) : {};
  } catch {
    return {};
  }
}

function write(kept: Kept): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // A full or refused storage: the tracker is still shown, to be copied by hand.
  }
}

/** The tracker kept for this box, if any (only a well-formed one). */
export function keptTracker(boxId: string): string | null {
  const key = entryKey(boxId);
  const entry = key ? read()[key] : undefined;
  return entry ? parseTrackerCode(entry.tracker) : null;
}

/** The tracker for this box: the kept one, or a new one drawn now (kept before the ballot is sent). */
export function trackerFor(boxId: string): string {
  const kept = keptTracker(boxId);
  if (kept) return kept;
  const tracker = newTrackerCode();
  keepTracker(boxId, tracker);
  return tracker;
}

/** Keeps a tracker typed in by hand (from another device), once it parses. */
export function keepTracker(boxId: string, tracker: string): string | null {
  const parsed = parseTrackerCode(tracker);
  const key = entryKey(boxId);
  if (!parsed) return null;
  // Signed out there is nobody to keep it for: it is still shown, to be copied by hand.
  if (key) write({ ...read(), [key]: { tracker: parsed, keptAt: new Date().toISOString() } });
  return parsed;
}
