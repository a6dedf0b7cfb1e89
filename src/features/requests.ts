import { send } from '../core/send.js';
import { api, must } from '../core/api.js';

/**
 * Raw requests (§6.9) and the `file:` switch (§1.10): what goes out beyond
 * the built-in actions, and whether a saved page may send at all.
 */

declare module '../core/tracker.js' {
  interface Tracker {
    /** appendToTrackingUrl's string, added verbatim to every hit (hit.ts) */
    _append?: string;
    /** enableFileTracking: pages on file: URLs may send hits (send.ts) */
    _fileOk?: boolean;
  }
}

/**
 * An encoded query string without its leading `?` or `&`, or undefined after
 * a warning: a raw character Matomo would misread (space, `#`, `?`, UTF-8) or
 * a broken `%` escape is the caller's bug, so it is refused, not sent.
 */
function query(call: string, value: unknown, empty?: boolean): string | undefined {
  if (typeof value == 'string') {
    const text = value.replace(/^[?&]+/, '');
    if ((empty || text) && /^([\w.!~*'()=&+-]|%[\da-f]{2})*$/i.test(text)) return text;
  }
  must(call, value, __DEBUG__ && 'queryString must be an encoded query string like "a=1&b=2"');
  return undefined;
}

/**
 * Pages opened from a `file:` URL (a saved copy of the site) send nothing
 * unless this is called, as in matomo.js.
 *
 * ```ts
 * enableFileTracking(tracker);
 * ```
 */
export const enableFileTracking = api('enableFileTracking', (tracker): void => {
  tracker._fileOk = true;
});

/**
 * Adds an encoded query string, verbatim (not re-encoded), to every later hit,
 * after the plugin parameters as matomo.js does; a leading `&` or `?` is
 * dropped, `''` removes it. Each call replaces the previous string.
 *
 * ```ts
 * appendToTrackingUrl(tracker, 'new_visit=1');
 * ```
 */
export const appendToTrackingUrl = api('appendToTrackingUrl', (tracker, queryString: string): void => {
  const text = query('appendToTrackingUrl', queryString, true);
  if (text != null) tracker._append = text || undefined;
});

/**
 * Sends a hit whose action part is `queryString` (`a=1&b=2`, encoded as in
 * a URL; decoded and encoded again), followed by the standard part. `customData` as for
 * trackPageView.
 *
 * ```ts
 * trackRequest(tracker, 'e_c=Shop&e_a=Open&ca=1');
 * ```
 */
export const trackRequest = api('trackRequest', (tracker, queryString: string, customData?: Record<string, unknown>): void => {
  const text = query('trackRequest', queryString);
  // names are sent as they are given (serialize encodes values only), so encode them again
  if (text) send(tracker, [...new URLSearchParams(text)].map(([name, value]) => [encodeURIComponent(name), value]), 'trackRequest', 0, customData);
});
