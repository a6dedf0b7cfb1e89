import type { Tracker } from './tracker';
import { report } from './guard';
import { clientHints } from '../context/client-hints';
import { browserFeatures } from '../context/browser-features';

/**
 * Gets built hits to Matomo (§1).
 *
 * - Hits queued in one task leave together; several hits go as one bulk
 *   POST, which Matomo processes in order.
 * - One hit: sendBeacon (a short hit in the URL with an empty body, a long
 *   one in the body, as matomo.js), else fetch keepalive, else an image GET.
 * - The first dispatch waits for client hints at most CLIENT_HINTS_WAIT_MS.
 * - matomo.js holds every hit for 800 ms after a tracker's first request so
 *   that Matomo does not open two visits from concurrent requests. We hold
 *   them too, but send them together at the end of the window, and at once
 *   when the page is hidden or left, so nothing is lost on exit.
 * - No unload/beforeunload handler and no busy-wait: pagehide and
 *   visibilitychange flush the queue with beacons.
 * - Every send goes through post()/image(): the one place a persistent retry
 *   store would hook in.
 */

/** Longest hit sent in a URL; longer ones go in a POST body (matomo.js's limit). */
export const MAX_URL_HIT = 2000;
/** Longest wait for User-Agent Client Hints before hits leave without `uadata`. */
export const CLIENT_HINTS_WAIT_MS = 500;
/** The hold-back window after a tracker's first request (matomo.js: 800 ms). */
export const FIRST_REQUEST_GAP_MS = 800;
/** Matomo's bulk endpoint takes at most this many hits per body. */
const BULK_MAX = 50;

/** Queues a built hit and schedules its dispatch. */
export function enqueue(tracker: Tracker, hit: string): void {
  wire(tracker);
  tracker._queue.push(hit);
  if (tracker._away) flush(tracker, true);
  else schedule(tracker, 0);
}

function schedule(tracker: Tracker, delay: number): void {
  if (!tracker._timer) {
    tracker._timer = setTimeout(() => {
      tracker._timer = 0;
      flush(tracker);
    }, delay);
  }
}

/**
 * Sends what is queued. Unless forced (the page is hidden or left), waits
 * for client hints and for the end of the first-request window first.
 */
export function flush(tracker: Tracker, force?: boolean): void {
  try {
    const cfg = tracker._cfg;
    if (tracker._ua === undefined) {
      const request = !cfg.disableBrowserFeatureDetection && clientHints();
      tracker._ua = request || '';
      if (request) {
        // the hints or the time limit, whichever comes first, decide for the
        // whole page: uadata feeds device detection, it must not change later
        const settle = (value: string) => {
          if (tracker._ua == request) {
            tracker._ua = value;
            flush(tracker, tracker._away);
          }
        };
        request.then(settle, () => settle(''));
        setTimeout(settle, CLIENT_HINTS_WAIT_MS, '');
      }
    }
    const now = Date.now();
    const wait = tracker._gap! - now;
    if (!force) {
      if (wait > 0) schedule(tracker, wait);
      if (wait > 0 || typeof tracker._ua != 'string') return;
    }
    // leaving before the hints came: this is the time limit, for the whole page
    else if (typeof tracker._ua != 'string') tracker._ua = '';
    const hits = tracker._queue.splice(0);
    if (!hits.length) return;
    if (!tracker._lastHit) tracker._gap = now + FIRST_REQUEST_GAP_MS;
    tracker._lastHit = now;
    const tail = cfg.disableBrowserFeatureDetection
      ? ''
      : (tracker._ua ? '&uadata=' + encodeURIComponent(tracker._ua as string) : '') + (tracker._features ||= browserFeatures());
    const url = cfg.trackerUrl!;
    while (hits.length) {
      const chunk = hits.splice(0, BULK_MAX).map((hit) => hit + tail);
      if (chunk[1]) post(cfg, url, JSON.stringify({ requests: chunk.map((hit) => '?' + hit), send_image: 0 }));
      else {
        const hit = chunk[0];
        const inBody = cfg.requestMethod == 'POST' || hit.length > MAX_URL_HIT;
        const withQuery = url + (url.includes('?') ? '&' : '?') + hit;
        if (cfg.requestMethod == 'GET' && !inBody) image(withQuery);
        else if (!post(cfg, inBody ? url : withQuery, inBody ? hit : '') && !inBody) image(withQuery);
      }
    }
  } catch (error) {
    report(tracker, 'transport', error);
  }
}

/**
 * A POST by sendBeacon (not in GET mode, as matomo.js), else by fetch with
 * keepalive so it outlives the page. Only CORS-safelisted content types, so
 * no preflight. False when neither API exists.
 */
function post(cfg: Tracker['_cfg'], url: string, body: string): boolean {
  const blob = new Blob([body], { type: cfg.requestContentType });
  try {
    if (cfg.requestMethod != 'GET' && navigator.sendBeacon(url, blob)) return true;
  } catch {
    // sendBeacon missing, or it refused the content type: fetch
  }
  if (typeof fetch != 'function') return false;
  // a network error is not retried: Matomo does not deduplicate hits
  fetch(url, { method: 'POST', body: blob, keepalive: true, credentials: 'include', mode: 'no-cors' }).catch(() => 0);
  return true;
}

/** The last resort, and the GET mode: Matomo answers a GIF when `send_image` is not 0. */
function image(url: string): void {
  new Image().src = url.replace('send_image=0', 'send_image=1');
}

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
    tracker._away = event.type == 'pagehide' || (event.type != 'pageshow' && document.visibilityState == 'hidden');
    if (!tracker._away) return;
    for (const hook of tracker._onLeave) {
      try {
        hook();
      } catch (error) {
        report(tracker, 'leave', error);
      }
    }
    flush(tracker, true);
  };
  addEventListener('pagehide', leave);
  addEventListener('pageshow', leave);
  document.addEventListener('visibilitychange', leave);
}
