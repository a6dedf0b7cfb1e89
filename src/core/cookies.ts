/**
 * Reads and writes first-party cookies the way matomo.js does (§3.3), so that
 * cookies written by either tracker are read by the other.
 */

/** `;path=…;domain=…;secure;SameSite=…` for a tracker's cookies. */
export type CookieScope = string;

export function readCookie(name: string): string | undefined {
  // whole names only: `_pk_id.1.ab` must not match `x_pk_id.1.ab`; the first
  // of two cookies with one name (another path) wins, as in matomo.js
  const value = document.cookie
    .split(/; */)
    .find((pair) => pair.startsWith(name + '='))
    ?.slice(name.length + 1);
  try {
    return value && decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Writes `name=value` until `expiresMs` (an absolute time). */
export function writeCookie(name: string, value: string, expiresMs: number, scope: CookieScope): void {
  document.cookie = name + '=' + encodeURIComponent(value) + ';expires=' + new Date(expiresMs).toUTCString() + scope;
}

/** Deletes like matomo.js: an empty value that expired 36 hours ago, same path and domain. */
export function deleteCookie(name: string, scope: CookieScope): void {
  writeCookie(name, '', Date.now() - 129600000, scope);
}
