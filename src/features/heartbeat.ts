import { guard, report } from '../core/guard.js';
import { sendPing } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { api, must } from '../core/api.js';

/** Default heartbeat delay and its floor, in seconds (matomo.js's values). */
export const HEARTBEAT_DEFAULT_S = 15;
export const HEARTBEAT_MIN_S = 5;
/** A final ping on leaving is sent only when at least this long passed since the last hit. */
export const FINAL_PING_MIN_MS = 1000;

const ACTIVITY = 'pointerdown pointermove keydown scroll touchstart wheel'.split(' ');

/**
 * Sends `ping=1` so Matomo knows how long the visitor stayed (§9):
 *
 * - while the page is visible, focused and the visitor has been active since
 *   the last hit, one ping per `seconds` (default 15, at least 5);
 * - on window blur, as matomo.js: when the window had focus for longer than
 *   the delay and no hit went out during it;
 * - when the page is hidden or left after being visible, one final ping, so
 *   the time on the last page of a visit is not reported as 0.
 *
 * Pings carry the page view's `pv_id` and nothing else of their own. Returns
 * stop(); disableHeartBeatTimer(tracker) stops it too.
 *
 * ```ts
 * const stop = enableHeartBeatTimer(tracker, 30);
 * ```
 */
export const enableHeartBeatTimer = api('enableHeartBeatTimer', (tracker, seconds?: number): (() => void) => {
  if (seconds !== undefined && !(typeof seconds == 'number' && seconds > 0)) {
    must('enableHeartBeatTimer', seconds, __DEBUG__ && 'seconds must be a number > 0');
    seconds = 0;
  }
  tracker._stopHeartbeat?.();
  // capped at setTimeout's limit (2^31 - 1 ms): a longer delay, Infinity included, fires at once in browsers
  const delay = Math.min(Math.max(seconds || HEARTBEAT_DEFAULT_S, HEARTBEAT_MIN_S), 2147483) * 1000;
  let focusedAt = document.hasFocus() ? Date.now() : 0;
  let activeAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const ping = () => {
    if (tracker._lastHit && tracker._pvId) sendPing(tracker, 'heartbeat');
  };
  const visible = () => document.visibilityState == 'visible';
  // a ping may go one delay after the last hit
  const tick = () => {
    try {
      if (visible() && document.hasFocus() && activeAt >= tracker._lastHit && Date.now() - tracker._lastHit >= delay) ping();
    } catch (error) {
      report(tracker, 'heartbeat', error);
    }
    // next check when a ping is due, or one delay on when it was not sent for
    // lack of activity: never a busy one-second wake-up on an idle page
    const due = tracker._lastHit + delay - Date.now();
    timer = setTimeout(tick, due > 0 ? Math.max(due, 1000) : delay);
  };
  const onFocus = () => {
    focusedAt = Date.now();
  };
  const onBlur = () => {
    if (Date.now() - focusedAt > delay && Date.now() - tracker._lastHit >= delay) ping();
  };
  const onActivity = () => {
    activeAt = Date.now();
  };
  // runs before the transport's final flush (see transport.ts wire()); ping() needs a hit sent before
  const onLeave = () => {
    if (Date.now() - tracker._lastHit >= FINAL_PING_MIN_MS && wasVisible) ping();
    wasVisible = false;
  };
  let wasVisible = visible();
  const onVisibility = () => {
    if (visible()) {
      wasVisible = true;
      focusedAt = Date.now();
    }
  };

  // each page view is timed on its own: the activity that led to it (the
  // click on a route's link, in a single-page app) is not activity on it
  const onPageView = () => {
    activeAt = 0;
  };

  addEventListener('focus', onFocus);
  addEventListener('blur', onBlur);
  document.addEventListener('visibilitychange', onVisibility);
  for (const type of ACTIVITY) addEventListener(type, onActivity, { capture: true, passive: true });
  tracker._onLeave.push(onLeave);
  tracker._onPageView.push(onPageView);
  timer = setTimeout(tick, delay);

  const stop = () => {
    clearTimeout(timer);
    removeEventListener('focus', onFocus);
    removeEventListener('blur', onBlur);
    document.removeEventListener('visibilitychange', onVisibility);
    for (const type of ACTIVITY) removeEventListener(type, onActivity, { capture: true });
    tracker._onLeave = tracker._onLeave.filter((hook) => hook != onLeave);
    tracker._onPageView = tracker._onPageView.filter((hook) => hook != onPageView);
    // a stale stop() of a replaced heartbeat must not orphan the running one
    if (tracker._stopHeartbeat == stop) tracker._stopHeartbeat = undefined;
  };
  tracker._stopHeartbeat = stop;
  return guard('stop', stop);
}, () => {}) as (tracker: Tracker, seconds?: number) => () => void;

/** Stops the heartbeat started by enableHeartBeatTimer. */
export const disableHeartBeatTimer = api('disableHeartBeatTimer', (tracker): void => {
  tracker._stopHeartbeat?.();
});

/** Sends one `ping=1` now (matomo.js's `ping()`): keeps the visit's time on site up to date. */
export const ping = api('ping', (tracker): void => {
  sendPing(tracker, 'ping');
});
