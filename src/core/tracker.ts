import { applyOption, defaults, must, type Config, type TrackerConfig } from './config.js';
import { consentGate } from './consent.js';
import { guard } from './guard.js';
import { api, isTracker } from './api.js';
import type { Params } from '../context/params.js';

/**
 * One tracker: the configuration and all state of one Matomo site on this
 * page. Everything lives here, nothing in module variables, so two trackers
 * on one page never interfere. Fields starting with `_` are internal (and
 * renamed in the script-tag build).
 */
export interface Tracker {
  _cfg: Config;
  /** hits built and waiting for the next dispatch, without their send-time tail, with the time they were queued (ms) */
  _queue: [hit: string, time: number][];
  /** hits held back after the first request end at this time (ms); unset before it */
  _gap?: number;
  /** time of the last dispatch (ms), 0 before the first */
  _lastHit: number;
  /** the page is being hidden or left: send at once */
  _away?: boolean;
  /** page-level listeners installed */
  _wired?: boolean;
  /** functions run when the page is hidden or left, before the final flush */
  _onLeave: (() => void)[];
  /**
   * Functions run at each page view, once its new `pv_id` is set and before
   * its hit is built: features reset their per-page-view state here (content
   * impressions seen, media views, the heartbeat's page timing) and rescan the
   * DOM of a single-page app's new route. Part of the seam between core and
   * features (ARCHITECTURE.md): features register, core runs them, no feature
   * imports another.
   */
  _onPageView: (() => void)[];
  /**
   * Set while link tracking is on (features/links.ts): the hit a click on
   * this element sends, `link` or `download`, or undefined when the click is
   * not tracked. Content tracking asks it so that a click on a block's
   * target that is a tracked link sends one combined hit (§8.6).
   */
  _linkKind?: (element: Element) => 'link' | 'download' | undefined;
  /** Parameters added to the link hit of a click on this element (content tracking adds the block's `c_*` part, §8.6, TV-22). */
  _linkParams: ((element: Element) => Params)[];
  /**
   * Functions run by trackSiteSearch before its hit is sent: content
   * tracking forgets the impressions it sent, as matomo.js does on a site
   * search (§8.4). Part of the seam, like `_onPageView`: actions.ts runs
   * them without knowing which features registered.
   */
  _onSiteSearch: (() => void)[];
  /** the one IntersectionObserver, each watched element's callbacks, and the watched elements in the viewport (core/visibility.ts) */
  _visible?: [IntersectionObserver, Map<Element, ((element: Element, box: DOMRectReadOnly) => boolean | void)[]>, Set<Element>];
  /** content tracking while it runs (features/content.ts) */
  _content?: {
    /** the (name, piece, target) of every block impression sent in this page view, as JSON */
    _seen: Set<string>;
    /** impresses the block (unless seen) soon, with others found meanwhile, a bulk body's worth per task */
    _impress: (block: Element, call: string) => void;
    /** forgets them, and has the visible blocks impressed again when only visible ones are tracked */
    _reset: () => void;
    /** visible ones only: watches the blocks in this node for entering the viewport */
    _watch?: (node: ParentNode) => void;
    /** stops content tracking: observers, click listener, hooks */
    _stop: () => void;
  };
  /** current page-view id */
  _pvId?: string;
  /** pv_id pinned by setPageViewId */
  _pin?: boolean;
  _pvs: number;
  /** 0: performance metrics not sent yet; 1: page view went out before load, metrics wait; 2: sent */
  _pf?: 0 | 1 | 2;
  /** metrics given by setPagePerformanceTiming, for the next page view */
  _pfSet?: Params;
  /** the page view the document's metrics belong to */
  _pfPv?: string;
  _url?: string;
  _title?: string;
  _referrer?: string;
  /** visitor id forced by setVisitorId or a cross-domain pk_vid */
  _forcedId?: string;
  /** visitor id made on this page when there was no cookie */
  _newId?: string;
  _userId?: string;
  /** persistent custom dimensions, id → value */
  _dims: Record<string, string>;
  /** ecommerce product/category view params for the next page view (setEcommerceView) */
  _ecView?: Params;
  /** cookies may not be read or written now (consent pending), whatever the configuration */
  _cookieBlock?: boolean;
  /** get every hit before it is built, with send()'s arguments, in order; the last, the consent gate, holds, drops or sends it */
  _gates: ((build: () => string | undefined, call: string, action: Params, kind: number, customData: unknown, own?: 1) => void)[];
  /** `uadata` JSON ('' for none), or the pending request */
  _ua?: string | Promise<string>;
  /** cached browser feature flags tail */
  _features?: string;
  /** setConversionAttributionFirstReferrer: the first referrer of the attribution window wins */
  _firstReferrer?: boolean;
  /** stops the running heartbeat */
  _stopHeartbeat?: () => void;
  /** the cookie domain and path, and the hash matomo.js puts in cookie names for them */
  _hash?: [string, string];
  /** this tracker, then the trackers added to it by addTracker (which each get its hits through a gate): the consent functions act on all */
  _also?: Tracker[];
}

/**
 * Creates a tracker for one Matomo site. `trackerUrl` and `siteId` are
 * required before the first hit; every other option has matomo.js's default.
 *
 * ```ts
 * const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 3 });
 * ```
 */
export const createTracker = guard('createTracker', (config: TrackerConfig = {}): Tracker => {
  const tracker: Tracker = {
    _cfg: defaults(),
    _queue: [],
    _lastHit: 0,
    _onLeave: [],
    _onPageView: [],
    _onSiteSearch: [],
    _linkParams: [],
    _pvs: 0,
    _dims: {},
  } as Omit<Tracker, '_gates'> as Tracker;
  // always on: a visitor who opted out on any page is never tracked (§4.1)
  tracker._gates = [consentGate(tracker)];
  if (config && typeof config == 'object') {
    for (const key in config) applyOption(tracker._cfg, key as keyof Config, (config as Record<string, unknown>)[key], 'createTracker');
  } else must('createTracker', config, __DEBUG__ && 'options must be an object');
  return tracker;
}) as (config?: TrackerConfig) => Tracker;

/** Sets one option after validation; returns a falsy value when the value was refused. */
export function setOption<K extends keyof Config>(tracker: Tracker, key: K, value: unknown, call: string): boolean {
  return isTracker(tracker, call) && applyOption(tracker._cfg, key, value, call);
}

export { isTracker } from './api.js';

const cap = (key: string) => key[0].toUpperCase() + key.slice(1);

/** `setX(tracker, value)` for option `x`; with `fixed`, a function that always sets that value. */
/*@__NO_SIDE_EFFECTS__*/
function setter<K extends keyof Config & keyof TrackerConfig>(key: K, name = 'set' + cap(key), fixed?: boolean) {
  return guard(name, (tracker: Tracker, value: TrackerConfig[K]): void => {
    setOption(tracker, key, fixed ?? value, name);
  });
}

/*@__NO_SIDE_EFFECTS__*/
function getter<K extends keyof Config>(key: K) {
  return api('get' + cap(key), (tracker: Tracker): Config[K] => tracker._cfg[key]);
}

/** Sets the Matomo endpoint hits go to, e.g. `https://stats.example.org/matomo.php` ({@link TrackerConfig.trackerUrl}). */
export const setTrackerUrl = setter('trackerUrl');
/** The Matomo endpoint hits go to ({@link TrackerConfig.trackerUrl}). */
export const getTrackerUrl = getter('trackerUrl');
/** Sets the Matomo site id, an integer > 0 ({@link TrackerConfig.siteId}). */
export const setSiteId = setter('siteId');
/** The Matomo site id ({@link TrackerConfig.siteId}). */
export const getSiteId = getter('siteId');
/** Sets the domain of the tracker's cookies, e.g. `*.example.org` for every subdomain ({@link TrackerConfig.cookieDomain}). */
export const setCookieDomain = setter('cookieDomain');
/** The domain of the tracker's cookies ({@link TrackerConfig.cookieDomain}). */
export const getCookieDomain = getter('cookieDomain');
/** Sets the path of the tracker's cookies ({@link TrackerConfig.cookiePath}). */
export const setCookiePath = setter('cookiePath');
/** The path of the tracker's cookies ({@link TrackerConfig.cookiePath}). */
export const getCookiePath = getter('cookiePath');
/** Sets the prefix of the tracker's cookie names, `_pk_` by default ({@link TrackerConfig.cookieNamePrefix}). */
export const setCookieNamePrefix = setter('cookieNamePrefix');
/** Sets the cookies' SameSite attribute: `Lax`, `Strict` or `None` ({@link TrackerConfig.cookieSameSite}). */
export const setCookieSameSite = setter('cookieSameSite');
/** Sets whether the cookies carry the Secure attribute ({@link TrackerConfig.secureCookie}). */
export const setSecureCookie = setter('secureCookie');
/** Sets the lifetime of the visitor cookie `_pk_id`, in seconds ({@link TrackerConfig.visitorCookieTimeout}). */
export const setVisitorCookieTimeout = setter('visitorCookieTimeout');
/** Sets the lifetime of the attribution cookie `_pk_ref`, in seconds ({@link TrackerConfig.referralCookieTimeout}). */
export const setReferralCookieTimeout = setter('referralCookieTimeout');
/** Sets the lifetime of the session cookie `_pk_ses`, in seconds ({@link TrackerConfig.sessionCookieTimeout}). */
export const setSessionCookieTimeout = setter('sessionCookieTimeout');
/** The lifetime of the session cookie `_pk_ses`, in seconds ({@link TrackerConfig.sessionCookieTimeout}). */
export const getSessionCookieTimeout = getter('sessionCookieTimeout');
/** Sets the site's domains: links to them are not outlinks, referrers from them are not referrers ({@link TrackerConfig.domains}). */
export const setDomains = setter('domains');
/** Sets how hits travel: `GET` (image requests) or `POST` (every hit in a request body) ({@link TrackerConfig.requestMethod}). */
export const setRequestMethod = setter('requestMethod');
/** Sets the content type of a hit in a POST body ({@link TrackerConfig.requestContentType}). */
export const setRequestContentType = setter('requestContentType');
/** Sets the referrer domains to treat as no referrer ({@link TrackerConfig.excludedReferrers}). */
export const setExcludedReferrers = setter('excludedReferrers');
/** Sets the query parameters left out of reported URLs ({@link TrackerConfig.excludedQueryParams}). */
export const setExcludedQueryParams = setter('excludedQueryParams');
/** Sets whether internal errors are reported on the console ({@link TrackerConfig.debug}). */
export const setDebug = setter('debug');
/** The data sent as `data=` on every hit ({@link TrackerConfig.customData}). */
export const getCustomData = getter('customData');

/** `setCustomData(tracker, data)` or `setCustomData(tracker, key, value)`: JSON sent as `data=` on every hit. */
export const setCustomData = api('setCustomData', (tracker: Tracker, keyOrData: unknown, value?: unknown): void => {
  const data = tracker._cfg.customData;
  setOption(
    tracker,
    'customData',
    typeof keyOrData == 'string' && value !== undefined
      ? { ...(data && typeof data == 'object' ? data : {}), [keyOrData]: value }
      : keyOrData,
    'setCustomData',
  );
});

/** Stops sending `pf_*` page-performance metrics, including values given to setPagePerformanceTiming. */
export const disablePerformanceTracking = setter('disablePerformanceTracking', 'disablePerformanceTracking', true) as (tracker: Tracker) => void;
/**
 * Failed sends are not retried: hits leave by sendBeacon, unseen, as with
 * matomo.js, and a failure loses them (for a tracker URL that cannot answer
 * with CORS headers). Hits stored before still leave once.
 */
export const disableRetry = setter('disableRetry', 'disableRetry', true) as (tracker: Tracker) => void;
/** Seconds before the first retry of a failed send (default 5), doubled after each failure up to 64 times this. */
export const setRetryDelay = setter('retryDelay');
/** Stops sending browser feature flags, `res` and `uadata`. */
export const disableBrowserFeatureDetection = setter('disableBrowserFeatureDetection', 'disableBrowserFeatureDetection', true) as (tracker: Tracker) => void;
/** Sends browser feature flags, `res` and `uadata` again after disableBrowserFeatureDetection. */
export const enableBrowserFeatureDetection = setter('disableBrowserFeatureDetection', 'enableBrowserFeatureDetection', false) as (tracker: Tracker) => void;
