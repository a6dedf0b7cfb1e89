import { api, must } from './api.js';
import { currentUrl, PAGE_VIEW } from './hit.js';
import { send } from './send.js';
import { parseUrl } from './url.js';
import { isTracker, type Tracker } from './tracker.js';
import { guard, runHooks } from './guard.js';
import type { Params } from '../context/params.js';
import { pageTitle } from '../context/page.js';
import { newPageViewId } from '../context/pageview-id.js';
import { navigationTiming } from '../context/navigation-timing.js';

/**
 * Tracks a page view: `action_name` is `customTitle`, else the title given
 * to setDocumentTitle, else `document.title` now. Each call starts a new page
 * view with a fresh `pv_id`. `customData` keys `dimensionN` set dimensions for
 * this hit only; other keys are sent as `data=` JSON.
 *
 * ```ts
 * trackPageView(tracker);                 // _paq.push(['trackPageView'])
 * trackPageView(tracker, 'Checkout / Step 2', { dimension3: 'beta' });
 * ```
 */
export const trackPageView = guard('trackPageView', (tracker: Tracker, customTitle?: string, customData?: Record<string, unknown>): void => {
  // not api(): an app that only tracks page views need not carry it
  if (!isTracker(tracker, 'trackPageView')) return;
  let title = tracker._title ?? pageTitle();
  // NaN and Infinity would reach the wire as words, not titles
  if (typeof customTitle == 'string' || Number.isFinite(customTitle)) title = String(customTitle);
  else if (customTitle != null) must('trackPageView', customTitle, __DEBUG__ && 'customTitle must be a string');
  if (!tracker._pin) tracker._pvId = newPageViewId();
  runHooks(tracker, tracker._onPageView, 'trackPageView');
  if (!tracker._pvs++) {
    // the first page view left before the page had loaded: its metrics go on
    // a ping when the page is hidden or left, unless another hit took them
    tracker._onLeave.push(() => {
      if (tracker._pf == 1 && navigationTiming()) send(tracker, [['ping', 1]], 'page performance');
    });
  }
  send(tracker, [['action_name', title]], 'trackPageView', PAGE_VIEW, customData);
});

/** Reports `url` as this URL (resolved against the page) from now on; `''` or null goes back to the page's own. */
export const setCustomUrl = api('setCustomUrl', (tracker: Tracker, url: string | null): void => {
  if (url == null || url === '') tracker._url = undefined;
  else if (typeof url == 'string' && /^https?:$/.test(parseUrl(url, location.href)?.protocol || '')) tracker._url = url;
  else must('setCustomUrl', url, __DEBUG__ && 'url must be a URL');
});

/** The URL the next hit will report. */
export const getCurrentUrl = api('getCurrentUrl', (tracker: Tracker): string => currentUrl(tracker));

/** Uses this title for later page views; null goes back to `document.title`. */
export const setDocumentTitle = api('setDocumentTitle', (tracker: Tracker, title: string | null): void => {
  if (title == null) tracker._title = undefined;
  else if (typeof title == 'string' || Number.isFinite(title)) tracker._title = String(title);
  else must('setDocumentTitle', title, __DEBUG__ && 'title must be a string');
});

/** Reports `urlref` as this URL from now on; null goes back to `document.referrer`. */
export const setReferrerUrl = api('setReferrerUrl', (tracker: Tracker, url: string | null): void => {
  if (url == null) tracker._referrer = undefined;
  // Matomo reads urlref as an absolute URL; '' means no referrer
  else if (url === '' || (typeof url == 'string' && parseUrl(url))) tracker._referrer = url;
  else must('setReferrerUrl', url, __DEBUG__ && 'url must be a URL');
});

/** The current page view's `pv_id` (undefined before the first page view). */
export const getPageViewId = api('getPageViewId', (tracker: Tracker): string | undefined => tracker._pvId);

/** Pins `pv_id` for the rest of the page's life (6 characters [a-zA-Z0-9]). */
export const setPageViewId = api('setPageViewId', (tracker: Tracker, id: string): void => {
  if (typeof id == 'string' && /^[a-zA-Z0-9]{6}$/.test(id)) {
    tracker._pvId = id;
    tracker._pin = true;
  } else must('setPageViewId', id, __DEBUG__ && 'id must be 6 characters a-z, A-Z, 0-9');
});

/** How many page views this tracker has sent on this page (a single-page app counts each). */
export const getNumTrackedPageViews = api('getNumTrackedPageViews', (tracker: Tracker): number => tracker._pvs);

/**
 * Performance metrics (ms) for the next page view, for single-page apps that
 * measure their own: network, server, transfer, DOM processing, DOM
 * completion, onload. Undefined arguments are left out.
 */
export const setPagePerformanceTiming = api(
  'setPagePerformanceTiming',
  (tracker: Tracker, ...values: (number | string | undefined)[]): void => {
    const params: Params = [];
    for (const name of ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl']) {
      const value = values.shift();
      if (value === undefined) continue;
      if (!/^\d+(\.\d+)?$/.test(String(value))) return must('setPagePerformanceTiming', value, __DEBUG__ && name + ' must be a number of ms >= 0');
      params.push([name, Math.round(+value)]);
    }
    tracker._pfSet = params;
  },
);
