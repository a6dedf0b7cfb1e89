/**
 * Reads and writes first-party cookies the way matomo.js does (§3.3), so that
 * cookies written by either tracker are read by the other.
 */

/** `;path=…;domain=…;secure;SameSite=…` for a tracker's cookies. */
export type CookieScope = string;

/**
 * The cookies while a batch of hits is built (withOneCookieRead): each raw
 * value by name once read, and what the batch wrote. Not tracker state: it
 * exists only during one synchronous call, for every tracker on the page.
 */
let batch: [Map<string, string> | undefined, Map<string, string>] | undefined;

/** The raw value of the first cookie of this name (matomo.js reads the first of two with one name, another path). */
function rawCookie(name: string): string | undefined {
  if (batch) return (batch[0] ||= cookieMap()).get(name);
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

/** Writes `name=value` until `expiresMs` (an absolute time). */
export function writeCookie(name: string, value: string, expiresMs: number, scope: CookieScope): void {
  const raw = encodeURIComponent(value);
  const live = expiresMs > Date.now();
  // a batch's next hit writes the visitor cookies again, a millisecond later: once is enough
  if (live && batch?.[1].get(name) == raw) return;
  document.cookie = name + '=' + raw + ';expires=' + new Date(expiresMs).toUTCString() + scope;
  if (batch) {
    const cookies = (batch[0] ||= cookieMap());
    batch[1].set(name, raw);
    if (live) cookies.set(name, raw);
    else cookies.delete(name);
  }
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
 * batch, reads see the batch's own writes, and a cookie written again with
 * the same value is not written twice; the next batch reads afresh. A batch
 * that reads no cookie does not read document.cookie at all.
 */
export function withOneCookieRead(build: () => void): void {
  if (batch) return build();
  batch = [undefined, new Map()];
  try {
    build();
  } finally {
    batch = undefined;
  }
}
