import { checkOption, DEFAULTS, INVALID, refuse, show, type Config, type TrackerConfig } from './config';
import { consentGate } from './consent';
import { guard } from './guard';
import type { Params } from '../context/params';

/**
 * One tracker: the configuration and all state of one Matomo site on this
 * page. Everything lives here, nothing in module variables, so two trackers
 * on one page never interfere. Fields starting with `_` are internal (and
 * renamed in the script-tag build).
 */
export interface Tracker {
  _cfg: Config;
  /** hits built and waiting for the next dispatch, without their send-time tail */
  _queue: string[];
  /** the timer of the scheduled dispatch */
  _pending?: ReturnType<typeof setTimeout> | 0;
  /** hits held back after the first request end at this time (ms) */
  _gapEnd: number;
  /** time of the last dispatch (ms), 0 before the first */
  _lastHit: number;
  /** the page is being hidden or left: send at once */
  _leaving?: boolean;
  /** page-level listeners installed */
  _wired?: boolean;
  /** functions run when the page is hidden or left, before the final flush */
  _onLeave: (() => void)[];
  /** current page-view id */
  _pvId?: string;
  /** pv_id pinned by setPageViewId */
  _pvPinned?: boolean;
  _pageViews: number;
  /** 0: performance metrics not sent yet; 1: page view went out before load, metrics wait; 2: sent */
  _pfState: 0 | 1 | 2;
  /** metrics given by setPagePerformanceTiming, for the next page view */
  _pfCustom?: Params;
  /** the page view the document's metrics belong to */
  _pfPageView?: string;
  _customUrl?: string;
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
  /** hooks that add params to every hit, at the place of matomo.js's plugin params (§2.1 #24) */
  _extra: ((params: Params, kind: number) => void)[];
  /** hooks that add params at the very end of the built part (matomo.js's send-time `consent=1`, §2.1 #29) */
  _after: ((params: Params, kind: number) => void)[];
  /** cookies may not be read or written now (consent pending), whatever the configuration */
  _cookieBlock?: boolean;
  /** decides a hit's fate before it is built: true = it was taken care of (held or dropped) */
  _gates: ((build: () => string | undefined, call: string) => boolean)[];
  /** `uadata` JSON ('' for none), or the pending request */
  _uaData?: string | Promise<string>;
  /** cached browser feature flags tail */
  _features?: string;
  /** cookie-name hash per domain+path */
  _hash?: [string, string];
  /** visitor id forced state for campaign attribution mode etc. */
  _firstReferrer?: boolean;
  /** stops the running heartbeat */
  _stopHeartbeat?: () => void;
  /** trackers made by addTracker: each gets every hit this one sends (send.ts) */
  _also?: Tracker[];
  _campaignNameKeys?: string[];
  _campaignKeywordKeys?: string[];
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
    _cfg: { ...DEFAULTS },
    _queue: [],
    _lastHit: 0,
    _gapEnd: 0,
    _onLeave: [],
    _pageViews: 0,
    _pfState: 0,
    _dims: {},
    _extra: [],
    _after: [],
    _gates: [],
  };
  // always on: a visitor who opted out on any page is never tracked (§4.1)
  tracker._gates.push(consentGate(tracker));
  if (config && typeof config == 'object') {
    for (const key in config) setOption(tracker, key as keyof Config, (config as Record<string, unknown>)[key], 'createTracker');
  } else refuse('createTracker', 'options must be an object, got ' + show(config));
  return tracker;
}) as (config?: TrackerConfig) => Tracker;

/** Sets one option after validation; returns false when the value was refused. */
export function setOption<K extends keyof Config>(tracker: Tracker, key: K, value: unknown, call: string): boolean {
  if (!isTracker(tracker, call)) return false;
  const normalised = checkOption(tracker._cfg, key, value, call);
  if (normalised === INVALID) return false;
  tracker._cfg[key] = normalised;
  return true;
}

/** Guards every public function's first argument: a tracker made by createTracker. */
export function isTracker(tracker: unknown, call: string): tracker is Tracker {
  if (tracker && (tracker as Tracker)._cfg) return true;
  refuse(call, 'first argument must be a tracker from createTracker(), got ' + show(tracker));
  return false;
}

/*@__NO_SIDE_EFFECTS__*/
function setter<K extends keyof Config & keyof TrackerConfig>(key: K, name: string) {
  return guard(name, (tracker: Tracker, value: TrackerConfig[K]): void => {
    setOption(tracker, key, value, name);
  });
}

/*@__NO_SIDE_EFFECTS__*/
function getter<K extends keyof Config>(key: K, name: string) {
  return guard(name, (tracker: Tracker): Config[K] | undefined =>
    isTracker(tracker, name) ? tracker._cfg[key] : undefined,
  );
}

export const setTrackerUrl = setter('trackerUrl', 'setTrackerUrl');
export const getTrackerUrl = getter('trackerUrl', 'getTrackerUrl');
export const setSiteId = setter('siteId', 'setSiteId');
export const getSiteId = getter('siteId', 'getSiteId');
export const setCookieDomain = setter('cookieDomain', 'setCookieDomain');
export const getCookieDomain = getter('cookieDomain', 'getCookieDomain');
export const setCookiePath = setter('cookiePath', 'setCookiePath');
export const getCookiePath = getter('cookiePath', 'getCookiePath');
export const setCookieNamePrefix = setter('cookieNamePrefix', 'setCookieNamePrefix');
export const setCookieSameSite = setter('cookieSameSite', 'setCookieSameSite');
export const setSecureCookie = setter('secureCookie', 'setSecureCookie');
export const setVisitorCookieTimeout = setter('visitorCookieTimeout', 'setVisitorCookieTimeout');
export const setReferralCookieTimeout = setter('referralCookieTimeout', 'setReferralCookieTimeout');
export const setSessionCookieTimeout = setter('sessionCookieTimeout', 'setSessionCookieTimeout');
export const getSessionCookieTimeout = getter('sessionCookieTimeout', 'getSessionCookieTimeout');
export const setDomains = setter('domains', 'setDomains');
export const setRequestMethod = setter('requestMethod', 'setRequestMethod');
export const setRequestContentType = setter('requestContentType', 'setRequestContentType');
export const setExcludedReferrers = setter('excludedReferrers', 'setExcludedReferrers');
export const setExcludedQueryParams = setter('excludedQueryParams', 'setExcludedQueryParams');
export const setDebug = setter('debug', 'setDebug');
export const getCustomData = getter('customData', 'getCustomData');

/** `setCustomData(tracker, data)` or `setCustomData(tracker, key, value)`: JSON sent as `data=` on every hit. */
export const setCustomData = guard('setCustomData', (tracker: Tracker, keyOrData: unknown, value?: unknown): void => {
  if (!isTracker(tracker, 'setCustomData')) return;
  if (typeof keyOrData == 'string' && value !== undefined) {
    const data = tracker._cfg.customData;
    setOption(tracker, 'customData', { ...(data && typeof data == 'object' ? data : {}), [keyOrData]: value }, 'setCustomData');
  } else {
    setOption(tracker, 'customData', keyOrData, 'setCustomData');
  }
});

/*@__NO_SIDE_EFFECTS__*/
function flag(key: 'disablePerformanceTracking' | 'disableBrowserFeatureDetection', value: boolean, name: string) {
  return guard(name, (tracker: Tracker): void => {
    setOption(tracker, key, value, name);
  });
}

/** Stops sending `pf_*` page-performance metrics, including values given to setPagePerformanceTiming. */
export const disablePerformanceTracking = flag('disablePerformanceTracking', true, 'disablePerformanceTracking');
/** Stops sending browser feature flags, `res` and `uadata`. */
export const disableBrowserFeatureDetection = flag('disableBrowserFeatureDetection', true, 'disableBrowserFeatureDetection');
export const enableBrowserFeatureDetection = flag('disableBrowserFeatureDetection', false, 'enableBrowserFeatureDetection');
