import type { Tracker } from './tracker.js';
import { guard, runHooks } from './guard.js';
import { warn } from './log.js';
import { cookiesOn } from './identity.js';
import { keep, take, type Entry } from './retry.js';
import { clientHints } from '../context/client-hints.js';
import { browserFeatures } from '../context/browser-features.js';

/**
 * Gets built hits to Matomo (§1), and again when that failed (core/retry.ts).
 *
 * - Hits queued in one task leave together; several hits go as one bulk
 *   POST, which Matomo processes in order.
 * - While the page is shown: fetch (keepalive, CORS mode) so the answer is
 *   seen: Matomo answers a POST with `Access-Control-Allow-Origin` set to the
 *   page's origin and credentials allowed (§1.9), and a CORS-safelisted
 *   content type needs no preflight. A network error, a 5xx or a 429 is a
 *   failure: the hits go to the retry store and leave again after a
 *   back-off, at once on `online`, or on the next page load, with `cdo`. A
 *   4xx is a hit Matomo refuses: dropped, never retried.
 * - When the page is hidden or left: sendBeacon (its delivery cannot be
 *   seen, so it is never retried nor sent twice; a refused beacon is a
 *   failure); fetch keepalive where it is missing.
 * - After a failure and until a request gets through, Matomo is most likely
 *   still failing: new hits go to the store and leave with the next retry,
 *   or on the next visit if the tab closes first.
 * - One hit: in the URL with an empty body (a long one, or with
 *   setRequestMethod('POST'), in the body), as matomo.js; GET mode or no
 *   other way: an image GET (never retried).
 * - The first dispatch waits for client hints at most CLIENT_HINTS_WAIT_MS.
 * - matomo.js holds every hit for 800 ms after a tracker's first request so
 *   that Matomo does not open two visits from concurrent requests. We hold
 *   them too, but send them together at the end of the window, and at once
 *   when the page is hidden or left, so nothing is lost on exit.
 * - No unload/beforeunload handler and no busy-wait: pagehide and
 *   visibilitychange flush the queue with beacons.
 * - A hit that leaves a second or more after it was made carries
 *   `cdo=<whole seconds>`, so Matomo records it when it happened.
 */

/** Longest hit sent in a URL; longer ones go in a POST body (matomo.js's limit). */
export const MAX_URL_HIT = 2000;
/** Longest wait for User-Agent Client Hints before hits leave without `uadata`. */
export const CLIENT_HINTS_WAIT_MS = 500;
/** The hold-back window after a tracker's first request (matomo.js: 800 ms). */
export const FIRST_REQUEST_GAP_MS = 800;
/** Matomo's bulk endpoint takes at most this many hits per body. */
export const BULK_MAX = 50;
/**
 * Browsers refuse keepalive requests that would carry over 64 KiB in flight
 * together: a request that would go beyond goes without keepalive (a burst
 * of bulk bodies, content impressions: refused, they would count as
 * Matomo failing and wait for a retry).
 */
const KEEPALIVE_MAX = 6e4;
/** The back-off doubles after each failed attempt, this many times at most (retryDelay × 64). */
const BACKOFF_DOUBLINGS = 6;

declare module './tracker.js' {
  interface Tracker {
    /** failed attempts since the last success: the back-off's exponent */
    _fails?: number;
    /** the pending retry (a back-off runs): stored hits wait for it */
    _retry?: ReturnType<typeof setTimeout> | 0;
    /** bytes of this tracker's keepalive requests in flight */
    _keepalive?: number;
  }
}

/** Queues a built hit and schedules its dispatch. */
export function enqueue(tracker: Tracker, hit: string): void {
  wire(tracker);
  // at once when leaving; else after this task, so that the hits queued in it
  // leave together, with one timer however many they are: a hit that finds
  // others queued has its dispatch scheduled already (after this task, at the
  // end of the first-request window, or when the client hints settle).
  // Closures, not setTimeout's extra arguments, which a page's own wrapper
  // may drop.
  const first = tracker._queue.push([hit, Date.now()]) < 2;
  if (tracker._away) flush(tracker, true);
  else if (first) setTimeout(() => flush(tracker));
}

/**
 * Sends what is queued, after what the retry store holds when no back-off
 * is pending and the page is shown. Unless forced (the page is hidden or
 * left), waits for client hints and for the end of the first-request window
 * first. An internal error is reported in debug mode, never thrown.
 */
export const flush = guard('transport', (tracker: Tracker, force?: boolean, retrying?: boolean): void => {
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
  const tail = cfg.disableBrowserFeatureDetection
    ? ''
    : (tracker._ua ? '&uadata=' + encodeURIComponent(tracker._ua as string) : '') + (tracker._features ||= browserFeatures());
  const fresh = tracker._queue.splice(0).map(([hit, time]): Entry => [hit + tail, time]);
  if (fresh.length) tracker._lastHit = now;
  // Matomo failed and nothing got through since: new hits wait in the store
  // and leave with the next retry. A request or a beacon now would most
  // likely fail, and a tab closed before its answer would lose it; the store
  // keeps the hits for the next visit (memory does not: leaving cookieless,
  // they take their chance by beacon)
  if (tracker._fails && !retrying && !(tracker._away && !cookiesOn(tracker))) return void (fresh.length && keep(tracker, fresh));
  // stored hits are older: they go first, so Matomo gets the visit in order
  const entries = (tracker._away || tracker._retry ? [] : take(tracker)).concat(fresh);
  if (!entries.length) return;
  tracker._gap ||= now + FIRST_REQUEST_GAP_MS;
  const url = cfg.trackerUrl!;
  while (entries.length) {
    const chunk = entries.splice(0, BULK_MAX);
    const hits = chunk.map(([hit, time]) => (now - time < 1e3 ? hit : hit + '&cdo=' + (((now - time) / 1e3) | 0)));
    // several hits: a bulk body (§1.4); one: in the URL, or in the body when
    // it is long or the method is POST
    const hit = hits[1] ? JSON.stringify({ requests: hits.map((hit) => '?' + hit), send_image: 0 }) : hits[0];
    const inBody = hits[1] || method == 'POST' || hit.length > MAX_URL_HIT;
    const target = inBody ? url : url + (url.includes('?') ? '&' : '?') + hit;
    // a short hit in GET mode is an image GET at once, as in matomo.js
    if ((inBody || method != 'GET') && post(tracker, target, inBody ? hit : '', chunk)) continue;
    // Matomo answers the image with a GIF when `send_image` is not 0
    if (!inBody) new Image().src = target.replace('send_image=0', 'send_image=1');
  }
}) as (tracker: Tracker, force?: boolean, retrying?: boolean) => void;

/**
 * POSTs one request; falsy when no way to send it exists. While the page is
 * shown (and retry is on) by fetch first, whose answer is seen; else by
 * sendBeacon first, whose delivery is not. Only CORS-safelisted content
 * types: no preflight.
 */
function post(tracker: Tracker, target: string, body: string, chunk: Entry[]): unknown {
  const cfg = tracker._cfg;
  const retry = !cfg.disableRetry;
  const shown = retry && !tracker._away;
  const type = cfg.requestContentType;
  // never in GET mode (matomo.js); refused (the browser's quota): a failure,
  // retried later. Only a beacon needs a Blob to carry the content type: a
  // Blob costs far more than the string (a burst of impressions showed it)
  const beacon = () => cfg.requestMethod != 'GET' && (navigator.sendBeacon(target, new Blob([body], { type })) || (retry && (failed(tracker, chunk), 1)));
  // a request fetch made is not sent again another way, even if the page's
  // own fetch wrapper returns no promise
  const viaFetch = () => {
    // hits are percent-encoded, so a body is ASCII: its length is its bytes
    const size = body.length;
    const keepalive = (tracker._keepalive || 0) + size < KEEPALIVE_MAX;
    const request = fetch(target, { method: 'POST', body, headers: { 'Content-Type': type }, keepalive, credentials: 'include', mode: shown ? 'cors' : 'no-cors' });
    const settled = () => {
      if (keepalive) tracker._keepalive! -= size;
    };
    if (keepalive) tracker._keepalive = (tracker._keepalive || 0) + size;
    try {
      request.then(
        (response) => {
          settled();
          answered(tracker, response, chunk, shown);
        },
        () => {
          settled();
          if (retry) failed(tracker, chunk);
        },
      );
    } catch {
      // a page's fetch wrapper that returns no promise: nothing to count down
      settled();
    }
    return request;
  };
  let sent: unknown;
  for (const via of shown ? [viaFetch, beacon] : [beacon, viaFetch]) {
    try {
      if ((sent = via())) break;
    } catch {
      // missing, or refused the content type: the next way
    }
  }
  return sent;
}

/**
 * Matomo's answer to a request of `chunk`: 5xx and 429 are failures, another
 * 4xx a refused hit, anything else delivery. Without CORS (`seen` false:
 * the page was leaving) the answer is opaque, and not read.
 */
const answered = guard('transport', (tracker: Tracker, response: Response, chunk: Entry[], seen: boolean): void => {
  const status = response.status;
  // an unread body holds its request's share of the browser's keepalive
  // quota (64 KiB in all): later keepalive requests would fail
  response.body?.cancel();
  if (!seen) return;
  if (status > 499 || status == 429) return failed(tracker, chunk);
  if (status > 399) warn('send', __DEBUG__ && 'Matomo answered ' + status + ': ' + chunk.length + ' hit(s) dropped, not retried');
  // Matomo is back: what waits in the store goes now
  if (tracker._fails) {
    tracker._fails = 0;
    retryNow(tracker);
  }
});

/** A request failed: its hits go to the store, and one retry is scheduled, with back-off and jitter. */
const failed = guard('transport', (tracker: Tracker, chunk: Entry[]): void => {
  keep(tracker, chunk);
  if (!tracker._retry) {
    const fails = (tracker._fails = (tracker._fails || 0) + 1);
    const delay = tracker._cfg.retryDelay * 1e3 * 2 ** Math.min(fails - 1, BACKOFF_DOUBLINGS) * (0.5 + Math.random() / 2);
    tracker._retry = setTimeout(() => {
      tracker._retry = 0;
      flush(tracker, false, true);
    }, delay);
  }
});

/** Sends what the store holds now, without waiting for the back-off. */
function retryNow(tracker: Tracker): void {
  clearTimeout(tracker._retry!);
  tracker._retry = 0;
  flush(tracker, false, true);
}

/**
 * Installs the page listeners once per tracker: when the page becomes
 * hidden or is left, the leave hooks run (final heartbeat, pending metrics)
 * and the queue is flushed at once; when it is shown again after failures,
 * or the browser is back online, the retry store is sent.
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
    } else if (tracker._fails) retryNow(tracker);
  };
  addEventListener('pagehide', leave);
  addEventListener('pageshow', leave);
  document.addEventListener('visibilitychange', leave);
  addEventListener('online', () => retryNow(tracker));
}
