import { show } from '../core/config.js';
import {
  CONSENT_COOKIE,
  CONSENT_REMOVED_COOKIE,
  COOKIE_CONSENT_COOKIE,
  consentGiven,
  releaseHeld,
  requireConsentNow,
} from '../core/consent.js';
import { deleteCookie, readCookie, writeCookie } from '../core/cookies.js';
import { cookieScope, removeTrackerCookies } from '../core/identity.js';
import { warn } from '../core/log.js';
import { sendPing } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { api, must } from '../core/api.js';

/**
 * Consent and privacy (§4), with matomo.js's names, arguments and cookies
 * (`mtm_consent`, `mtm_consent_removed`, `mtm_cookie_consent`: a millisecond
 * timestamp, not prefixed, the tracker's cookie path and domain), so a site's
 * consent banner keeps working when it switches trackers. These functions
 * drive the gate in core/consent.ts that every hit passes.
 */

/** Consent cookies last 30 years unless given a number of hours (matomo.js's default). */
const DEFAULT_HOURS = 30 * 365 * 24;

/**
 * A consent cookie's lifetime in ms. Bad `hours` are refused (0) when
 * they would give consent, so nothing is tracked by mistake; when they would
 * withdraw it, the withdrawal happens anyway, for 30 years.
 */
function lifetime(call: string, hours: unknown, withdraws?: boolean): number {
  const h = hours === undefined ? DEFAULT_HOURS : typeof hours == 'number' || typeof hours == 'string' ? +hours : 0;
  if (h > 0 && h < 1e9) return h * 36e5;
  warn(call, __DEBUG__ && 'hours must be a number > 0, got ' + show(hours) + (withdraws ? '; 30 years used' : '; ignored'));
  return withdraws ? DEFAULT_HOURS * 36e5 : 0;
}

function remember(tracker: Tracker, name: string, ms: number): void {
  const now = Date.now();
  writeCookie(name, String(now), now + ms, cookieScope(tracker));
}

/** Consent is the visitor's: it holds for the trackers added to this one by addTracker too. */
const each = (tracker: Tracker, fn: (tracker: Tracker) => void) => (tracker._also || [tracker]).forEach(fn);

/** The same cookie deletion matomo.js's disableCookies does. */
function cookiesOff(tracker: Tracker): void {
  tracker._cfg.disableCookies = true;
  removeTrackerCookies(tracker);
}

/** Consent for this page: the held hits leave, in order; then cookie consent if asked. */
function give(tracker: Tracker, withCookies: boolean): void {
  tracker._consent = true;
  deleteCookie(CONSENT_REMOVED_COOKIE, cookieScope(tracker));
  // an opt-out cookie that could not be deleted (another path or domain) still wins
  if (consentGiven(tracker)) releaseHeld(tracker);
  if (withCookies) cookieConsent(tracker);
}

/**
 * Cookies back on, unless Do Not Track is honoured. When a hit already went
 * out cookieless, a ping carries the new visitor id, so Matomo ties it to the
 * visit it already has (§4.2, TV-25).
 */
function cookieConsent(tracker: Tracker): void {
  if (tracker._dnt || !tracker._cfg.disableCookies) return;
  tracker._cfg.disableCookies = false;
  // this tracker's own visitor id only: the added trackers (each()) send their own
  if (tracker._lastHit || tracker._queue.length) sendPing(tracker, 'setCookieConsentGiven', 1);
}

/** Deletes `mtm_cookie_consent`, and the cookies of every tracker, which go off (forgetCookieConsentGiven). */
function forgetCookieConsent(tracker: Tracker): void {
  deleteCookie(COOKIE_CONSENT_COOKIE, cookieScope(tracker));
  each(tracker, cookiesOff);
}

/** forgetConsentGiven and optUserOut: forgetCookieConsentGiven, then consent required and withdrawn. */
function withdraw(call: string) {
  return api(call, (tracker: Tracker, hoursToExpire?: number): void => {
    deleteCookie(CONSENT_COOKIE, cookieScope(tracker));
    remember(tracker, CONSENT_REMOVED_COOKIE, lifetime(call, hoursToExpire, true));
    forgetCookieConsent(tracker);
    each(tracker, (t) => {
      t._consent = false;
      requireConsentNow(t);
      // hits waiting for the transport or for a retry have not left yet: they never will
      t._queue.length = 0;
      t._mem = undefined;
    });
  });
}

/**
 * Nothing is sent and no cookie is read or written until consent: hits are
 * built and held, in order, and leave with `consent=1` on setConsentGiven.
 * A consent remembered by rememberConsentGiven counts at once.
 *
 * ```ts
 * requireConsent(tracker);       // _paq.push(['requireConsent'])
 * ```
 */
export const requireConsent = api('requireConsent', (tracker): void => each(tracker, requireConsentNow));

/**
 * The visitor consents, for this page: the held hits are sent, in order.
 * With `enableCookies` (default true) cookies are enabled too, as by
 * setCookieConsentGiven.
 */
export const setConsentGiven = api('setConsentGiven', (tracker, enableCookies: boolean = true): void => {
  if (typeof enableCookies == 'boolean') each(tracker, (t) => give(t, enableCookies));
  else must('setConsentGiven', enableCookies, __DEBUG__ && 'enableCookies must be true or false');
});

/** setConsentGiven, remembered in the `mtm_consent` cookie for `hoursToExpire` hours (default 30 years). */
export const rememberConsentGiven = api('rememberConsentGiven', (tracker, hoursToExpire?: number): void => {
  const ms = lifetime('rememberConsentGiven', hoursToExpire);
  if (!ms) return;
  each(tracker, (t) => give(t, true));
  if (!tracker._dnt) remember(tracker, CONSENT_COOKIE, ms);
});

/**
 * Withdraws consent: writes `mtm_consent_removed` (for `hoursToExpire`
 * hours, default 30 years), deletes the tracker's cookies and stops
 * tracking, here and on every page of the site.
 */
export const forgetConsentGiven = withdraw('forgetConsentGiven');

/** Opts the visitor out: the same as forgetConsentGiven. */
export const optUserOut = withdraw('optUserOut');

/** Undoes an opt-out: consent for this page, cookies still off (matomo.js's `setConsentGiven(false)`). */
export const forgetUserOptOut = api('forgetUserOptOut', (tracker): void => each(tracker, (t) => give(t, false)));

/** Whether hits are sent now (the consent cookies of every tab count). */
export const hasConsent = api('hasConsent', consentGiven);

/** Whether hits are held or dropped now: the opposite of hasConsent. */
export const isUserOptedOut = api('isUserOptedOut', (tracker) => !consentGiven(tracker));

/** Whether requireConsent was called: hits wait for consent. */
export const isConsentRequired = api('isConsentRequired', (tracker) => !!tracker._consentRequired);

const rememberedConsent = () => (readCookie(CONSENT_REMOVED_COOKIE) ? 0 : +readCookie(CONSENT_COOKIE)! || 0);

/** When consent was remembered (ms since 1970), or null: none, or withdrawn since. */
export const getRememberedConsent = api('getRememberedConsent', (): number | null => rememberedConsent() || null);

/** Whether consent is remembered in a cookie (rememberConsentGiven) and not withdrawn since. */
export const hasRememberedConsent = api('hasRememberedConsent', () => !!rememberedConsent());

/** When cookie consent was remembered (ms since 1970), or 0. */
export const getRememberedCookieConsent = api('getRememberedCookieConsent', () => +readCookie(COOKIE_CONSENT_COOKIE)! || 0);

/**
 * Hits are sent without cookies (and with an empty `_id`) until cookie
 * consent. Returns false, and does nothing, when cookie consent is
 * remembered; true when cookies are now off.
 */
export const requireCookieConsent = api('requireCookieConsent', (tracker): boolean => {
  if (readCookie(COOKIE_CONSENT_COOKIE)) return false;
  each(tracker, cookiesOff);
  return true;
});

/** The visitor accepts cookies, for this page (refused while Do Not Track is honoured). */
export const setCookieConsentGiven = api('setCookieConsentGiven', (tracker): void => each(tracker, cookieConsent));

/** setCookieConsentGiven, remembered in `mtm_cookie_consent` for `hoursToExpire` hours (default 30 years). */
export const rememberCookieConsentGiven = api('rememberCookieConsentGiven', (tracker, hoursToExpire?: number): void => {
  const ms = lifetime('rememberCookieConsentGiven', hoursToExpire);
  if (!ms) return;
  each(tracker, cookieConsent);
  if (!tracker._dnt) remember(tracker, COOKIE_CONSENT_COOKIE, ms);
});

/** Withdraws cookie consent: deletes `mtm_cookie_consent` and the tracker's cookies; hits go on, cookieless. */
export const forgetCookieConsentGiven = api('forgetCookieConsentGiven', forgetCookieConsent);

/**
 * `setDoNotTrack(tracker, true)`: when the browser sends Do Not Track
 * (`navigator.doNotTrack` '1' or 'yes') or Global Privacy Control
 * (`navigator.globalPrivacyControl`), nothing is ever sent from this page,
 * nothing is held, and the tracker's cookies are deleted. Nothing undoes it
 * on this page: not setDoNotTrack(false), not a consent function.
 */
export const setDoNotTrack = api('setDoNotTrack', (tracker, enable: boolean): void => {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  if (typeof enable != 'boolean') must('setDoNotTrack', enable, __DEBUG__ && 'enable must be true or false');
  else if (enable && (/^(1|yes)$/.test(nav.doNotTrack!) || nav.globalPrivacyControl === true)) {
    each(tracker, (t) => {
      t._dnt = true;
      cookiesOff(t);
      t._held!.length = t._queue.length = 0;
    });
  }
});
