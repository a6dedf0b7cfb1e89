/**
 * Reads and writes first-party cookies the way matomo.js does (§3.3), so that
 * cookies written by either tracker are read by the other.
 */

/** `;path=…;domain=…;secure;SameSite=…` for a tracker's cookies. */
export type CookieScope = string;

/**
 * The cookies while a batch of hits is built (withOneCookieRead): each raw
 * value by name, read once. Not tracker state: it exists only during one
 * synchronous call, for every tracker on the page.
 */
let batch: { _cookies?: Map<string, string> } | undefined;

/**
 * What this page last wrote to each cookie, and when. Page state, as
 * document.cookie is: every tracker writes the same visitor cookies again on
 * each hit, and a write makes the next read of document.cookie a round trip
 * to the browser's cookie store (about 1 ms in Chrome, 0.1 ms without).
 */
const written = new Map<string, [string, number]>();

/** A cookie the page holds as this page wrote it, less than this long ago (ms), is not written again with the same value. */
export const REWRITE_MS = 10_000;

/** The raw value of the first cookie of this name (matomo.js reads the first of two with one name, another path). */
function rawCookie(name: string): string | undefined {
  if (batch) return (batch._cookies ||= cookieMap()).get(name);
  // whole names only: `_pk_id.1.ab` must not match `x_pk_id.1.ab`
  return document.cookie
    .split(/; */)
    .find((pair) => pair.startsWith(name + '='))
    ?.slice(name.length + 1);
}

/** Every cookie's raw value by name, the first of two with one name. */
function cookieMap(): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of document.cookie.split(/; */)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    if (at > 0 && !cookies.has(name)) cookies.set(name, pair.slice(at + 1));
  }
  return cookies;
}

export function readCookie(name: string): string | undefined {
  const value = rawCookie(name);
  try {
    return value && decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Writes `name=value` until `expiresMs` (an absolute time), unless the
 * cookie holds this value already, written by this page less than
 * REWRITE_MS ago: the visitor and session cookies of the next hits. The
 * session cookie's sliding expiry then moves in steps of REWRITE_MS, which
 * does not matter against its 30 minutes.
 */
export function writeCookie(name: string, value: string, expiresMs: number, scope: CookieScope): void {
  const raw = encodeURIComponent(value);
  const now = Date.now();
  const last = written.get(name);
  const live = expiresMs > now;
  if (live && last?.[0] == raw && now - last[1] < REWRITE_MS && rawCookie(name) == raw) return;
  document.cookie = name + '=' + raw + ';expires=' + new Date(expiresMs).toUTCString() + scope;
  written.set(name, [raw, now]);
  const cookies = batch?._cookies;
  if (live) cookies?.set(name, raw);
  else cookies?.delete(name);
}

/** Deletes like matomo.js: an empty value that expired 36 hours ago, same path and domain. */
export function deleteCookie(name: string, scope: CookieScope): void {
  writeCookie(name, '', Date.now() - 129600000, scope);
}

/**
 * Runs `build`, which builds a batch of hits (the content impressions one
 * viewport change brings), reading document.cookie once. Each hit reads
 * about six cookies and writes two; a read asks the browser's cookie store
 * (in Chrome, another process: up to a millisecond under load), so a batch
 * of a hundred impressions would spend most of its time there. Within the
 * batch, reads see the batch's own writes; the next batch reads afresh. A
 * batch that reads no cookie does not read document.cookie at all.
 */
export function withOneCookieRead(build: () => void): void {
  if (batch) return build();
  batch = {};
  try {
    build();
  } finally {
    batch = undefined;
  }
}
