import { consentGiven } from './consent.js';
import { cookiesOn } from './identity.js';
import { warnOnce } from './log.js';
import type { Tracker } from './tracker.js';

/**
 * The retry store: hits whose send failed (a network error, a 5xx or 429
 * answer, a refused beacon) wait here until the transport sends them again,
 * with `cdo` (§13.2) saying how long ago they happened.
 *
 * - In `localStorage`, one entry per tracker URL, so they survive the page
 *   and leave on the next page load of the origin; only while the tracker may
 *   use cookies: device storage needs the same consent as cookies, so without
 *   it (disableCookies, cookie consent missing) failed hits are kept in
 *   memory and retried while the page is open only.
 * - Bounded: STORE_MAX_HITS hits and about STORE_MAX_CHARS characters, the
 *   oldest dropped first. Hits older than MAX_AGE_MS are dropped: Matomo
 *   refuses a `cdo` over 24 h without `token_auth`.
 * - Nothing is kept or sent without tracking consent or with Do Not Track
 *   honoured; removeStored deletes the entry with the tracker's cookies.
 * - Storage that throws (unavailable, full) or holds something else under
 *   our key (invalid JSON, another shape) never throws into the page: the
 *   entry is reset and the hits are kept in memory.
 * - Taking hits removes them from the store before they are sent, so a tab
 *   that closes during the retry never sends them twice.
 */

declare module './tracker.js' {
  interface Tracker {
    /** failed hits kept in memory (no device storage allowed, or storage unusable), oldest first */
    _mem?: Entry[];
  }
}

/** A hit as it was sent the first time (its send-time tail included), and when it was made (ms). */
export type Entry = [hit: string, time: number];

/** The store's bounds: this many hits, and about this many characters of JSON. */
export const STORE_MAX_HITS = 200;
export const STORE_MAX_CHARS = 256 * 1024;
/** Matomo needs `token_auth` for a hit more than 24 h old: older ones are dropped, with an hour to spare. */
export const MAX_AGE_MS = 23 * 3600e3;

/** The storage key: one per tracker URL (resolved, so `/matomo.php` and `//host/matomo.php` share it). */
const storeKey = (tracker: Tracker) => 'matomo-lite:' + new URL(tracker._cfg.trackerUrl, location.href).href;

/** Hits may be kept and sent again: tracking consent, Do Not Track not honoured. */
const allowed = (tracker: Tracker) => !tracker._dnt && consentGiven(tracker);

/** Deletes the stored hits of the tracker's URL (with its cookies: disableCookies, an opt-out). */
export function removeStored(tracker: Tracker): void {
  try {
    localStorage.removeItem(storeKey(tracker));
  } catch {
    // no storage: nothing stored
  }
}

/** Every kept hit, removed from the store: the memory's, then the storage's when allowed; too old ones dropped; oldest first. */
function load(tracker: Tracker): Entry[] {
  let list = tracker._mem || [];
  tracker._mem = undefined;
  if (cookiesOn(tracker)) {
    try {
      const stored: Entry[] = JSON.parse(localStorage.getItem(storeKey(tracker)) || '[]');
      removeStored(tracker);
      // another script's value under our key, or an old format: what is not an entry goes
      list = stored.filter((entry) => typeof entry[0] == 'string' && typeof entry[1] == 'number').concat(list);
    } catch {
      // invalid JSON, not an array, storage that throws: start again
      removeStored(tracker);
    }
  }
  const now = Date.now();
  return list.filter((entry) => now - entry[1] < MAX_AGE_MS).sort((a, b) => a[1] - b[1]);
}

/** Takes the hits to send again now: none without consent. */
export const take = (tracker: Tracker): Entry[] => (allowed(tracker) ? load(tracker) : []);

/** Keeps hits whose send failed, within the bounds, in storage when allowed and working, else in memory. */
export function keep(tracker: Tracker, entries: Entry[]): void {
  if (!allowed(tracker)) return;
  const list = load(tracker).concat(entries);
  // JSON of an entry: its hit (URL-encoded: nothing to escape) and about 20 characters more
  let size = list.reduce((sum, entry) => sum + entry[0].length + 20, 0);
  let dropped;
  while (list.length > STORE_MAX_HITS || size > STORE_MAX_CHARS) size -= (dropped = list.shift()!)[0].length + 20;
  if (dropped) warnOnce('retry', __DEBUG__ && 'the retry store is full; its oldest hits were dropped');
  if (cookiesOn(tracker)) {
    try {
      return localStorage.setItem(storeKey(tracker), JSON.stringify(list));
    } catch {
      // full or unavailable: reset, and keep the hits for this page
      removeStored(tracker);
    }
  }
  tracker._mem = list;
}
