/**
 * matomo-lite: Matomo's tracker API as tree-shakable functions that take the
 * tracker first. Import only what you use; a bundler drops the rest.
 */
export type { Tracker } from './core/tracker';
export type { TrackerConfig } from './core/config';
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
} from './core/tracker';
export {
  getVisitorId,
  setVisitorId,
  deleteCookies,
  disableCookies,
  areCookiesEnabled,
} from './core/identity';
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
} from './core/page-view';
export { enableHeartBeatTimer, disableHeartBeatTimer, ping } from './features/heartbeat';
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
} from './features/consent';
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
} from './features/actions';
export type { EcommerceItem } from './features/ecommerce';
export {
  setEcommerceView,
  addEcommerceItem,
  removeEcommerceItem,
  clearEcommerceCart,
  getEcommerceItems,
  trackEcommerceCartUpdate,
  trackEcommerceOrder,
} from './features/ecommerce';
export {
  setCampaignNameKey,
  setCampaignKeywordKey,
  setConversionAttributionFirstReferrer,
  getAttributionInfo,
  getAttributionCampaignName,
  getAttributionCampaignKeyword,
  getAttributionReferrerTimestamp,
  getAttributionReferrerUrl,
} from './features/attribution';
export {
  enableCrossDomainLinking,
  disableCrossDomainLinking,
  isCrossDomainLinkingEnabled,
  setCrossDomainLinkingTimeout,
  getCrossDomainLinkingUrlParameter,
} from './features/cross-domain';
export { addTracker } from './features/trackers';
export { disableCampaignParameters, discardHashTag } from './features/urls';
export { enableFileTracking, appendToTrackingUrl, trackRequest } from './features/requests';
export { enableJSErrorTracking } from './features/errors';
export type { Content } from './features/content';
export {
  trackVisibleContentImpressions,
  trackAllContentImpressions,
  trackContentImpressionsWithinNode,
  trackContentImpression,
  trackContentInteraction,
  trackContentInteractionNode,
  logAllContentBlocksOnPage,
  clearTrackedContentImpressions,
} from './features/content';
