import { api, must } from '../core/api.js';
import { purify } from '../core/campaign.js';
import { guard, report } from '../core/guard.js';
import { send } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { wire } from '../core/transport.js';
import { parseUrl } from '../core/url.js';
import type { Params } from '../context/params.js';
import { DOWNLOAD_EXTENSIONS, linkKind, linkOf, type ClassRole, type LinkKind } from './link-kind.js';
export type { LinkKind } from './link-kind.js';

/**
 * Outlink and download clicks (PROTOCOL.md §7): one delegated listener,
 * the link's rules in link-kind.ts, the hit through the tracker's one send
 * path. Nothing here delays navigation: no busy-wait and no `beforeunload`,
 * and the click's own task, which the browser finishes before it starts to
 * navigate, only classifies the link (see afterClick).
 */

declare module '../core/tracker.js' {
  interface Tracker {
    /** removes enableLinkTracking's listener; set while it is on */
    _stopLinks?: () => void;
    /** setLinkTrackingTimer's value, only for getLinkTrackingTimer */
    _linkTimer?: number;
    /** the last click handled, so that addListener and enableLinkTracking on one page send one hit per click */
    _click?: Event;
  }
}

/** matomo.js's default link tracking timer (ms), returned until setLinkTrackingTimer. */
export const LINK_TRACKING_TIMER_MS = 500;

/** Sends the `link=` or `download=` hit of this URL (purified as every reported URL, §2.8), then `extra`. */
function sendLink(tracker: Tracker, kind: LinkKind, url: string, call: string, extra: Params = [], customData?: unknown): void {
  send(tracker, [[kind, purify(tracker, url)], ...extra], call, 0, customData);
}

/**
 * Runs `hit` once: after the click's task, or when the page is hidden or
 * left first (its leave hooks run before the final flush, so the hit goes
 * with it). Building a hit reads and writes the visitor cookies, and in
 * Chromium reading `document.cookie` after a write waits for the network
 * process: most of a millisecond on an idle machine, more on a busy one, which
 * the navigation would otherwise wait for.
 */
function afterClick(tracker: Tracker, call: string, hit: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    tracker._onLeave = tracker._onLeave.filter((hook) => hook != run);
    try {
      hit();
    } catch (error) {
      report(tracker, call, error);
    }
  };
  // the leave hooks run only once the page listeners are installed
  wire(tracker);
  tracker._onLeave.push(run);
  setTimeout(run);
}

/**
 * Listens on `target` for clicks and middle clicks, and right clicks when
 * `pseudoClicks` is truthy; returns what removes the listener.
 */
function listen(tracker: Tracker, target: EventTarget, pseudoClicks: unknown, call: string): () => void {
  const types = ['click', 'auxclick'].concat(pseudoClicks ? 'contextmenu' : []);
  const onClick = (event: Event) => {
    try {
      // auxclick is any other button than the main one: the middle one opens the link, the right one a menu
      if ((event.type == 'auxclick' && (event as MouseEvent).button != 1) || tracker._click == event) return;
      tracker._click = event;
      // the event's innermost target, inside open shadow roots too (event.target is the shadow host)
      const link = linkOf(event.composedPath()[0]);
      const found = link && linkKind(tracker, link);
      if (!found) return;
      const extra: Params = [];
      // a link of a content block gets the block's part (§8.6); only with
      // the page-wide listener, which content tracking relies on through _linkKind
      if (tracker._linkKind) {
        for (const params of tracker._linkParams) {
          try {
            extra.push(...params(link));
          } catch (error) {
            report(tracker, call, error);
          }
        }
      }
      afterClick(tracker, call, () => sendLink(tracker, found[0], found[1], call, extra));
    } catch (error) {
      report(tracker, call, error);
    }
  };
  // capture phase: a page handler that stops the click's propagation cannot hide it
  for (const type of types) target.addEventListener(type, onClick, true);
  return () => {
    for (const type of types) target.removeEventListener(type, onClick, true);
  };
}

/**
 * Tracks clicks on outlinks and downloads anywhere in the page, links added
 * later and links inside open shadow roots included, through one listener on
 * `document` (capture phase). A click, a middle click or the keyboard's
 * Enter count; a right click (`contextmenu`) only when `pseudoClicks` is
 * `true` (matomo.js counts it by default, although the menu may never be
 * used). Each sends `link=<URL>` or `download=<URL>`, with `url` the current
 * page. A second call changes nothing. Returns stop().
 *
 * ```ts
 * const stop = enableLinkTracking(tracker); // _paq.push(['enableLinkTracking'])
 * ```
 */
export const enableLinkTracking = api('enableLinkTracking', (tracker, pseudoClicks?: boolean): (() => void) => {
  if (!tracker._stopLinks) {
    const remove = listen(tracker, document, pseudoClicks, 'enableLinkTracking');
    const stop = () => {
      remove();
      // a stale stop() of an earlier run must not end the current one
      if (tracker._stopLinks == stop) tracker._stopLinks = tracker._linkKind = undefined;
    };
    tracker._stopLinks = stop;
    // content tracking asks which clicks send a link hit (§8.6)
    tracker._linkKind = (element) => {
      const link = linkOf(element);
      return link && linkKind(tracker, link)?.[0];
    };
  }
  return guard('stop', tracker._stopLinks);
}, () => {}) as (tracker: Tracker, pseudoClicks?: boolean) => () => void;

/**
 * Tracks link clicks inside one element only, as enableLinkTracking does for
 * the page; for a page that wants link tracking in part of it. Returns stop().
 */
export const addListener = api('addListener', (tracker, element: EventTarget, pseudoClicks?: boolean): (() => void) => {
  if (typeof element?.addEventListener == 'function') return guard('stop', listen(tracker, element, pseudoClicks, 'addListener'));
  must('addListener', element, __DEBUG__ && 'element must be an element');
  return () => {};
}, () => {}) as (tracker: Tracker, element: EventTarget, pseudoClicks?: boolean) => () => void;

/**
 * Sends a link hit by hand: `type` is `'link'` (an outlink) or
 * `'download'`; `url` is resolved against the page. `customData` as for
 * trackPageView. `callback` runs at once, after the hit is queued, whether
 * or not it could be sent: a page may navigate from it, the hit still
 * leaves (the `pagehide` flush).
 *
 * ```ts
 * trackLink(tracker, 'https://partner.example.net/', 'link');
 * ```
 */
export const trackLink = api(
  'trackLink',
  (tracker, url: string, type: LinkKind, customData?: Record<string, unknown>, callback?: () => void): void => {
    const call = 'trackLink';
    const parsed = typeof url == 'string' && /\S/.test(url) && parseUrl(url, location.href);
    if (!parsed) must(call, url, __DEBUG__ && 'url must be a URL');
    else if (type != 'link' && type != 'download') must(call, type, __DEBUG__ && "type must be 'link' or 'download'");
    else sendLink(tracker, type, parsed.href, call, [], customData);
    if (typeof callback == 'function') callback();
    else if (callback != null) must(call, callback, __DEBUG__ && 'callback must be a function');
  },
);

/**
 * A list argument: an array of strings, or one string of names separated by
 * `|` (matomo.js splits extensions so, and puts classes in a regular
 * expression, where `|` separates them too); undefined after a warning
 * (`what`: the argument's name).
 */
function names(value: unknown, call: string, what: string | false): string[] | undefined {
  const list = typeof value == 'string' ? value.split('|') : value;
  if (Array.isArray(list) && list.every((name) => typeof name == 'string')) return list.filter(Boolean);
  return must(call, value, __DEBUG__ && what + ' must be a string or an array of strings');
}

/** `set<Role>Classes(tracker, classes)`: the extra class names of one role, replacing those given before. */
/*@__NO_SIDE_EFFECTS__*/
function classSetter(role: ClassRole) {
  const name = 'set' + role[0].toUpperCase() + role.slice(1) + 'Classes';
  return api(name, (tracker, classes: string | string[]): void => {
    const list = names(classes, name, __DEBUG__ && 'classes');
    if (list) (tracker._classes ||= {})[role] = list;
  });
}

/** Links with one of these classes (besides `matomo-ignore` & co.) are never tracked. */
export const setIgnoreClasses = classSetter('ignore');
/** Links with one of these classes (besides `matomo-download` & co.) are downloads. */
export const setDownloadClasses = classSetter('download');
/** Links with one of these classes (besides `matomo-link` & co.) are outlinks, even to the site itself. */
export const setLinkClasses = classSetter('link');

/** Changes the download extensions with `change(current, given)`, the given ones lower-cased. */
/*@__NO_SIDE_EFFECTS__*/
function extensionsSetter(name: string, change: (current: string[], given: string[]) => string[]) {
  return api(name, (tracker, extensions: string | string[]): void => {
    const list = names(extensions, name, __DEBUG__ && 'extensions');
    if (list) tracker._extensions = change(tracker._extensions || DOWNLOAD_EXTENSIONS, list.map((extension) => extension.toLowerCase()));
  });
}

/**
 * The download extensions, instead of matomo.js's list: `'pdf|zip'` or
 * `['pdf', 'zip']`. Matched at the end of a link's path, in any case.
 */
export const setDownloadExtensions = extensionsSetter('setDownloadExtensions', (_, given) => given);
/** Adds download extensions to the current list: `'mkv|flac'` or `['mkv', 'flac']`. */
export const addDownloadExtensions = extensionsSetter('addDownloadExtensions', (current, given) => current.concat(given));
/** Removes download extensions from the current list: `'zip'` or `['zip', 'gz']`. */
export const removeDownloadExtensions = extensionsSetter('removeDownloadExtensions', (current, given) =>
  current.filter((extension) => !given.includes(extension)),
);

/**
 * Accepted for matomo.js's API, with nothing to do: matomo.js holds the page
 * this long after a link hit; matomo-lite never delays navigation.
 */
export const setLinkTrackingTimer = api('setLinkTrackingTimer', (tracker, ms: number): void => {
  if (typeof ms == 'number' && ms >= 0) tracker._linkTimer = ms;
  else must('setLinkTrackingTimer', ms, __DEBUG__ && 'ms must be a number >= 0');
});

/** setLinkTrackingTimer's value (default 500). */
export const getLinkTrackingTimer = api('getLinkTrackingTimer', (tracker): number => tracker._linkTimer ?? LINK_TRACKING_TIMER_MS);
