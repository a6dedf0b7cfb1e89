import type { Tracker } from './tracker.js';
import { report } from './guard.js';

/**
 * Called when a watched element starts intersecting the viewport, with its
 * box then (what the observer measured: reading it again may force a
 * layout); true when done with the element.
 */
export type OnEnter = (element: Element, box: DOMRectReadOnly) => boolean | void;

/**
 * Tells features when an element enters the viewport, through one
 * IntersectionObserver per tracker (threshold 0: one visible pixel), shared
 * by content impressions and media impressions. The browser computes the
 * intersections and calls back only on a change, so nothing polls and
 * nothing forces a layout (matomo.js rescans every block every 750 ms).
 * Elements inside a scrolled container count when the container scrolls
 * them into view.
 *
 * `onEnter` runs each time the element starts intersecting; it returns true
 * once it is done with the element, which it then no longer watches. One
 * element may be watched by several features (a `<video>` that is also a
 * content block): each gets its own call. A callback that throws is
 * reported (debug mode) and never reaches the page. Watching an element
 * again after unwatching it gets a fresh first report of whether it
 * intersects.
 *
 * Returns a function that stops watching the element for this `onEnter`,
 * or undefined where the browser has no IntersectionObserver (the caller
 * decides what that means). When nothing is watched any more, the observer
 * is disconnected.
 */
export function whenVisible(tracker: Tracker, element: Element, onEnter: OnEnter): (() => void) | undefined {
  if (typeof IntersectionObserver != 'function') return undefined;
  let visible = tracker._visible;
  if (!visible) {
    const watched: Map<Element, OnEnter[]> = new Map();
    const inView = new Set<Element>();
    const observer = new IntersectionObserver((entries) => {
      for (const { isIntersecting, target, boundingClientRect } of entries) {
        if (!isIntersecting) inView.delete(target);
        else if (watched.has(target)) {
          inView.add(target);
          for (const callback of watched.get(target)!) enter(tracker, target, callback, boundingClientRect);
        }
      }
    });
    visible = tracker._visible = [observer, watched, inView];
  }
  const [observer, watched, inView] = visible;
  const callbacks = watched.get(element) || [];
  if (!callbacks.includes(onEnter)) {
    watched.set(element, [...callbacks, onEnter]);
    // the observer reports an element once when it starts observing it, and
    // then only changes: a second feature watching an element in view gets
    // its report here, after this task, as the observer's would come
    if (inView.has(element)) {
      setTimeout(() => {
        if (inView.has(element) && watched.get(element)?.includes(onEnter)) enter(tracker, element, onEnter, element.getBoundingClientRect());
      });
    }
  }
  observer.observe(element);
  return () => unwatch(tracker, element, onEnter);
}

/** Runs a callback for an element that entered; unwatches it when the callback is done with it. */
function enter(tracker: Tracker, element: Element, onEnter: OnEnter, box: DOMRectReadOnly): void {
  try {
    if (onEnter(element, box)) unwatch(tracker, element, onEnter);
  } catch (error) {
    report(tracker, 'visibility', error);
  }
}

/** Stops watching `element` for `onEnter` (the others watching it go on). */
export function unwatch(tracker: Tracker, element: Element, onEnter: OnEnter): void {
  if (!tracker._visible) return;
  const [observer, watched, inView] = tracker._visible;
  const rest = watched.get(element)?.filter((callback) => callback != onEnter);
  if (rest?.length) watched.set(element, rest);
  else if (rest) {
    watched.delete(element);
    inView.delete(element);
    observer.unobserve(element);
    if (!watched.size) {
      observer.disconnect();
      tracker._visible = undefined;
    }
  }
}

/**
 * Stops watching, for `onEnter`, the elements that left the document (the
 * observer would otherwise keep them alive after a single-page app removed
 * them), or all of them (a feature's stop()).
 */
export function forget(tracker: Tracker, onEnter: OnEnter, all?: boolean): void {
  for (const [element] of tracker._visible?.[1] || []) {
    if (all || !element.isConnected) unwatch(tracker, element, onEnter);
  }
}
