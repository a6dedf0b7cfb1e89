/**
 * matomo-lite: Matomo's tracker API as tree-shakable functions that take the
 * tracker first. Import only what you use; a bundler drops the rest.
 */
export type { Tracker } from './core/tracker.js';
export type { TrackerConfig } from './core/config.js';
export type { Paq, PaqCommand, PaqTracker } from './paq/commands.js';
export {
  createTracker,
  setTrackerUrl,
  getTrackerUrl,
  setSiteId,
  getSiteId,
  setCookieDomain,
  getCookieDomain,
  setCookiePath,
  getCookiePath,
  setCookieNamePrefix,
  setCookieSameSite,
  setSecureCookie,
  setVisitorCookieTimeout,
  setReferralCookieTimeout,
  setSessionCookieTimeout,
  getSessionCookieTimeout,
  setDomains,
  setRequestMethod,
  setRequestContentType,
  setExcludedReferrers,
  setExcludedQueryParams,
  setCustomData,
  getCustomData,
  setDebug,
  disablePerformanceTracking,
  disableBrowserFeatureDetection,
  enableBrowserFeatureDetection,
  disableRetry,
  setRetryDelay,
} from './core/tracker.js';
export {
  getVisitorId,
  setVisitorId,
  deleteCookies,
  disableCookies,
  areCookiesEnabled,
} from './core/identity.js';
export {
  trackPageView,
  setCustomUrl,
  getCurrentUrl,
  setDocumentTitle,
  setReferrerUrl,
  getPageViewId,
  setPageViewId,
  getNumTrackedPageViews,
  setPagePerformanceTiming,
} from './core/page-view.js';
export { enableHeartBeatTimer, disableHeartBeatTimer, ping } from './features/heartbeat.js';
export type { SpaOptions } from './features/spa.js';
export { enableSpaTracking } from './features/spa.js';
export {
  requireConsent,
  setConsentGiven,
  rememberConsentGiven,
  forgetConsentGiven,
  hasConsent,
  isConsentRequired,
  getRememberedConsent,
  hasRememberedConsent,
  requireCookieConsent,
  setCookieConsentGiven,
  rememberCookieConsentGiven,
  forgetCookieConsentGiven,
  getRememberedCookieConsent,
  optUserOut,
  forgetUserOptOut,
  isUserOptedOut,
  setDoNotTrack,
} from './features/consent.js';
export {
  trackEvent,
  trackSiteSearch,
  trackGoal,
  setCustomDimension,
  getCustomDimension,
  deleteCustomDimension,
  setUserId,
  resetUserId,
  getUserId,
} from './features/actions.js';
export type { EcommerceItem } from './features/ecommerce.js';
export {
  setEcommerceView,
  addEcommerceItem,
  removeEcommerceItem,
  clearEcommerceCart,
  getEcommerceItems,
  trackEcommerceCartUpdate,
  trackEcommerceOrder,
} from './features/ecommerce.js';
export {
  setCampaignNameKey,
  setCampaignKeywordKey,
  setConversionAttributionFirstReferrer,
  getAttributionInfo,
  getAttributionCampaignName,
  getAttributionCampaignKeyword,
  getAttributionReferrerTimestamp,
  getAttributionReferrerUrl,
} from './features/attribution.js';
export {
  enableCrossDomainLinking,
  disableCrossDomainLinking,
  isCrossDomainLinkingEnabled,
  setCrossDomainLinkingTimeout,
  getCrossDomainLinkingUrlParameter,
} from './features/cross-domain.js';
export {
  enableLinkTracking,
  addListener,
  trackLink,
  setIgnoreClasses,
  setDownloadClasses,
  setLinkClasses,
  setDownloadExtensions,
  addDownloadExtensions,
  removeDownloadExtensions,
  setLinkTrackingTimer,
  getLinkTrackingTimer,
} from './features/links.js';
export type { LinkKind } from './features/link-kind.js';
export { addTracker } from './features/trackers.js';
export { disableCampaignParameters, discardHashTag } from './features/urls.js';
export { enableFileTracking, appendToTrackingUrl, trackRequest } from './features/requests.js';
export { enableJSErrorTracking } from './features/errors.js';
export type { MediaOptions } from './features/media.js';
export { enableMediaTracking, disableMediaTracking, scanForMedia } from './features/media.js';
export type { Content } from './features/content.js';
export {
  trackVisibleContentImpressions,
  trackAllContentImpressions,
  trackContentImpressionsWithinNode,
  trackContentImpression,
  trackContentInteraction,
  trackContentInteractionNode,
  logAllContentBlocksOnPage,
  clearTrackedContentImpressions,
} from './features/content.js';
