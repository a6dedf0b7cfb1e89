import { warn } from './log.js';

/**
 * Options of createTracker(). Each has the name of the matomo.js setter it
 * replaces (`trackerUrl` ↔ `setTrackerUrl`) and exists as a setter function
 * too. Invalid values are refused with a warning and the previous value kept.
 */
export interface TrackerConfig {
  /** Matomo endpoint, e.g. `https://stats.example.org/matomo.php`; absolute, protocol-relative or relative to the page. Required. (`setTrackerUrl`) */
  trackerUrl?: string;
  /** Matomo site id, an integer > 0. Required. (`setSiteId`) */
  siteId?: number | string;
  /** Cookie domain such as `*.example.org`; default: the page host, host-only. (`setCookieDomain`) */
  cookieDomain?: string;
  /** Cookie path; default `/`. (`setCookiePath`) */
  cookiePath?: string;
  /** Prefix of the tracker's cookie names; default `_pk_`. (`setCookieNamePrefix`) */
  cookieNamePrefix?: string;
  /** `Lax` (default), `Strict` or `None` (https only, implies Secure; Lax on http). (`setCookieSameSite`) */
  cookieSameSite?: string;
  /** Adds `Secure` to every cookie; refused on http pages; default false. (`setSecureCookie`) */
  secureCookie?: boolean;
  /** Lifetime of the `_pk_id` visitor cookie in seconds, counted from its creation; default 33955200 (13 months). (`setVisitorCookieTimeout`) */
  visitorCookieTimeout?: number;
  /** Lifetime of the `_pk_ref` attribution cookie in seconds; default 15768000 (6 months). (`setReferralCookieTimeout`) */
  referralCookieTimeout?: number;
  /** Sliding lifetime of the `_pk_ses` session cookie in seconds; default 1800. (`setSessionCookieTimeout`) */
  sessionCookieTimeout?: number;
  /** Never read or write a cookie; hits carry an empty `_id`. Default false. (`disableCookies`) */
  disableCookies?: boolean;
  /** Host aliases of the site (`example.org`, `*.example.org`, `example.org/shop`); default: the page host. (`setDomains`) */
  domains?: string | string[];
  /** `GET`: image requests; `POST`: every hit in a request body; default: a POST (fetch while the page is shown, sendBeacon when it is left) with one short hit in the URL, as matomo.js. (`setRequestMethod`) */
  requestMethod?: string;
  /** Content type of POST bodies: application/x-www-form-urlencoded, with parameters; default `application/x-www-form-urlencoded; charset=UTF-8`. (`setRequestContentType`) */
  requestContentType?: string;
  /** JSON-serialisable data sent as `data=` on every hit. (`setCustomData`) */
  customData?: unknown;
  /** Report internal errors on the console. Default false. */
  debug?: boolean;
  /** Referrers never reported as `urlref`/`_ref`; default `['.paypal.com']`. (`setExcludedReferrers`) */
  excludedReferrers?: string | string[];
  /** Query parameters removed from every reported URL. (`setExcludedQueryParams`) */
  excludedQueryParams?: string | string[];
  /** Do not send `pf_*` page-performance metrics. (`disablePerformanceTracking`) */
  disablePerformanceTracking?: boolean;
  /** Do not send `uadata`, the `pdf`…`ag`/`cookie` flags nor `res`. (`disableBrowserFeatureDetection`) */
  disableBrowserFeatureDetection?: boolean;
  /** Do not retry failed sends; hits leave by sendBeacon, unseen. Default false. (`disableRetry`, matomo-lite only) */
  disableRetry?: boolean;
  /** Seconds before the first retry of a failed send, doubled after each failure up to 64 times this, with jitter; default 5. (`setRetryDelay`, matomo-lite only) */
  retryDelay?: number;
}

/** The normalised configuration a tracker works with. */
export interface Config {
  trackerUrl: string;
  siteId: string;
  cookieDomain: string;
  cookiePath: string;
  cookieNamePrefix: string;
  cookieSameSite: string;
  secureCookie: boolean;
  visitorCookieTimeout: number;
  referralCookieTimeout: number;
  sessionCookieTimeout: number;
  disableCookies: boolean;
  domains: string[];
  requestMethod: string;
  requestContentType: string;
  customData: unknown;
  debug: boolean;
  excludedReferrers: string[];
  excludedQueryParams: string[];
  disablePerformanceTracking: boolean;
  disableBrowserFeatureDetection: boolean;
  disableRetry: boolean;
  retryDelay: number;
}

/**
 * Each option, once: matomo.js's default, whose type is the type the option
 * takes, then, for options that need more than that type, what a value must
 * be: a pattern, or the choices (taken in any case and stored as written
 * here), and the warning's words (debug builds only).
 */
const OPTIONS: { [K in keyof Config]: [Config[K], (RegExp | string[])?, (string | false)?] } = {
  // tested on the resolved URL; after a '#' the hit's query would be a
  // fragment, which never reaches the server
  trackerUrl: ['', /^https?:[^#]*$/, __DEBUG__ && 'an http(s) URL'],
  siteId: ['', /^[1-9]\d*$/, __DEBUG__ && 'an integer > 0'],
  cookieDomain: [''],
  cookiePath: ['/', /^\//, __DEBUG__ && 'a path starting with /'],
  cookieNamePrefix: ['_pk_', /^[^\s=;,]+$/, __DEBUG__ && 'a name without spaces, =, ; or commas'],
  cookieSameSite: ['Lax', ['Lax', 'Strict', 'None'], __DEBUG__ && 'Lax, Strict or None'],
  secureCookie: [false],
  visitorCookieTimeout: [33955200],
  referralCookieTimeout: [15768000],
  sessionCookieTimeout: [1800],
  disableCookies: [false],
  domains: [[]],
  requestMethod: ['', ['GET', 'POST'], __DEBUG__ && 'GET or POST'],
  // matomo.php reads a hit in a POST body only as a form: any other type loses it
  requestContentType: [
    'application/x-www-form-urlencoded; charset=UTF-8',
    /^application\/x-www-form-urlencoded *(;[ -~]*)?$/i,
    __DEBUG__ && 'application/x-www-form-urlencoded (parameters allowed)',
  ],
  customData: [undefined],
  debug: [false],
  excludedReferrers: [['.paypal.com']],
  excludedQueryParams: [[]],
  disablePerformanceTracking: [false],
  disableBrowserFeatureDetection: [false],
  disableRetry: [false],
  retryDelay: [5],
};

/** A new configuration with matomo.js's defaults (their arrays are shared: they are never mutated, only replaced). */
export const defaults = (): Config => Object.fromEntries(Object.entries(OPTIONS).map(([key, [value]]) => [key, value])) as any;

/**
 * Validates one option value and stores it, normalised, in `cfg`; falsy
 * after a warning that names the call, the option and the problem (the
 * previous value is kept).
 */
export function applyOption<K extends keyof Config>(cfg: Config, key: K, given: unknown, call: string): boolean {
  let value: any = given;
  let ok: any;
  let expected: string | false = false;
  try {
    // the default has the type the option takes (the current value may not:
    // customData can be anything); not an option: not iterable, so refused below
    const [model, rule, words] = OPTIONS[key];
    const type = typeof model;
    const list = Array.isArray(model);
    if (__DEBUG__) {
      expected =
        words ||
        (list ? 'a string or an array of strings' : type == 'number' ? 'a number of seconds > 0' : key == 'customData' ? 'JSON-serialisable data' : 'a ' + type);
    }
    // a string, or a copy of an array (anything else ends up in one, and fails the test)
    if (list) value = [].concat(value);
    if (key == 'siteId') value = String(value).trim();
    if (Array.isArray(rule)) value = rule.find((choice) => choice.toLowerCase() == value.toLowerCase());
    ok =
      key == 'customData'
        ? // NaN, Infinity and the like serialise to `null`, which is not data (null itself clears it)
          value === null || JSON.stringify(value) != 'null'
        : typeof value == type &&
          (list
            ? value.every((item: unknown) => typeof item == 'string')
            : type == 'number'
              ? value > 0 && value < 1e10
              : !(rule instanceof RegExp) || rule.test(key == 'trackerUrl' ? new URL(value, location.href).href : value));
    // matomo.js refuses Secure cookies on http pages: the browser would drop them
    if (key == 'secureCookie' && value && location.protocol != 'https:') {
      ok = false;
      if (__DEBUG__) expected = 'false on an http page';
    }
  } catch {}
  // own options only: `toString` or `__proto__` are not options, and storing
  // `__proto__` would replace the configuration's prototype
  if (!OPTIONS.hasOwnProperty(key)) ok = warn(call, __DEBUG__ && 'unknown option ' + show(key) + '; ignored');
  else if (ok) cfg[key] = value;
  else must(call, given, __DEBUG__ && key + ' must be ' + expected);
  return ok;
}

/**
 * Refuses a bad argument. Debug build: `<call>: <words>, got <value>;
 * ignored`, where the words, behind the debug flag, say what the value must
 * be ("userId must be a non-empty string"); production: one short line
 * naming the call (log.ts).
 */
export function must(call: string, value: unknown, words: string | false): undefined {
  warn(call, __DEBUG__ && words + ', got ' + show(value) + '; ignored');
  return undefined;
}

/** A short, safe rendering of a bad value for a warning (debug builds). */
export function show(value: unknown): string {
  try {
    const text = typeof value == 'string' ? JSON.stringify(value) : String(value);
    return text.length > 40 ? text.slice(0, 37) + '...' : text;
  } catch {
    return typeof value;
  }
}
