import { deleteCookie, readCookie, writeCookie, type CookieScope } from './cookies.js';
import { guard } from './guard.js';
import { api, must } from './api.js';
import { sha1 } from './sha1.js';
import { setOption, type Tracker } from './tracker.js';
import { newVisitorId } from '../context/pageview-id.js';
import { removeStored } from './retry.js';

/**
 * Visitor identity in matomo.js's cookies (§3): `_pk_id.<site>.<hash>` holds
 * `<16 hex visitor id>.<creation time in s>.` and `_pk_ses.<site>.<hash>` marks
 * a running session. Same names, hash and format as matomo.js, so a visitor
 * keeps one id when a site switches from one tracker to the other.
 */

/** matomo.js's domain fixup: `*.example.org` → `.example.org`, no trailing dot, no path. */
const cookieDomain = (tracker: Tracker) =>
  tracker._cfg.cookieDomain.replace(/^\*\./, '.').replace(/\.$/, '').split('/')[0];

/** Cookie attributes from the tracker's options (§3.3). */
export function cookieScope(tracker: Tracker): CookieScope {
  const cfg = tracker._cfg;
  const domain = cookieDomain(tracker);
  // SameSite=None is only accepted with Secure, which needs https: Lax on http
  const sameSite = location.protocol == 'https:' || cfg.cookieSameSite != 'None' ? cfg.cookieSameSite : 'Lax';
  return (
    ';path=' +
    cfg.cookiePath +
    (domain ? ';domain=' + domain : '') +
    (cfg.secureCookie || sameSite == 'None' ? ';secure' : '') +
    ';SameSite=' +
    sameSite
  );
}

/** `<prefix><kind>.<siteId>.<4 hex of SHA-1(domain + path)>`, e.g. `_pk_id.1.2a0b` (§3.2). */
export function cookieName(tracker: Tracker, kind: string): string {
  const cfg = tracker._cfg;
  const scope = (cookieDomain(tracker) || location.hostname.toLowerCase()) + cfg.cookiePath;
  // a hit reads and writes about six cookies: one SHA-1 per domain and path,
  // not one per cookie (the first hit runs in cold code, where it shows)
  if (tracker._hash?.[0] != scope) tracker._hash = [scope, sha1(scope).slice(0, 4)];
  return cfg.cookieNamePrefix + kind + '.' + cfg.siteId + '.' + tracker._hash[1];
}

/** Cookies are in use: not disabled, and a site id to name them by. */
export function cookiesOn(tracker: Tracker): boolean {
  return !tracker._cfg.disableCookies && !tracker._cookieBlock && !!tracker._cfg.siteId;
}

/**
 * The visitor of the next hit: its id and `_idn` (1: no valid `_pk_id`
 * cookie; pre-Matomo-4 cookies parse too). The id is a forced one (pk_vid,
 * setVisitorId), the cookie's, or one made now and kept for the page; ''
 * when cookies are off and none is forced (§3.6). Given the time a hit was
 * built, also writes `_pk_id` (expiry fixed at creation +
 * visitorCookieTimeout: not sliding, as matomo.js) and the sliding `_pk_ses`.
 */
export function visitor(tracker: Tracker, nowMs?: number): [string, number] {
  const cfg = tracker._cfg;
  const on = cookiesOn(tracker);
  const [cookieId, created] = ((on && readCookie(cookieName(tracker, 'id'))) || '').split('.');
  const idn = +!/^[0-9a-f]{16}$/i.test(cookieId);
  const id = tracker._forcedId || (idn ? (on ? (tracker._newId ||= newVisitorId()) : '') : cookieId);
  if (nowMs != null && on && id) {
    const scope = cookieScope(tracker);
    // the cookie's creation time is kept while its id is the one sent
    const since = (cookieId == id && +created) || Math.round(nowMs / 1000);
    writeCookie(cookieName(tracker, 'id'), id + '.' + since + '.', (since + cfg.visitorCookieTimeout) * 1000, scope);
    writeCookie(cookieName(tracker, 'ses'), '1', nowMs + cfg.sessionCookieTimeout * 1000, scope);
  }
  return [id, idn];
}

/** The visitor id hits carry now, without writing any cookie. */
export const visitorId = (tracker: Tracker): string => visitor(tracker)[0];

/** The visitor id hits carry now ('' when cookies are disabled and none was forced). */
export const getVisitorId = api('getVisitorId', visitorId);

/** Forces the visitor id: exactly 16 hex characters. */
export const setVisitorId = api('setVisitorId', (tracker: Tracker, id: string): void => {
  if (typeof id == 'string' && /^[0-9a-f]{16}$/i.test(id)) tracker._forcedId = id.toLowerCase();
  else must('setVisitorId', id, __DEBUG__ && 'id must be 16 hexadecimal characters');
});

/** Deletes every cookie this tracker writes (`_pk_id`, `_pk_ses`, `_pk_ref`, `_pk_cvar`), and the hits it stored for retry. */
export function removeTrackerCookies(tracker: Tracker): void {
  // the id made on this page goes with its cookie, else the next hit would write it back
  tracker._newId = undefined;
  if (tracker._cfg.trackerUrl) removeStored(tracker);
  if (!tracker._cfg.siteId) return;
  for (const kind of ['id', 'ses', 'ref', 'cvar']) deleteCookie(cookieName(tracker, kind), cookieScope(tracker));
}

/** Deletes every cookie this tracker wrote. */
export const deleteCookies = api('deleteCookies', removeTrackerCookies);

/** Stops reading and writing cookies, and deletes the ones this tracker wrote (§3.6). */
export const disableCookies = guard('disableCookies', (tracker: Tracker): void => {
  if (setOption(tracker, 'disableCookies', true, 'disableCookies')) removeTrackerCookies(tracker);
});

/** Whether the tracker may use cookies: false after disableCookies. */
export const areCookiesEnabled = api('areCookiesEnabled', (tracker: Tracker): boolean => !tracker._cfg.disableCookies);
