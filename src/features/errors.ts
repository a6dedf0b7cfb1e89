import { guard, report } from '../core/guard.js';
import { send } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { api } from '../core/api.js';

declare module '../core/tracker.js' {
  interface Tracker {
    /** stops the running enableJSErrorTracking */
    _stopErrors?: () => void;
  }
}

/**
 * Records each distinct uncaught error once per page view as an event
 * (§6.2): `e_c=JavaScript Errors`, `e_a=<file>:<line>[:<column>]`,
 * `e_n=<message>`. Listens to `error` events, so `window.onerror` stays the
 * page's own. Returns stop().
 *
 * ```ts
 * const stop = enableJSErrorTracking(tracker);
 * ```
 */
export const enableJSErrorTracking = api('enableJSErrorTracking', (tracker): (() => void) => {
  tracker._stopErrors?.();
  // the errors seen on this page view, and under 0 its pv_id (no key is 0: keys have a `:`)
  let seen: Record<string, unknown> = {};
  // window sees only script errors: failed images and scripts fire error events that do not bubble
  const onError = (event: ErrorEvent) => {
    try {
      const where = event.filename + ':' + event.lineno + (event.colno ? ':' + event.colno : '');
      const key = where + ' ' + event.message;
      if (seen[0] != tracker._pvId) seen = { 0: tracker._pvId };
      if (seen[key]) return;
      seen[key] = 1;
      send(tracker, [['e_c', 'JavaScript Errors'], ['e_a', where], ['e_n', event.message || undefined], ['ca', 1]], 'enableJSErrorTracking');
    } catch (error) {
      report(tracker, 'enableJSErrorTracking', error);
    }
  };
  addEventListener('error', onError);
  const stop = () => {
    removeEventListener('error', onError);
    if (tracker._stopErrors == stop) tracker._stopErrors = undefined;
  };
  tracker._stopErrors = stop;
  return guard('stop', stop);
}, () => {}) as (tracker: Tracker) => () => void;
