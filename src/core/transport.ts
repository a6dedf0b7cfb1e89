import type { Tracker } from './tracker.js';
import { guard, runHooks } from './guard.js';
import { clientHints } from '../context/client-hints.js';
import { browserFeatures } from '../context/browser-features.js';

/**
 * Gets built hits to Matomo (§1).
 *
 * - Hits queued in one task leave together; several hits go as one bulk
 *   POST, which Matomo processes in order.
 * - One hit: sendBeacon (a short hit in the URL with an empty body, a long
 *   one in the body, as matomo.js), else fetch keepalive, else an image GET.
 *   A body sendBeacon refuses (over the browser's 64 KB budget for requests
 *   that outlive the page) goes by an ordinary fetch.
 * - The first dispatch waits for client hints at most CLIENT_HINTS_WAIT_MS.
 * - matomo.js holds every hit for 800 ms after a tracker's first request so
 *   that Matomo does not open two visits from concurrent requests. We hold
 *   them too, but send them together at the end of the window, and at once
 *   when the page is hidden or left, so nothing is lost on exit.
 * - No unload/beforeunload handler and no busy-wait: pagehide and
 *   visibilitychange flush the queue with beacons.
 * - Every request leaves from one place, the end of flush(): the one place a
 *   persistent retry store would hook in.
 */

/** Longest hit sent in a URL; longer ones go in a POST body (matomo.js's limit). */
export const MAX_URL_HIT = 2000;
/** Longest wait for User-Agent Client Hints before hits leave without `uadata`. */
export const CLIENT_HINTS_WAIT_MS = 500;
/** The hold-back window after a tracker's first request (matomo.js: 800 ms). */
export const FIRST_REQUEST_GAP_MS = 800;
/** Matomo's bulk endpoint takes at most this many hits per body. */
export const BULK_MAX = 50;

/** Queues a built hit and schedules its dispatch. */
export function enqueue(tracker: Tracker, hit: string): void {
  wire(tracker);
  // at once when leaving; else after this task, so that the hits queued in it
  // leave together, with one timer however many they are: a hit that finds
  // others queued has its dispatch scheduled already (after this task, at the
  // end of the first-request window, or when the client hints settle).
  // Closures, not setTimeout's extra arguments, which a page's own wrapper
  // may drop.
  const first = tracker._queue.push(hit) < 2;
  if (tracker._away) flush(tracker, true);
  else if (first) setTimeout(() => flush(tracker));
}

/**
 * Sends what is queued. Unless forced (the page is hidden or left), waits
 * for client hints and for the end of the first-request window first.
 * An internal error is reported in debug mode, never thrown.
 */
export const flush = guard('transport', (tracker: Tracker, force?: boolean): void => {
  const cfg = tracker._cfg;
  const method = cfg.requestMethod;
  if (tracker._ua == null) {
    const request = (tracker._ua = (!cfg.disableBrowserFeatureDetection && clientHints()) || '');
    if (request) {
      // the hints or the time limit, whichever comes first, decide for the
      // whole page: uadata feeds device detection, it must not change later;
      // a settled request always flushes, so the dispatch waits for it here
      const settle = (value: string) => {
        if (tracker._ua == request) {
          tracker._ua = value;
          // not forced: leaving would have settled it already
          flush(tracker);
        }
      };
      request.then(settle, () => settle(''));
      setTimeout(() => settle(''), CLIENT_HINTS_WAIT_MS);
    }
  }
  const now = Date.now();
  const wait = tracker._gap! - now;
  // a string, or the pending request
  if ((tracker._ua as Promise<string>).then) {
    if (!force) return;
    // leaving before the hints came: this is the time limit, for the whole page
    tracker._ua = '';
  } else if (!force && wait > 0) {
    setTimeout(() => flush(tracker), wait);
    return;
  }
  const hits = tracker._queue.splice(0);
  if (!hits.length) return;
  tracker._gap ||= now + FIRST_REQUEST_GAP_MS;
  tracker._lastHit = now;
  const tail = cfg.disableBrowserFeatureDetection
    ? ''
    : (tracker._ua ? '&uadata=' + encodeURIComponent(tracker._ua as string) : '') + (tracker._features ||= browserFeatures());
  const url = cfg.trackerUrl!;
  while (hits.length) {
    const chunk = hits.splice(0, BULK_MAX).map((hit) => hit + tail);
    // several hits: a bulk body (§1.4); one: in the URL, or in the body when
    // it is long or the method is POST
    const hit = chunk[1] ? JSON.stringify({ requests: chunk.map((hit) => '?' + hit), send_image: 0 }) : chunk[0];
    const inBody = chunk[1] || method == 'POST' || hit.length > MAX_URL_HIT;
    const target = inBody ? url : url + (url.includes('?') ? '&' : '?') + hit;
    // a short hit in GET mode is an image GET at once, as in matomo.js; any
    // other is a POST by sendBeacon (not in GET mode), else by fetch with
    // keepalive so it outlives the page (only CORS-safelisted content types:
    // no preflight; a network error is not retried, Matomo does not
    // deduplicate hits), else, if short, the image GET. Matomo answers the
    // image with a GIF when `send_image` is not 0.
    if (inBody || method != 'GET') {
      const body = new Blob([inBody ? hit : ''], { type: cfg.requestContentType });
      let keepalive = true;
      try {
        if (method != 'GET') {
          if (navigator.sendBeacon(target, body)) continue;
          // refused: the requests that outlive the page may carry 64 KB in
          // flight together (fetch keepalive shares the budget), and a burst
          // of bulk bodies (content impressions) or one big body exceeds it;
          // a keepalive fetch would fail too, an ordinary one goes
          keepalive = false;
        }
      } catch {
        // sendBeacon missing, or it refused the content type: fetch
      }
      // a request fetch made is not sent again as an image, even if the
      // page's own fetch wrapper returns no promise
      let request;
      try {
        request = fetch(target, { method: 'POST', body, keepalive, credentials: 'include', mode: 'no-cors' });
        request.catch(() => 0);
      } catch {
        // no fetch either
      }
      if (request) continue;
    }
    if (!inBody) new Image().src = target.replace('send_image=0', 'send_image=1');
  }
}) as (tracker: Tracker, force?: boolean) => void;

/**
 * Installs the page listeners once per tracker: when the page becomes
 * hidden or is left, the leave hooks run (final heartbeat, pending metrics)
 * and the queue is flushed at once.
 */
export function wire(tracker: Tracker): void {
  if (tracker._wired) return;
  tracker._wired = true;
  const leave = (event: Event) => {
    // pageshow (back from the bfcache, or a load in a background tab) is an
    // arrival, never a departure, whatever the visibility
    const type = event.type;
    if ((tracker._away = type == 'pagehide' || (type != 'pageshow' && document.visibilityState == 'hidden'))) {
      runHooks(tracker, tracker._onLeave, 'leave');
      flush(tracker, true);
    }
  };
  addEventListener('pagehide', leave);
  addEventListener('pageshow', leave);
  document.addEventListener('visibilitychange', leave);
}
