import { must } from './config.js';
import { guard } from './guard.js';
import type { Tracker } from './tracker.js';

/**
 * A public function that takes the tracker first: guarded, its first
 * argument checked (refused with a warning naming `name`, and `otherwise`
 * returned). One helper, so the check is not repeated in every function.
 */
/*@__NO_SIDE_EFFECTS__*/
export function api<A extends unknown[], R, E = undefined>(name: string, fn: (tracker: Tracker, ...args: A) => R, otherwise?: E) {
  return guard(name, (tracker: Tracker, ...args: A): R | E => (isTracker(tracker, name) ? fn(tracker, ...args) : otherwise!));
}

export { must } from './config.js';

/** Guards every public function's first argument: a tracker made by createTracker. */
export function isTracker(tracker: unknown, call: string): tracker is Tracker {
  // the configuration (truthy) or, after the warning, undefined
  return (tracker as any)?._cfg || must(call, tracker, __DEBUG__ && 'first argument must be a tracker from createTracker()');
}
