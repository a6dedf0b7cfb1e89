import { describe, expect, it } from 'vitest';
import * as api from '../../src/index';
import { api as coreList } from '../../src/paq/core';
import { api as fullList } from '../../src/paq/full';
import { named } from '../../src/paq/index';
import { COMING, CORE, FULL, NOOP, NOTES, PRIORITY, UNSUPPORTED } from '../../src/paq/methods';

// PROTOCOL.md §11.6, written out again here as the oracle the table is checked against.
const MATOMO_METHODS = `
setTrackerUrl getTrackerUrl setSiteId getSiteId setAPIUrl getMatomoUrl getPiwikUrl addTracker setRequestMethod
setRequestContentType alwaysUseSendBeacon disableAlwaysUseSendBeacon setCustomRequestProcessing appendToTrackingUrl
getRequest addPlugin setLinkTrackingTimer getLinkTrackingTimer queueRequest disableQueueRequest setRequestQueueInterval
trackRequest ping enableFileTracking setCountPreRendered killFrame redirectFile disableBrowserFeatureDetection
enableBrowserFeatureDetection disablePerformanceTracking setPagePerformanceTiming setGenerationTimeMs
trackPageView getNumTrackedPageViews setDocumentTitle setCustomUrl getCurrentUrl setReferrerUrl setPageViewId
getPageViewId discardHashTag setExcludedQueryParams setCustomData getCustomData
trackEvent trackGoal trackSiteSearch enableJSErrorTracking
setEcommerceView addEcommerceItem removeEcommerceItem clearEcommerceCart getEcommerceItems trackEcommerceCartUpdate
trackEcommerceOrder
setCustomDimension getCustomDimension deleteCustomDimension setCustomVariable getCustomVariable deleteCustomVariable
deleteCustomVariables storeCustomVariablesInCookie
setUserId getUserId resetUserId setVisitorId getVisitorId getVisitorInfo getAttributionInfo getAttributionCampaignName
getAttributionCampaignKeyword getAttributionReferrerTimestamp getAttributionReferrerUrl
setConversionAttributionFirstReferrer setCampaignNameKey setCampaignKeywordKey setExcludedReferrers
setCookieNamePrefix setCookieDomain getCookieDomain setCookiePath getCookiePath setSecureCookie setCookieSameSite
setVisitorCookieTimeout setSessionCookieTimeout getSessionCookieTimeout setReferralCookieTimeout setSessionCookie
getCookie hasCookies deleteCookies disableCookies areCookiesEnabled
requireConsent setConsentGiven rememberConsentGiven forgetConsentGiven hasConsent isConsentRequired
getRememberedConsent hasRememberedConsent requireCookieConsent setCookieConsentGiven rememberCookieConsentGiven
forgetCookieConsentGiven getRememberedCookieConsent optUserOut forgetUserOptOut isUserOptedOut setDoNotTrack
disableCampaignParameters
enableLinkTracking addListener setDomains setIgnoreClasses setDownloadClasses setLinkClasses setDownloadExtensions
addDownloadExtensions removeDownloadExtensions enableCrossDomainLinking disableCrossDomainLinking
isCrossDomainLinkingEnabled setCrossDomainLinkingTimeout getCrossDomainLinkingUrlParameter trackLink
trackAllContentImpressions trackVisibleContentImpressions trackContentImpressionsWithinNode trackContentImpression
trackContentInteraction trackContentInteractionNode logAllContentBlocksOnPage
enableHeartBeatTimer disableHeartBeatTimer
`.trim().split(/\s+/);

// matomo-lite's own `_paq` methods, in the table beside Matomo's (README says which)
const OWN = ['disableRetry', 'setRetryDelay', 'enableSpaTracking', 'clearTrackedContentImpressions'];

// PROTOCOL.md §11.3, in order.
const APPLY_FIRST = `addTracker enableFileTracking forgetCookieConsentGiven requireCookieConsent disableBrowserFeatureDetection
disableCampaignParameters disableCookies setTrackerUrl setAPIUrl enableCrossDomainLinking setCrossDomainLinkingTimeout
setSessionCookieTimeout setVisitorCookieTimeout setCookieNamePrefix setCookieSameSite setSecureCookie setCookiePath
setCookieDomain setDomains setUserId setVisitorId setSiteId alwaysUseSendBeacon disableAlwaysUseSendBeacon
enableLinkTracking setCookieConsentGiven requireConsent setConsentGiven disablePerformanceTracking
setPagePerformanceTiming setExcludedQueryParams setExcludedReferrers`.split(/\s+/);

// the bundles' objects, keyed by the names the functions carry (guard's _name)
const coreApi = named(coreList);
const fullApi = named(fullList);

const list = (names: string) => names.split(' ').filter(Boolean);
const functions = (module: object) => Object.keys(module).filter((name) => typeof (module as Record<string, unknown>)[name] == 'function');

describe('the `_paq` method table (src/paq/methods.ts)', () => {
  const lists = { CORE, FULL, COMING, NOOP, UNSUPPORTED };
  const all = Object.values(lists).flatMap(list);

  it('accounts for every matomo.js tracker method exactly once', () => {
    expect(MATOMO_METHODS).toHaveLength(137);
    expect(all.filter((name, i) => all.indexOf(name) != i), 'listed twice').toEqual([]);
    expect(MATOMO_METHODS.filter((name) => !all.includes(name)), 'missing from the table').toEqual([]);
    expect(all.filter((name) => !MATOMO_METHODS.includes(name) && !OWN.includes(name)), 'not a matomo.js method').toEqual([]);
  });

  it('lists the apply-first methods of §11.3, in order', () => {
    expect(list(PRIORITY)).toEqual(APPLY_FIRST);
  });

  it('marks a method implemented exactly when src/index.ts exports its function', () => {
    const exported = functions(api);
    const implemented = list(CORE + ' ' + FULL);
    expect(implemented.filter((name) => !exported.includes(name)), 'CORE/FULL without an exported function').toEqual([]);
    const stale = list(COMING + ' ' + NOOP + ' ' + UNSUPPORTED).filter((name) => exported.includes(name));
    expect(stale, 'exported now: move these to CORE or FULL in src/paq/methods.ts').toEqual([]);
  });

  it('gives the core build (src/paq/core.ts) exactly the CORE methods', () => {
    // addTracker is the `_paq` layer's own (an independent tracker, §11.4)
    const wanted = ['createTracker', ...list(CORE).filter((name) => name != 'addTracker')];
    expect(functions(coreApi).sort()).toEqual(wanted.sort());
    // each function carries its export name: a wrong one would bind another method
    for (const name of wanted) expect(coreApi[name], name).toBe(api[name as keyof typeof api]);
  });

  it('gives the full build (src/paq/full.ts) exactly the exports of src/index.ts', () => {
    expect(Object.keys(fullApi).sort()).toEqual(Object.keys(api).sort());
    for (const name of Object.keys(api)) expect(fullApi[name], name).toBe(api[name as keyof typeof api]);
    expect(fullList).toHaveLength(Object.keys(api).length);
  });

  it('has only functions in the objects the `_paq` layer binds as tracker methods', () => {
    // paq/index.ts binds every value without checking: a constant would make a method that throws
    for (const module of [api, coreApi, fullApi]) {
      expect(Object.keys(module).filter((name) => !functions(module).includes(name))).toEqual([]);
      // as a module namespace: what a page adds to Object.prototype is not a method
      expect(Object.getPrototypeOf(module)).toBeNull();
    }
  });

  it('explains every unsupported method and notes only listed ones', () => {
    expect(list(UNSUPPORTED).filter((name) => !NOTES[name])).toEqual([]);
    expect(Object.keys(NOTES).filter((name) => !all.includes(name))).toEqual([]);
  });
});
