/**
 * Type tests, checked by `npm run typecheck` (tsc), never run: calls a user
 * may write must compile, and the `@ts-expect-error` lines must not. They
 * keep the public signatures (Matomo's argument order, tracker first) from
 * drifting unnoticed.
 */
import {
  createTracker,
  trackPageView,
  trackEvent,
  trackGoal,
  trackSiteSearch,
  addEcommerceItem,
  trackEcommerceOrder,
  setCustomDimension,
  enableHeartBeatTimer,
  requireConsent,
  rememberConsentGiven,
  getVisitorId,
  setSiteId,
  enableLinkTracking,
  addListener,
  trackLink,
  setDownloadExtensions,
  type Tracker,
  type TrackerConfig,
} from '../src/index';

const config: TrackerConfig = { trackerUrl: 'https://stats.example.org/matomo.php', siteId: 3, domains: ['*.example.org'] };
const tracker: Tracker = createTracker(config);
trackPageView(tracker);
trackPageView(tracker, 'Title', { dimension1: 'x' });
trackEvent(tracker, 'Video', 'Play', 'Intro', 12.5);
trackEvent(tracker, 'Video', 'Play', undefined, '1e3');
trackGoal(tracker, 3, 9.99);
trackSiteSearch(tracker, 'shoes', 'Shop', 0);
addEcommerceItem(tracker, 'SKU1', 'Shirt', ['Clothes', 'Tops'], 19.99, 2);
trackEcommerceOrder(tracker, 'A100', 49.98, 39.98, 5, 5, 0);
setCustomDimension(tracker, 1, 'member');
setSiteId(tracker, '7');
const stop: () => void = enableHeartBeatTimer(tracker, 30);
stop();
requireConsent(tracker);
rememberConsentGiven(tracker, 24);
const id: string | undefined = getVisitorId(tracker);
void id;
const stopLinks: () => void = enableLinkTracking(tracker);
stopLinks();
addListener(tracker, document.body, true)();
trackLink(tracker, 'https://partner.example.net/', 'link', { dimension1: 'x' }, () => {});
setDownloadExtensions(tracker, ['pdf', 'zip']);
setDownloadExtensions(tracker, 'pdf|zip');

// @ts-expect-error an unknown option is a type error (and a runtime warning)
createTracker({ siteID: 3 });
// @ts-expect-error the tracker comes first, as in every function
trackEvent('Video', 'Play');
// @ts-expect-error a category is required
trackEvent(tracker);
// @ts-expect-error heartbeat seconds are a number
enableHeartBeatTimer(tracker, '30');
// @ts-expect-error a link hit is `link` or `download`, the name of its parameter
trackLink(tracker, 'https://partner.example.net/', 'outlink');
