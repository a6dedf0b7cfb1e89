/**
 * The `_paq` method table: every tracker method of matomo.js (PROTOCOL.md
 * §11.6), each in exactly one of the lists below, the matomo-lite methods
 * docs/paq.md lists with them (in CORE or FULL, with a note), and the notes
 * it shows for each. This file is the only list: `scripts/paq-table.mjs` prints it as
 * docs/paq.md's table and `test/paq/paq-table.test.ts` keeps the two in step;
 * `test/paq/methods.test.ts` checks it against the exported functions.
 *
 * An implemented method is the exported function of the same name, called
 * with the tracker first: the `_paq` layer finds it by name in the API object
 * its bundle gives it, so CORE never reaches a bundle. The lists are
 * space-separated names because that is the smallest form of the part that
 * does (the other lists: a `_paq` command or tracker method that is not
 * available must warn with its name, not throw). Data only, no imports, so
 * the script reads it without a build.
 */

/** Implemented, in both script-tag builds (dist/matomo-lite.js and dist/matomo-lite.core.js; see paq/core.ts). */
export const CORE =
  'setTrackerUrl getTrackerUrl setSiteId getSiteId addTracker setRequestMethod setRequestContentType ' +
  'ping disableBrowserFeatureDetection enableBrowserFeatureDetection disablePerformanceTracking ' +
  'setPagePerformanceTiming trackPageView getNumTrackedPageViews setDocumentTitle setCustomUrl ' +
  'getCurrentUrl setReferrerUrl setPageViewId getPageViewId setExcludedQueryParams setCustomData ' +
  'getCustomData setVisitorId getVisitorId setExcludedReferrers setCookieNamePrefix setCookieDomain ' +
  'getCookieDomain setCookiePath getCookiePath setSecureCookie setCookieSameSite ' +
  'setVisitorCookieTimeout setSessionCookieTimeout getSessionCookieTimeout setReferralCookieTimeout ' +
  'deleteCookies disableCookies areCookiesEnabled setDomains enableHeartBeatTimer disableHeartBeatTimer enableSpaTracking ' +
  'requireConsent setConsentGiven rememberConsentGiven forgetConsentGiven hasConsent isConsentRequired ' +
  'getRememberedConsent hasRememberedConsent requireCookieConsent setCookieConsentGiven ' +
  'rememberCookieConsentGiven forgetCookieConsentGiven getRememberedCookieConsent optUserOut ' +
  'forgetUserOptOut isUserOptedOut setDoNotTrack trackEvent trackSiteSearch trackGoal enableFileTracking ' +
  'enableLinkTracking addListener trackLink setIgnoreClasses setDownloadClasses setLinkClasses ' +
  'setDownloadExtensions addDownloadExtensions removeDownloadExtensions setLinkTrackingTimer getLinkTrackingTimer ' +
  'disableRetry setRetryDelay';

/** Implemented, in the full build only. */
export const FULL =
  'setCustomDimension getCustomDimension deleteCustomDimension setUserId resetUserId getUserId ' +
  'setEcommerceView addEcommerceItem removeEcommerceItem clearEcommerceCart getEcommerceItems ' +
  'trackEcommerceCartUpdate trackEcommerceOrder setCampaignNameKey setCampaignKeywordKey ' +
  'setConversionAttributionFirstReferrer getAttributionInfo getAttributionCampaignName ' +
  'getAttributionCampaignKeyword getAttributionReferrerTimestamp getAttributionReferrerUrl ' +
  'enableCrossDomainLinking disableCrossDomainLinking isCrossDomainLinkingEnabled ' +
  'setCrossDomainLinkingTimeout getCrossDomainLinkingUrlParameter disableCampaignParameters discardHashTag ' +
  'appendToTrackingUrl trackRequest enableJSErrorTracking enableMediaTracking trackAllContentImpressions trackVisibleContentImpressions ' +
  'trackContentImpressionsWithinNode trackContentImpression trackContentInteraction trackContentInteractionNode ' +
  'logAllContentBlocksOnPage clearTrackedContentImpressions';

/** Arrive with later issues; warn "not in this build" until then (none now). */
export const COMING = '';

/** Nothing to do in matomo-lite: accepted silently. */
export const NOOP =
  'alwaysUseSendBeacon setGenerationTimeMs';

/** Not supported (reason in NOTES); warn "not in this build" like the coming ones (docs/paq.md's table tells them apart). */
export const UNSUPPORTED =
  'setAPIUrl getMatomoUrl getPiwikUrl disableAlwaysUseSendBeacon setCustomRequestProcessing ' +
  'getRequest addPlugin queueRequest disableQueueRequest setRequestQueueInterval ' +
  'setCountPreRendered killFrame redirectFile ' +
  'setCustomVariable getCustomVariable deleteCustomVariable deleteCustomVariables ' +
  'storeCustomVariablesInCookie getVisitorInfo setSessionCookie getCookie hasCookies';

/**
 * matomo.js's "apply first" methods (§11.3): when the first tracker is made
 * from the queue, their commands run first, in this order, so a snippet may
 * push trackPageView before setSiteId.
 */
export const PRIORITY =
  'addTracker enableFileTracking forgetCookieConsentGiven requireCookieConsent disableBrowserFeatureDetection ' +
  'disableCampaignParameters disableCookies setTrackerUrl setAPIUrl enableCrossDomainLinking ' +
  'setCrossDomainLinkingTimeout setSessionCookieTimeout setVisitorCookieTimeout setCookieNamePrefix ' +
  'setCookieSameSite setSecureCookie setCookiePath setCookieDomain setDomains setUserId setVisitorId setSiteId ' +
  'alwaysUseSendBeacon disableAlwaysUseSendBeacon enableLinkTracking setCookieConsentGiven requireConsent ' +
  'setConsentGiven disablePerformanceTracking setPagePerformanceTiming setExcludedQueryParams setExcludedReferrers';

const CLASSES = 'whole class names, as given (besides the built-in `matomo-…`/`piwik-…` ones)';
const EXTENSIONS = 'matched at the end of the link\'s path, not anywhere in the URL';
const TIMER = 'accepted; nothing waits for it: a link hit never delays navigation';
const CONTENT_STOP = 'returns stop(), which ends content tracking on the tracker';
const NO_API = 'matomo-lite never calls the Matomo HTTP API';
const REQUESTS = 'hits are built and batched by the core; no raw request strings';
const CVARS = 'legacy custom variables (CustomVariables plugin): use custom dimensions';

/** The table's notes column. Bundles never import this, so it costs no bytes there. */
export const NOTES: Record<string, string> = {
  setAPIUrl: NO_API,
  getMatomoUrl: NO_API,
  getPiwikUrl: NO_API,
  addTracker: 'a tracker of its own that every later `_paq` command also runs on, except setTrackerUrl and setSiteId (§11.4)',
  alwaysUseSendBeacon: 'fetch while the page is shown (its answer is seen, failures are retried), sendBeacon when it is hidden or left',
  disableAlwaysUseSendBeacon: 'fetch while the page is shown, sendBeacon when it is hidden or left: never blocks the page',
  setCustomRequestProcessing: REQUESTS,
  appendToTrackingUrl: 'a leading `&` or `?` is dropped; `\'\'` removes the string',
  getRequest: REQUESTS,
  addPlugin: 'no matomo.js plugin API',
  setLinkTrackingTimer: TIMER,
  getLinkTrackingTimer: TIMER,
  queueRequest: REQUESTS + '; every hit is queued and batched',
  disableQueueRequest: REQUESTS,
  setRequestQueueInterval: REQUESTS,
  trackRequest: 'the query is parsed and encoded again; an empty one is refused',
  enableFileTracking: 'without it, hits from a file: page are not sent, with a warning',
  setCountPreRendered: 'a prerendered page is counted when it is shown',
  killFrame: 'frame busting is not a tracker job',
  redirectFile: 'not a tracker job',
  setGenerationTimeMs: 'a no-op in matomo.js 4+ too',
  discardHashTag: 'takes true or false only',
  enableJSErrorTracking: 'listens to `error` events instead of replacing window.onerror; returns stop()',
  setCustomVariable: CVARS,
  getCustomVariable: CVARS,
  deleteCustomVariable: CVARS,
  deleteCustomVariables: CVARS,
  storeCustomVariablesInCookie: CVARS,
  getVisitorInfo: 'use getVisitorId',
  setSessionCookie: 'matomo.js internal helper',
  getCookie: 'matomo.js internal helper: read document.cookie',
  hasCookies: 'use navigator.cookieEnabled',
  disableCampaignParameters: 'no effect while consent is required, as in matomo.js',
  enableLinkTracking: 'one listener for the page, shadow DOM included; a right click counts only with `pseudoClicks` true; returns stop()',
  addListener: 'returns stop()',
  setIgnoreClasses: CLASSES,
  setDownloadClasses: CLASSES,
  setLinkClasses: CLASSES,
  setDownloadExtensions: EXTENSIONS,
  addDownloadExtensions: EXTENSIONS,
  removeDownloadExtensions: EXTENSIONS,
  trackLink: '`type` must be `link` or `download`; the callback runs at once',
  trackAllContentImpressions: CONTENT_STOP,
  trackVisibleContentImpressions: 'IntersectionObserver, no polling: checkOnScroll and timeInterval are accepted and not needed; ' + CONTENT_STOP,
  trackContentImpressionsWithinNode: CONTENT_STOP,
  logAllContentBlocksOnPage: 'blocks in document order (matomo.js: reverse); also returns them',
  clearTrackedContentImpressions: 'matomo-lite only: the blocks are impressed again in this page view',
  enableHeartBeatTimer: 'returns stop()',
  disableRetry: 'matomo-lite only: failed sends are not retried (docs/reliability.md)',
  setRetryDelay: 'matomo-lite only: seconds before the first retry of a failed send (docs/reliability.md)',
  enableSpaTracking: 'matomo-lite only: page views of a single-page app\'s client-side navigations (docs/spa.md); returns stop()',
  enableMediaTracking: "matomo-lite's own: HTML5 media as Media Analytics hits; the plugin's `MediaAnalytics` commands are in docs/media.md",
};
