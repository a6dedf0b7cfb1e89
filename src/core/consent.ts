import { readCookie } from './cookies.js';
import { removeTrackerCookies } from './identity.js';
import { enqueue, wire } from './transport.js';
import type { Tracker } from './tracker.js';

/**
 * The consent gate (§4): every hit passes here before it is built. It is
 * installed on every tracker, not only when a consent function is used, so a
 * visitor who opted out on any page of the site (the `mtm_consent_removed`
 * cookie) is never tracked, as with matomo.js.
 *
 * - Do Not Track / GPC honoured (setDoNotTrack): the hit is dropped, unbuilt.
 * - No consent: the hit is built without reading or writing any cookie
 *   (`_id` empty, as matomo.js) and held, in order, until consent.
 * - Consent, cookies disabled: the tracker's cookies are deleted before the
 *   hit is built, each time (§3.6), so cookies left from before
 *   disableCookies, or by a tracker without a site id then, go too.
 */

declare module './tracker.js' {
  interface Tracker {
    /** consent required (requireConsent, forgetConsentGiven) */
    _consentRequired?: boolean;
    /** consent given (true) or withdrawn (false) on this page; undefined: not decided here */
    _consent?: boolean;
    /** Do Not Track or Global Privacy Control is honoured: nothing is ever sent */
    _dnt?: boolean;
    /** hits built while consent was missing, oldest first (set by the gate, never replaced) */
    _held?: string[];
  }
}

/** matomo.js's consent cookies: not prefixed, no site or hash part, shared by every tracker on the domain. */
export const CONSENT_COOKIE = 'mtm_consent';
export const CONSENT_REMOVED_COOKIE = 'mtm_consent_removed';
export const COOKIE_CONSENT_COOKIE = 'mtm_cookie_consent';

/** Held hits beyond this many are dropped: an SPA visitor who never answers must not grow memory forever. */
export const HELD_MAX = 100;

/**
 * Whether hits may be sent now. The cookies win over this page's state, so
 * an opt-in or opt-out in another tab counts at once: `mtm_consent_removed`
 * means no, `mtm_consent` means yes; else consent given or withdrawn on this
 * page, else yes unless consent is required. Keeps `_cookieBlock` in step:
 * no cookie is read or written without consent.
 */
export function consentGiven(tracker: Tracker): boolean {
  return !(tracker._cookieBlock =
    !!readCookie(CONSENT_REMOVED_COOKIE) || !(readCookie(CONSENT_COOKIE) || (tracker._consent ?? !tracker._consentRequired)));
}

/**
 * Sends the held hits in order, marked `consent=1` when consent is required
 * (§4.4: matomo.js adds it at send time, at the end of the built part, §2.1 #29).
 */
export function releaseHeld(tracker: Tracker): void {
  for (const hit of tracker._held!.splice(0)) enqueue(tracker, tracker._consentRequired ? hit + '&consent=1' : hit);
}

/** The gate of one tracker, the last of `tracker._gates` (see send.ts): the hit is held, dropped or sent. */
export function consentGate(tracker: Tracker) {
  // from the start, not only at the first hit: getVisitorId or cross-domain
  // links must not read the cookies of a visitor who opted out elsewhere
  consentGiven(tracker);
  const held: string[] = (tracker._held = []);
  return (build: () => string | undefined): void => {
    if (tracker._dnt) return;
    const given = consentGiven(tracker);
    if (given) {
      // consent arrived from another tab: what waited goes first, even if this hit fails to build
      releaseHeld(tracker);
      if (tracker._cfg.disableCookies) removeTrackerCookies(tracker);
    }
    const hit = build();
    // without consent, held up to HELD_MAX; with it, sent
    if (given || (hit && held.length < HELD_MAX)) held.push(hit!);
    if (given) releaseHeld(tracker);
  };
}

/**
 * Consent is required from now on (requireConsent, forgetConsentGiven).
 * Without it, cookies stay off after consent too, until cookie consent
 * (matomo.js: `setConsentGiven(false)` keeps them off), and the tracker's
 * cookies are deleted when the page is hidden or left.
 */
export function requireConsentNow(tracker: Tracker): void {
  if (!tracker._consentRequired) {
    tracker._consentRequired = true;
    // nothing may have been sent yet: the leave listeners must exist anyway
    wire(tracker);
    tracker._onLeave.push(() => {
      if (!consentGiven(tracker)) removeTrackerCookies(tracker);
    });
  }
  if (!consentGiven(tracker)) tracker._cfg.disableCookies = true;
}
