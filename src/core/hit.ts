import { attributionParams, purify, referrerParam } from './campaign';
import { readVisitorCookie, touchVisitorCookies, visitorId } from './identity';
import type { Tracker } from './tracker';
import type { Params } from '../context/params';
import { localTime } from '../context/time';
import { pageUrl } from '../context/page';
import { navigationTiming } from '../context/navigation-timing';

/** Kinds of hit the standard part treats differently (0: any other hit). */
export const PAGE_VIEW = 1;
export const PING = 2;

/** `a=1&b=%20x`: values encoded with encodeURIComponent, absent values left out. */
export function serialize(params: Params): string {
  return params
    .filter((p) => p[1] != null)
    .map((p) => p[0] + '=' + encode(String(p[1])))
    .join('&');
}

/**
 * encodeURIComponent throws on a lone UTF-16 surrogate (half an emoji, cut
 * text), and one stored value (a dimension, a user id) would then stop every
 * later hit: send it as U+FFFD instead, as browsers do with text they send.
 */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/\p{Cs}/gu, '\ufffd'));
  }
}

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
  const nowMs = now.getTime();
  const url = currentUrl(tracker);
  // read once: the hit reports it, and its creation time is kept on rewrite
  const hadCookie = readVisitorCookie(tracker);
  const id = visitorId(tracker, hadCookie);
  const params: Params = action.concat(
    [
      ['idsite', cfg.siteId],
      ['rec', 1],
      ['r', String(crypto.getRandomValues(new Uint32Array(1))[0]).slice(-6)],
    ],
    localTime(now),
    [['url', purify(tracker, url)]],
    referrerParam(tracker, url),
    [
      ['uid', tracker._userId],
      ['_id', id],
      ['_idn', hadCookie ? 0 : 1],
      ['cs', /^utf-?8$/i.test(document.characterSet) ? undefined : document.characterSet],
      ['send_image', 0],
    ],
    attributionParams(tracker, url, nowMs),
  );
  touchVisitorCookies(tracker, id, nowMs, hadCookie);

  // per-call dimensions first; they hide the persistent value of the same id on this hit
  let data: Record<string, unknown> | undefined;
  const callDims: Record<string, 1> = {};
  if (customData && typeof customData == 'object') {
    for (const [key, value] of Object.entries(customData)) {
      if (/^dimension\d+$/.test(key)) {
        params.push([key, value == null ? '' : String(value)]);
        callDims[key] = 1;
      } else (data = data || {})[key] = value;
    }
  }
  // a product view describes one page view: matomo.js repeats it on every
  // later hit, which counts events and pings as product views (§6.5, §14.7)
  if (tracker._ecView && kind == PAGE_VIEW) {
    params.push(...tracker._ecView);
    tracker._ecView = undefined;
  }
  for (const id of Object.keys(tracker._dims).sort((a: any, b: any) => a - b)) {
    if (!callDims['dimension' + id]) params.push(['dimension' + id, tracker._dims[id]]);
  }
  data = data || (cfg.customData as Record<string, unknown> | undefined);
  if (data != null) params.push(['data', JSON.stringify(data)]);

  const timing = performanceParams(tracker, kind);
  const pageViewTiming = kind == PAGE_VIEW;
  if (timing && !pageViewTiming) params.push(...timing);
  params.push(['pv_id', tracker._pvId]);
  for (const extra of tracker._extra) extra(params, kind);
  const cut = params.length;
  if (timing && pageViewTiming) params.push(...timing);
  for (const after of tracker._after) after(params, kind);
  // appendToTrackingUrl's string goes verbatim, never re-encoded, at its place in matomo.js's order (§2.1 #25)
  return [serialize(params.slice(0, cut)), tracker._append, serialize(params.slice(cut))].filter(Boolean).join('&');
}

/**
 * `pf_*` for this hit, once per document (§2.5, improved): on the first page
 * view when the page has loaded; if it had not, on the next hit after load.
 * Values from setPagePerformanceTiming go on the next page view.
 */
function performanceParams(tracker: Tracker, kind: number): Params | undefined {
  if (tracker._cfg.disablePerformanceTracking) return undefined;
  if (kind == PAGE_VIEW && tracker._pfSet) {
    const custom = tracker._pfSet;
    tracker._pfSet = undefined;
    tracker._pf = 2;
    return custom;
  }
  if (tracker._pf == 2 || (kind != PAGE_VIEW && !tracker._pf)) return undefined;
  // the metrics describe the document load: they belong to its first page view only
  if (!tracker._pf) tracker._pfPv = tracker._pvId;
  else if (tracker._pfPv != tracker._pvId) return (tracker._pf = 2), undefined;
  const timing = navigationTiming();
  tracker._pf = timing ? 2 : 1;
  return timing;
}
