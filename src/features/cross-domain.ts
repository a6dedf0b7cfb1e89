import { browserFeatures } from '../context/browser-features.js';
import { isSiteUrl } from '../core/domains.js';
import { guard, report } from '../core/guard.js';
import { visitorId } from '../core/identity.js';
import { sha1 } from '../core/sha1.js';
import type { Tracker } from '../core/tracker.js';
import { api, must } from '../core/api.js';
import { stripParams, urlParam } from '../core/url.js';

/**
 * Cross-domain linking (§5.6): one visitor id across the site's domains. A
 * link to another of the site's domains (setDomains) gets
 * `pk_vid=<visitor id><Unix seconds><device id>` when clicked; the page it
 * opens, with cross-domain linking enabled too, adopts that visitor id when
 * the parameter is fresh and comes from the same browser. Compatible with
 * matomo.js on either side.
 */

declare module '../core/tracker.js' {
  interface Tracker {
    /** stops the link decoration of enableCrossDomainLinking */
    _stopCrossDomain?: () => void;
    /** setCrossDomainLinkingTimeout, in seconds */
    _crossDomainTimeout?: number;
  }
}

/** How long a `pk_vid` stays valid by default, in seconds (matomo.js: 180). */
export const CROSS_DOMAIN_TIMEOUT_S = 180;

/**
 * matomo.js's device id, exactly, so either side accepts the other's
 * `pk_vid`: the first 6 hex of SHA-1(userAgent + platform + the feature flags
 * as JSON with string values), `{}` when feature detection is off.
 */
export function deviceId(tracker: Tracker, nav: Pick<Navigator, 'userAgent' | 'platform'> = navigator): string {
  const flags = tracker._cfg.disableBrowserFeatureDetection ? '' : (tracker._features ||= browserFeatures());
  return sha1(nav.userAgent + nav.platform + JSON.stringify(Object.fromEntries(new URLSearchParams(flags)))).slice(0, 6);
}

/** This visitor's `pk_vid=<value>` now; '' when there is no visitor id to pass (cookies off, no consent yet). */
function crossDomainParam(tracker: Tracker): string {
  const id = visitorId(tracker);
  return id && 'pk_vid=' + id + Math.floor(Date.now() / 1000) + deviceId(tracker);
}

/** Takes the visitor id from the page URL's `pk_vid` if it is well formed, fresh and from this browser. */
function adopt(tracker: Tracker): void {
  // lower-cased first: hex digits in either case, compared and kept in lower case
  const [, id, time, device] = /^([0-9a-f]{16})(\d{10})([0-9a-f]{6})$/.exec(urlParam(location.href, ['pk_vid']).toLowerCase()) || [];
  const timeout = tracker._crossDomainTimeout ?? CROSS_DOMAIN_TIMEOUT_S;
  const age = Date.now() / 1000 - +time;
  if (id && device == deviceId(tracker) && (timeout <= 0 || (age >= 0 && age <= timeout))) tracker._forcedId = id;
}

/**
 * Turns cross-domain linking on: adopts a valid `pk_vid` from this page's
 * URL as the visitor id, and adds a fresh `pk_vid` to links to the site's
 * other domains (setDomains) when they are pressed or clicked, before the
 * browser follows them. Returns stop().
 *
 * ```ts
 * setDomains(tracker, ['www.example.com', 'shop.example.net']);
 * const stop = enableCrossDomainLinking(tracker);
 * ```
 */
export const enableCrossDomainLinking = api('enableCrossDomainLinking', (tracker): (() => void) => {
  tracker._stopCrossDomain?.();
  adopt(tracker);
  // one delegated listener, in the capture phase so a handler that stops
  // propagation cannot keep the link undecorated; mousedown comes before a
  // middle-click or "open in new tab" reads the href
  const decorate = (event: Event): void => {
    try {
      const link = (event.composedPath()[0] as Element).closest?.('a[href],area[href]');
      if (!link) return;
      // the attribute, not .href: an SVG <a> has no string .href
      const url = new URL(link.getAttribute('href')!, location.href);
      const href = url.href;
      const cfg = tracker._cfg;
      if (
        /^https?:$/.test(url.protocol) &&
        url.hostname != location.hostname &&
        isSiteUrl(cfg.domains, href) &&
        !href.startsWith(new URL(cfg.trackerUrl, location.href).href)
      ) {
        const param = crossDomainParam(tracker);
        // a fresh pk_vid replaces any old one, at the end of the part before the fragment
        if (param) link.setAttribute('href', stripParams(href, ['pk_vid']).replace(/^[^#]*/, (base) => base + (base.includes('?') ? '&' : '?') + param));
      }
    } catch (error) {
      report(tracker, 'enableCrossDomainLinking', error);
    }
  };
  const types = ['mousedown', 'click'];
  for (const type of types) document.addEventListener(type, decorate, true);
  const stop = () => {
    for (const type of types) document.removeEventListener(type, decorate, true);
    if (tracker._stopCrossDomain == stop) tracker._stopCrossDomain = undefined;
  };
  tracker._stopCrossDomain = stop;
  return guard('stop', stop);
}, () => {}) as (tracker: Tracker) => () => void;

/** Stops decorating links (an adopted visitor id stays). */
export const disableCrossDomainLinking = api('disableCrossDomainLinking', (tracker): void => {
  tracker._stopCrossDomain?.();
});

/** Whether enableCrossDomainLinking is on. */
export const isCrossDomainLinkingEnabled = api('isCrossDomainLinkingEnabled', (tracker): boolean => !!tracker._stopCrossDomain);

/**
 * How old a `pk_vid` may be when the target page reads it, in seconds
 * (default 180; 0 or less: no time check).
 */
export const setCrossDomainLinkingTimeout = api('setCrossDomainLinkingTimeout', (tracker, seconds: number): void => {
  if (Number.isFinite(seconds)) {
    tracker._crossDomainTimeout = seconds;
    // set after enableCrossDomainLinking: judge this page's pk_vid again
    if (tracker._stopCrossDomain) adopt(tracker);
  } else must('setCrossDomainLinkingTimeout', seconds, __DEBUG__ && 'seconds must be a number');
});

/**
 * `pk_vid=<value>` for links the app builds itself (e.g. in a redirect);
 * '' when there is no visitor id to pass.
 *
 * ```ts
 * location.href = 'https://shop.example.net/?' + getCrossDomainLinkingUrlParameter(tracker);
 * ```
 */
export const getCrossDomainLinkingUrlParameter = api('getCrossDomainLinkingUrlParameter', crossDomainParam);
