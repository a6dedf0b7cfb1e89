import { show } from '../core/config.js';
import { guard, type Named } from '../core/guard.js';
import { warn, warnOnce } from '../core/log.js';
import type { Tracker } from '../core/tracker.js';
import { NOOP, PRIORITY, UNSUPPORTED } from './methods.js';
import { scriptCommands } from './script-tag.js';

type Fn = (...args: any[]) => unknown;

/** The functions a bundle offers, by name. */
export type Api = Record<string, Fn | undefined>;

/**
 * The functions of a list (paq/full.ts, paq/core.ts) by the names they
 * carry. The null prototype, as a module namespace's, keeps what a page adds
 * to Object.prototype out of `for in` and off `window.MatomoLite`.
 */
export function named(list: Fn[]): Api {
  const object: Api = Object.create(null);
  for (const fn of list) object[(fn as Named)._name!] = fn;
  return object;
}

/** A matomo.js-style tracker object: Matomo's method names, each bound to one of our trackers. */
export type MatomoTracker = Record<string, Fn>;

/** The `window.Matomo` (and `window.Piwik`) object. */
export interface MatomoGlobal {
  initialized: boolean;
  getTracker(url?: string, siteId?: number | string): MatomoTracker;
  getAsyncTracker(url?: string, siteId?: number | string): MatomoTracker | undefined;
  getAsyncTrackers(): MatomoTracker[];
  addTracker(url?: string, siteId?: number | string): MatomoTracker;
}


/**
 * The `_paq` drop-in (PROTOCOL.md §11): what matomo.js does with the queue,
 * on top of the plain functions in `api`. Called once, synchronously, by a
 * script-tag bundle:
 *
 * - `window.Matomo` / `window.Piwik` with getTracker, getAsyncTracker,
 *   getAsyncTrackers and addTracker;
 * - `matomoPluginAsyncInit` (array), `piwikAsyncInit`, `matomoAsyncInit`;
 * - the first tracker made from the queued commands, "apply first" methods
 *   first (§11.3), then `_paq` replaced by an object whose push runs each
 *   command at once, on every tracker (setTrackerUrl and setSiteId on the
 *   first only, addTracker once);
 * - the `data-` attributes of the script tag (script-tag.ts).
 *
 * `missing`: the matomo.js methods of methods.ts this bundle lacks: each
 * warns once "<name>: not in this build", an UNSUPPORTED one "not supported
 * by matomo-lite" (a method `api` has wins). `api` is the layer's own: a page
 * changing `window.MatomoLite` cannot change what a tracker object binds. Unlike matomo.js, an unknown or unavailable
 * method warns once and the other commands still run; nothing ever throws
 * into the page.
 */
export const startPaq = guard('_paq', (api: Api, missing: string): void => {
  const win = window as any;
  if (win.Matomo || win.Piwik) return warnOnce('_paq', __DEBUG__ && 'window.Matomo exists (matomo.js?): _paq left to it');
  const trackers: MatomoTracker[] = [];

  // a tracker object; an async one (driven by `_paq`) joins `trackers`
  const create = (url?: unknown, siteId?: unknown, async?: 1): MatomoTracker => {
    const config: Record<string, unknown> = {};
    if (url != null) config.trackerUrl = url;
    if (siteId != null) config.siteId = siteId;
    const tracker = api.createTracker!(config) as Tracker | undefined;
    const object: MatomoTracker = {};
    // a method this build lacks warns with its name instead of throwing; a NOOP one does nothing
    for (const [names, why] of [[missing, __DEBUG__ && 'not in this build'], [UNSUPPORTED, __DEBUG__ && 'not supported by matomo-lite']]) {
      for (const name of (names as string).split(' ')) object[name] = () => warnOnce(name, __DEBUG__ && why + '; ignored');
    }
    for (const name of NOOP.split(' ')) object[name] = () => {};
    // every value of `api` is a function (test/paq/methods.test.ts checks both builds') and a method,
    // Matomo's and matomo-lite's own (setDebug)
    // (`api` is never changed: looking the function up at call time is the same)
    for (const name in api) object[name] = (...args) => api[name]!(tracker, ...args);
    delete object.createTracker;
    object.addTracker = add;
    if (async) trackers.push(object);
    return object;
  };

  // matomo.js copies a missing URL from the first tracker when it is added:
  // in the pre-load queue that URL is still empty (§11.3 trap)
  const add = (url?: unknown, siteId?: unknown): MatomoTracker =>
    trackers[0] ? create(url ?? trackers[0].getTrackerUrl!(), siteId, 1) : consume(win._paq, url, siteId);

  // a function (the page's own command, an init function) that throws is reported, and the rest goes on
  const call = (fn: Fn, self?: unknown, args?: unknown[]): void => {
    try {
      fn.apply(self, args!);
    } catch (error) {
      warn('_paq', __DEBUG__ && 'a function threw ' + show(error));
    }
  };

  const run = (command: unknown): void => {
    const [method, ...args] = Array.isArray(command) ? command : [command];
    const page = typeof method == 'function';
    for (const tracker of trackers) {
      // typeof first: a command may hold anything, even an object that throws when made a string
      if (!page && !(typeof method == 'string' && {}.hasOwnProperty.call(tracker, method))) {
        return warnOnce('_paq', __DEBUG__ && 'unknown command ' + show(method) + '; ignored');
      }
      call(page ? method : tracker[method]!, tracker, args);
      // these act on the first tracker only (addTracker: once)
      if (['setTrackerUrl', 'setSiteId', 'addTracker'].includes(method)) break;
    }
  };

  // the first tracker takes the queued commands: "apply first" methods first,
  // each in queue order, then the rest in queue order
  const consume = (queue: unknown, url?: unknown, siteId?: unknown): MatomoTracker => {
    win._paq = proxy;
    create(url, siteId, 1);
    // filter makes new arrays: the page's queue is left as it is
    let rest = Array.isArray(queue) ? queue : [];
    for (const name of PRIORITY.split(' ')) {
      rest = rest.filter((command) => (Array.isArray(command) && command[0] === name ? run(command) : 1));
    }
    rest.forEach(run);
    return trackers[0];
  };

  const proxy = {
    push: guard('_paq.push', (...commands: unknown[]): void => {
      trackers[0] ? commands.forEach(run) : consume(commands);
    }),
  };

  const matomo: MatomoGlobal = {
    initialized: false,
    addTracker: add,
    getAsyncTrackers: () => trackers.slice(),
    // guarded: a page may pass anything, even a site id that throws when made a string
    getAsyncTracker: guard('getAsyncTracker', (url?: string, siteId?: number | string) => {
      const first = trackers[0];
      if (!first) return consume(win._paq, url, siteId);
      if (!url && !siteId) return first;
      url ??= first.getTrackerUrl!() as string;
      siteId ??= first.getSiteId!() as string;
      return trackers.find((tracker) => tracker.getTrackerUrl!() === url && String(tracker.getSiteId!()) === String(siteId));
    }),
    // a standalone tracker: missing arguments come from the first async tracker, made from the queue if need be
    getTracker: guard('getTracker', (url?: string, siteId?: number | string) => {
      if (url === undefined || siteId === undefined) {
        const first = trackers[0] || consume(win._paq);
        url ??= first.getTrackerUrl!() as string;
        siteId ??= first.getSiteId!() as string;
      }
      return create(url, siteId);
    }) as MatomoGlobal['getTracker'],
  };
  win.Matomo = win.Piwik = matomo;

  const [head, tail] = scriptCommands(document.currentScript);
  if (!Array.isArray(win._paq)) win._paq = [];
  win._paq.unshift(...head);
  for (const init of ([] as unknown[]).concat(win.matomoPluginAsyncInit, win.piwikAsyncInit, win.matomoAsyncInit)) {
    if (typeof init == 'function') call(init as Fn);
  }
  // an init function may have made the first tracker (then `_paq` is the proxy already)
  if (trackers[0]) tail.forEach(run);
  else {
    const queue = (Array.isArray(win._paq) ? win._paq : []).concat(tail);
    if (queue.length) consume(queue);
    else win._paq = proxy;
  }
  matomo.initialized = true;
});
