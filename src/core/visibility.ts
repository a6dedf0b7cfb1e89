import type { Tracker } from './tracker.js';

/**
 * Tells features when an element enters the viewport, through one
 * IntersectionObserver per tracker (threshold 0: one visible pixel), shared
 * by content impressions and media impressions. The browser computes the
 * intersections off the main thread and calls back only on a change, so
 * nothing polls and nothing forces a layout (matomo.js rescans every block
 * every 750 ms). Elements inside a scrolled container count when the
 * container scrolls them into view.
 *
 * `onEnter` runs each time the element starts intersecting; it returns true
 * once it is done with the element, which is then no longer watched.
 * Returns a function that stops watching the element, or undefined where
 * the browser has no IntersectionObserver (the caller decides what that
 * means).
 */
export function whenVisible(tracker: Tracker, element: Element, onEnter: (element: Element) => boolean | void): (() => void) | undefined {
  if (typeof IntersectionObserver != 'function') return undefined;
  if (!tracker._visible) {
    const watched = new Map<Element, (element: Element) => boolean | void>();
    const observer = new IntersectionObserver((entries) => {
      for (const { isIntersecting, target } of entries) {
        const callback = isIntersecting && watched.get(target);
        if (callback && callback(target)) unwatch(tracker, target);
      }
    });
    tracker._visible = [observer, watched];
  }
  tracker._visible[1].set(element, onEnter);
  tracker._visible[0].observe(element);
  return () => unwatch(tracker, element);
}

function unwatch(tracker: Tracker, element: Element): void {
  const [observer, watched] = tracker._visible!;
  watched.delete(element);
  observer.unobserve(element);
}
