import { attributionParams, purify, referrerParam } from './campaign.js';
import { visitor } from './identity.js';
import type { Tracker } from './tracker.js';
import type { Params } from '../context/params.js';
import { pageUrl } from '../context/page.js';
import { navigationTiming } from '../context/navigation-timing.js';
import { cacheBuster } from '../context/pageview-id.js';

/** The kind of hit the standard part treats differently (0: any other hit). */
export const PAGE_VIEW = 1;

/** The name of the entry that holds appendToTrackingUrl's string: no real parameter name contains `&`. */
const RAW = '&';

/** The URL a hit reports: setCustomUrl's, resolved against the page, else the page's own. */
export function currentUrl(tracker: Tracker): string {
  const page = pageUrl();
  return tracker._url ? new URL(tracker._url, page).href : page;
}

/**
 * The action part followed by matomo.js's standard part, in its order
 * (§2.1, items 0–28). The send-time tail (`consent`, `uadata`, feature flags)
 * is added by the transport. Building writes the visitor cookies, as in
 * matomo.js, so this runs only for hits that will be sent.
 */
export function buildHit(tracker: Tracker, action: Params, kind: number, customData?: unknown): string {
  const cfg = tracker._cfg;
  const now = new Date();
  const nowMs = +now;
  const url = currentUrl(tracker);
  const pageView = kind == PAGE_VIEW;
  const charset = document.characterSet;
  const [id, idn] = visitor(tracker);
  const params: Params = [
    ...action,
    ['idsite', cfg.siteId],
    ['rec', 1],
    // a cache buster: Matomo ignores it
    ['r', cacheBuster()],
    // the visitor's local time when the hit is built, not zero-padded
    ['h', now.getHours()],
    ['m', now.getMinutes()],
    ['s', now.getSeconds()],
    ['url', purify(tracker, url)],
    ...referrerParam(tracker, url),
    ['uid', tracker._userId],
    ['_id', id],
    ['_idn', idn],
    ['cs', /^utf-?8$/i.test(charset) ? undefined : charset],
    ['send_image', 0],
    ...attributionParams(tracker, url, nowMs),
  ];

  // per-call dimensions first; they hide the persistent value of the same id on this hit
  let data: Record<string, unknown> | undefined;
  const callDims: Record<string, string> = {};
  if (customData && typeof customData == 'object') {
    for (const [key, value] of Object.entries(customData)) {
      if (/^dimension\d+$/.test(key)) callDims[key] = String(value ?? '');
      else (data ||= {})[key] = value;
    }
  }
  // a product view describes one page view: matomo.js repeats it on every
  // later hit, which counts events and pings as product views (§6.5, §14.7)
  const ecView = pageView && tracker._ecView;
  params.push(...Object.entries(callDims), ...(ecView || []));
  for (const id of Object.keys(tracker._dims).sort((a: any, b: any) => a - b)) {
    if (!(('dimension' + id) in callDims)) params.push(['dimension' + id, tracker._dims[id]]);
  }

  // everything that can throw on the page's data (its dimension values above,
  // its data here) comes before the first state change below: a hit that
  // fails to build must not use up the page's metrics
  const json = JSON.stringify(data ?? cfg.customData ?? undefined);

  // `pf_*` once per document (§2.5, improved): on the first page view when
  // the page has loaded; if it had not, on the next hit after load. Values
  // from setPagePerformanceTiming go on the next page view.
  const pf = tracker._pf;
  let timing: Params | undefined;
  if (!cfg.disablePerformanceTracking) {
    if (pageView && (timing = tracker._pfSet)) {
      tracker._pfSet = undefined;
      tracker._pf = 2;
    }
    // the metrics describe the document load: they belong to its first page
    // view only, so a later page view (a new pv_id) ends the wait for them
    else if (pf ? pf < 2 && tracker._pfPv == tracker._pvId : pageView) {
      tracker._pfPv = tracker._pvId;
      tracker._pf = (timing = navigationTiming()) ? 2 : 1;
    } else if (pf) tracker._pf = 2;
  }
  timing ||= [];
  // null (no data) leaves `data` out; `pf_*` go before pv_id, but on a page
  // view at the very end (§2.1 #22, #28); appendToTrackingUrl's string goes
  // verbatim, never re-encoded, at its place in matomo.js's order (§2.1 #25)
  params.push(
    ['data', json],
    ...(pageView ? [] : timing),
    ['pv_id', tracker._pvId],
    [RAW, tracker._append],
    ...(pageView ? timing : []),
  );
  // `a=1&b=%20x`: values encoded with encodeURIComponent, absent values left
  // out, the RAW entry's value as it is. encodeURIComponent throws on a lone
  // UTF-16 surrogate (half an emoji, cut text), and one stored value (a
  // dimension, a user id) would then stop every later hit: it is sent as
  // U+FFFD instead, as browsers do with text they send.
  const hit = params
    .flatMap(([name, value]) =>
      value == null ? [] : name == RAW ? value : name + '=' + encodeURIComponent(String(value).replace(/\p{Cs}/gu, '\ufffd')),
    )
    .join('&');
  // state changes last: a hit that failed to build leaves no visitor cookie
  // (the next hit is still the visit's first, `_idn=1`) and keeps the product view
  visitor(tracker, nowMs);
  if (ecView) tracker._ecView = undefined;
  return hit;
}
