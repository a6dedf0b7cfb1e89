import { api, must } from '../core/api.js';
import { purify } from '../core/campaign.js';
import { guard, report } from '../core/guard.js';
import { currentUrl } from '../core/hit.js';
import { trackPageView } from '../core/page-view.js';
import type { Tracker } from '../core/tracker.js';

/**
 * Single-page apps (PROTOCOL.md §12): a page view for each client-side
 * navigation, with what matomo.js users write by hand on every route change
 * (`urlref` = the previous URL, the new URL and title, a new `pv_id`),
 * in an order that is right by construction.
 */

/** Options of enableSpaTracking; each defaults to false or to the value named. */
export interface SpaOptions {
  /** `history.replaceState` to a new URL is a navigation too. Default false: routers replace the URL to rewrite the page shown (filters, a search box, a canonical path), and a replace inside a navigation (a redirect) is part of it anyway. */
  replace?: boolean;
  /** A change of the fragment alone (`#/about`, by a hash router or a link) is a navigation. Default false: `#section` is a place in the page. */
  hash?: boolean;
  /** Milliseconds to wait after the first animation frame after the URL changed, so that the new route has set its title; every further change starts the wait again. Default 100; 0 to 10000. */
  delay?: number;
  /** The title of each automatic page view (default: `document.title` when it is sent, or setDocumentTitle's). */
  title?: () => string;
  /** No automatic page views: the app calls trackPageView from its router. Its page views still get `urlref` (the previous one's URL). */
  manual?: boolean;
}

declare module '../core/tracker.js' {
  interface Tracker {
    /** stops the running SPA tracking (enableSpaTracking) */
    _stopSpa?: () => void;
  }
}

/**
 * The name under which `history` holds the functions its wrapped
 * `pushState` and `replaceState` call after the URL changed, with the
 * method's name: one wrapper per page for every tracker, and for every copy
 * of matomo-lite a page loads, since the name is the same.
 */
const HOOKS = 'matomo-lite:history';

type Hooks = Set<(method: string) => void>;

/** The type each option must have. */
const TYPES: Record<string, string> = { replace: 'boolean', hash: 'boolean', manual: 'boolean', delay: 'number', title: 'function' };

/**
 * Wraps `history.pushState` and `history.replaceState`, once per page, so
 * that they tell us; returns the functions they call. The wrapper calls
 * whatever was there before (the browser's, or a router's own wrapper) and
 * returns what it returned; a library that wraps them later calls ours.
 * Never undone: another library may have wrapped ours since, and a stopped
 * tracker takes its function out of the set.
 */
function historyHooks(): Hooks {
  const target = history as History & Record<string, any>;
  if (!target[HOOKS]) {
    const hooks: Hooks = (target[HOOKS] = new Set<(method: string) => void>());
    for (const name of ['pushState', 'replaceState']) {
      const original = target[name];
      target[name] = function (this: History, ...args: unknown[]) {
        // the router's own call: what it throws (a URL of another origin) is its own
        const result = original.apply(this, args);
        // each hook is guarded: nothing of ours reaches the router
        hooks.forEach((hook) => hook(name));
        return result;
      };
    }
  }
  return target[HOOKS];
}

/**
 * Sends a page view for each client-side navigation: `history.pushState`,
 * the back and forward buttons (`popstate`), `history.replaceState` with
 * `replace`, a change of the fragment alone with `hash`. The page view waits
 * until the new route has rendered its title (the next animation frame,
 * then `delay` ms), and has:
 *
 * - `url`: the new URL (a custom URL or title set for the previous route no
 *   longer applies: setCustomUrl and setDocumentTitle are cleared at each
 *   navigation, and may be set again for the new route before its page view);
 * - `urlref`: the URL of the previous page view (set as setReferrerUrl
 *   would: the hits after it carry it too);
 * - `action_name`: the new title; a new `pv_id`; no `pf_*` (they describe the
 *   document load).
 *
 * The same URL twice in a row is one page view (URLs compared as reported,
 * without `excludedQueryParams`, and without the fragment unless `hash`); so
 * is a chain of redirects within `delay`, of the last URL. A page view
 * still waiting when the page is hidden or left is sent then. Page views
 * made by hand (trackPageView) get `urlref` too, and count as the last URL.
 * Returns stop(), which sends nothing more.
 *
 * ```ts
 * const stop = enableSpaTracking(tracker);
 * enableSpaTracking(tracker, { hash: true });   // a hash router: #/about
 * ```
 */
export const enableSpaTracking = api('enableSpaTracking', (tracker, options: SpaOptions = {}): (() => void) => {
  const call = 'enableSpaTracking';
  // each bad option is refused on its own; the others apply
  const use: Record<string, any> = {};
  if (options && typeof options != 'object') must(call, options, __DEBUG__ && 'options must be an object');
  else {
    for (const key in options) {
      const value = (options as Record<string, any>)[key];
      if (value === undefined || (typeof value == TYPES[key] && (key != 'delay' || (value >= 0 && value <= 1e4)))) use[key] = value;
      else must(call, value, __DEBUG__ && (TYPES[key] ? key + ' must be a ' + (key == 'delay' ? 'number of ms from 0 to 10000' : TYPES[key]) : 'unknown option ' + key));
    }
  }
  const { replace, hash, title, manual } = use as SpaOptions;
  const delay = use.delay ?? 100;
  tracker._stopSpa?.();

  // the URL of the last page view: the next one's urlref, as setReferrerUrl would set it by hand
  let previous = tracker._pvs ? currentUrl(tracker) : undefined;
  const onPageView = () => {
    if (previous) tracker._referrer = previous;
    previous = currentUrl(tracker);
  };
  // what makes two URLs the same page: as reported, and without the fragment unless it routes
  const page = (url: string) => {
    url = purify(tracker, url);
    return hash ? url : url.split('#')[0];
  };
  // the page the address bar shows, as of the last navigation
  let here = page(location.href);

  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    cancelAnimationFrame(frame!);
    clearTimeout(timer);
    frame = timer = undefined;
  };
  const send = () => {
    cancel();
    // a redirect back, or a page view made by hand meanwhile: that page has its page view
    if (!previous || page(currentUrl(tracker)) != page(previous)) trackPageView(tracker, named());
  };
  // the title callback's, or undefined for the default; what the page's callback throws stays here
  const named = () => {
    try {
      return title?.();
    } catch (error) {
      return report(tracker, call, error);
    }
  };
  // a method's name (pushState, replaceState) or popstate's event; guarded: it runs inside the router's pushState
  const onChange = guard(call, (change: unknown) => {
    const now = page(location.href);
    const moved = now != here;
    // a replace that is not counted moves the address bar all the same
    here = now;
    // a replace while a page view waits is part of that navigation (a redirect): the wait starts again
    if (moved && (change != 'replaceState' || replace || frame)) {
      // they described the previous route; the app may set them again for this one
      tracker._url = tracker._title = undefined;
      // the wait starts again at each change: a redirect chain is one page view, of its last URL
      cancel();
      frame = requestAnimationFrame(() => (timer = setTimeout(send, delay)));
    }
  });
  // hidden or left before the wait ended: sent now rather than lost (rAF does not run in a hidden tab)
  const onLeave = () => {
    if (frame) send();
  };
  // the back and forward buttons; and a change of the fragment alone, for
  // which the HTML standard fires popstate too, before hashchange (measured
  // in Chromium: location.hash, a link to #x, navigation.navigate('#x'))
  if (!manual) {
    historyHooks().add(onChange);
    addEventListener('popstate', onChange);
  }
  tracker._onPageView.push(onPageView);
  tracker._onLeave.push(onLeave);

  const stop = () => {
    cancel();
    (history as History & Record<string, Hooks | undefined>)[HOOKS]?.delete(onChange);
    removeEventListener('popstate', onChange);
    tracker._onPageView = tracker._onPageView.filter((hook) => hook != onPageView);
    tracker._onLeave = tracker._onLeave.filter((hook) => hook != onLeave);
    // a stale stop() of a replaced SPA tracking must not orphan the running one
    if (tracker._stopSpa == stop) tracker._stopSpa = undefined;
  };
  tracker._stopSpa = stop;
  return guard('stop', stop);
}, () => {}) as (tracker: Tracker, options?: SpaOptions) => () => void;
