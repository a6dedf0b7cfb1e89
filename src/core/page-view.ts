import { refuse, show } from './config';
import { guard } from './guard';
import { currentUrl, PAGE_VIEW, PING } from './hit';
import { send } from './send';
import { isTracker, type Tracker } from './tracker';
import type { Params } from '../context/params';
import { pageTitle } from '../context/page';
import { newPageViewId } from '../context/pageview-id';
import { navigationTiming } from '../context/navigation-timing';

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
  if (!isTracker(tracker, 'trackPageView')) return;
  let title = tracker._title ?? pageTitle();
  // NaN and Infinity would reach the wire as words, not titles
  if (typeof customTitle == 'string' || Number.isFinite(customTitle)) title = String(customTitle);
  else if (customTitle != null) refuse('trackPageView', 'customTitle must be a string, got ' + show(customTitle));
  if (!tracker._pvPinned) tracker._pvId = newPageViewId();
  if (!tracker._pageViews++) {
    // the first page view left before the page had loaded: its metrics go on
    // a ping when the page is hidden or left, unless another hit took them
    tracker._onLeave.push(() => {
      if (tracker._pfState == 1 && navigationTiming()) send(tracker, [['ping', 1]], 'page performance', PING);
    });
  }
  send(tracker, [['action_name', title]], 'trackPageView', PAGE_VIEW, customData);
});

/** Reports `url` as this URL (resolved against the page) from now on; `''` or null goes back to the page's own. */
export const setCustomUrl = guard('setCustomUrl', (tracker: Tracker, url: string | null): void => {
  if (!isTracker(tracker, 'setCustomUrl')) return;
  if (url == null || url === '') tracker._customUrl = undefined;
  else if (typeof url == 'string' && /^https?:$/.test(safeUrl(url)?.protocol || '')) tracker._customUrl = url;
  else refuse('setCustomUrl', 'expects a URL, got ' + show(url));
});

const absolute = (url: unknown) => {
  try {
    return typeof url == 'string' && !!new URL(url);
  } catch {
    return false;
  }
};

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url, location.href);
  } catch {
    return undefined;
  }
}

/** The URL the next hit will report. */
export const getCurrentUrl = guard('getCurrentUrl', (tracker: Tracker): string | undefined =>
  isTracker(tracker, 'getCurrentUrl') ? currentUrl(tracker) : undefined,
);

/** Uses this title for later page views; null goes back to `document.title`. */
export const setDocumentTitle = guard('setDocumentTitle', (tracker: Tracker, title: string | null): void => {
  if (!isTracker(tracker, 'setDocumentTitle')) return;
  if (title == null) tracker._title = undefined;
  else if (typeof title == 'string' || Number.isFinite(title)) tracker._title = String(title);
  else refuse('setDocumentTitle', 'expects a string, got ' + show(title));
});

/** Reports `urlref` as this URL from now on; null goes back to `document.referrer`. */
export const setReferrerUrl = guard('setReferrerUrl', (tracker: Tracker, url: string | null): void => {
  if (!isTracker(tracker, 'setReferrerUrl')) return;
  if (url == null) tracker._referrer = undefined;
  // Matomo reads urlref as an absolute URL; '' means no referrer
  else if (url === '' || absolute(url)) tracker._referrer = url;
  else refuse('setReferrerUrl', 'expects a URL, got ' + show(url));
});

/** The current page view's `pv_id` (undefined before the first page view). */
export const getPageViewId = guard('getPageViewId', (tracker: Tracker): string | undefined =>
  isTracker(tracker, 'getPageViewId') ? tracker._pvId : undefined,
);

/** Pins `pv_id` for the rest of the page's life (6 characters [a-zA-Z0-9]). */
export const setPageViewId = guard('setPageViewId', (tracker: Tracker, id: string): void => {
  if (!isTracker(tracker, 'setPageViewId')) return;
  if (typeof id == 'string' && /^[a-zA-Z0-9]{6}$/.test(id)) {
    tracker._pvId = id;
    tracker._pvPinned = true;
  } else refuse('setPageViewId', 'expects 6 characters a-z, A-Z, 0-9, got ' + show(id));
});

export const getNumTrackedPageViews = guard('getNumTrackedPageViews', (tracker: Tracker): number | undefined =>
  isTracker(tracker, 'getNumTrackedPageViews') ? tracker._pageViews : undefined,
);

const METRICS = ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'];

/**
 * Performance metrics (ms) for the next page view, for single-page apps that
 * measure their own: network, server, transfer, DOM processing, DOM
 * completion, onload. Undefined arguments are left out.
 */
export const setPagePerformanceTiming = guard(
  'setPagePerformanceTiming',
  (tracker: Tracker, ...values: (number | string | undefined)[]): void => {
    if (!isTracker(tracker, 'setPagePerformanceTiming')) return;
    const params: Params = [];
    for (let i = 0; i < 6; i++) {
      const value = values[i];
      if (value === undefined) continue;
      if (!/^\d+(\.\d+)?$/.test(String(value))) {
        refuse('setPagePerformanceTiming', METRICS[i] + ' must be a number of ms >= 0, got ' + show(value));
        return;
      }
      params.push([METRICS[i], Math.round(+value)]);
    }
    tracker._pfCustom = params;
  },
);
