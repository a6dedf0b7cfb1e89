import { api, must } from '../core/api.js';
import { show } from '../core/config.js';
import { guard, report } from '../core/guard.js';
import { warn } from '../core/log.js';
import { send } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { whenVisible } from '../core/visibility.js';
import { randomChars } from '../context/pageview-id.js';
import type { Params } from '../context/params.js';

/**
 * HTML5 `<video>` and `<audio>` as Matomo Media Analytics hits (PROTOCOL.md
 * §10), for sites that run the Media Analytics plugin on their Matomo server,
 * without its script. Event listeners on the media elements drive
 * everything: nothing polls, and media that does not play costs no script
 * time.
 */

/** Options of enableMediaTracking(); each also has the plugin's `_paq` command (docs/media.md). */
export interface MediaOptions {
  /** Seconds between two updates while a media plays, at least 1; default 5. (`MediaAnalytics::setPingInterval`) */
  pingInterval?: number;
  /** Seconds after a view's first play when its tracking stops, at least 1; default 10800 (3 hours). (`MediaAnalytics::setMaxTrackingTime`) */
  maxTrackingTime?: number;
  /** Also send play, pause, resume, seek and finish as events (`e_c` MediaVideo or MediaAudio); default false. (`MediaAnalytics.enableTrackEvents`) */
  trackEvents?: boolean;
}

declare module '../core/tracker.js' {
  interface Tracker {
    /** media tracking's options; kept while it is off, so `_paq` may set them before it starts */
    _mediaOpts?: Required<MediaOptions>;
    /** running media tracking: scan a root for media (and watch it for more), and stop */
    _media?: [(root: Node) => void, () => void];
  }
}

/** The plugin's defaults (§10.2). */
const DEFAULTS: Required<MediaOptions> = { pingInterval: 5, maxTrackingTime: 10800, trackEvents: false };
/** The longest delay setTimeout takes, in seconds (2^31 - 1 ms): options are refused beyond it. */
const MAX_S = 2147483;
/** `ma_se` positions are the ends of 5 s segments: a position p played is reported as ceil(p / 5) * 5. */
export const SEGMENT_S = 5;
/** A seek reports once the visitor stopped seeking for this long, so dragging the time slider sends one update. */
export const SEEK_SETTLE_MS = 1000;
/** What a view reacts to; `loadstart` marks a new source. */
const EVENTS = 'loadstart loadedmetadata play playing pause waiting seeking seeked ended'.split(' ');
const MEDIA = 'video,audio';
const CALL = 'enableMediaTracking';

/** Whole seconds, or undefined for NaN, Infinity (a live stream's duration) and negatives. */
const seconds = (value: number) => (value >= 0 && value < Infinity ? Math.round(value) : undefined);

/** `ma_ti` (§10.1): the title attributes, the element's title or label, else the file name of an http(s) resource. */
function titleOf(el: HTMLMediaElement, resource: string): string | undefined {
  const data = el.dataset;
  let title = data.matomoTitle || data.piwikTitle || el.title || el.getAttribute('aria-label');
  try {
    title ||= decodeURIComponent(/^https?:\/\/[^?#]*\/([^/?#]+)/.exec(resource)?.[1] || '');
  } catch {
    // a file name that is not valid percent-encoding: no title
  }
  return title || undefined;
}

/** Validates options into the tracker's media options (made with the defaults on first use). */
export function setMediaOptions(tracker: Tracker, options: unknown, call: string): void {
  const opts = (tracker._mediaOpts ||= { ...DEFAULTS });
  if (options != null && typeof options != 'object') return must(call, options, __DEBUG__ && 'options must be an object');
  for (const [key, value] of Object.entries(options || {})) {
    const type = typeof DEFAULTS[key as keyof MediaOptions];
    // own options only (not `toString`); seconds within setTimeout's range, NaN is none
    if (DEFAULTS.hasOwnProperty(key) && typeof value == type && (type != 'number' || (value >= 1 && value <= MAX_S))) {
      (opts as Record<string, unknown>)[key] = value;
    } else {
      must(call, value, __DEBUG__ && (type == 'undefined' ? 'unknown option ' + show(key) : key + (type == 'number' ? ' must be a number of seconds from 1 to ' + MAX_S : ' must be true or false')));
    }
  }
}

/**
 * Tracks every `<video>` and `<audio>` of the page, and those added later
 * (a MutationObserver), as Media Analytics views (§10): one `ma_id` per
 * source an element plays. Elements with `data-matomo-ignore` or
 * `data-piwik-ignore`, and elements without a source, are left alone.
 *
 * A view sends:
 * - an impression (`ma_st=0`) when it first becomes visible;
 * - an update on play, pause, the end of a seek and the end;
 * - an update every `pingInterval` seconds while it plays;
 * - a last update when the page is hidden or left while it plays.
 *
 * Each is a hit with `ca=1` (§1.8) and the page view's `pv_id`: `ma_id`,
 * `ma_ti`, `ma_re`, `ma_mt`, `ma_pn=html5`, `ma_st` (seconds played, not
 * while paused, seeking or stalled), `ma_le` (left out for a live stream),
 * `ma_ps`, `ma_ttp`, for video `ma_w`, `ma_h`, `ma_fs`, and `ma_se` (the
 * 5-second segments played since the last hit). With `trackEvents`, also
 * MediaVideo/MediaAudio events, rate limited per page view as the plugin's.
 * A new page view (a single-page app) leaves the views as they are: their
 * next hits carry its `pv_id`. Calling it again while it runs changes the
 * options.
 * Returns stop(), which sends a last update for the media playing.
 *
 * ```ts
 * const stop = enableMediaTracking(tracker, { pingInterval: 10 });
 * ```
 */
export const enableMediaTracking = api(
  'enableMediaTracking',
  (tracker, options?: MediaOptions): (() => void) => {
    setMediaOptions(tracker, options, CALL);
    return guard('stop', (tracker._media ||= start(tracker))[1]);
  },
  () => {},
) as (tracker: Tracker, options?: MediaOptions) => () => void;

/** Stops media tracking (enableMediaTracking's stop()); the options stay. */
export const disableMediaTracking = api('disableMediaTracking', (tracker): void => {
  tracker._media?.[1]();
});

/**
 * Looks for media in `root` (default: the document) now, and watches it for
 * more: only needed for media in a shadow root, which the document's
 * MutationObserver does not see. (`MediaAnalytics::scanForMedia`)
 */
export const scanForMedia = api('scanForMedia', (tracker, root: Node = document): void => {
  const media = tracker._media;
  if (!media) warn('scanForMedia', __DEBUG__ && 'media tracking is off; call enableMediaTracking first');
  else if (root instanceof Node) media[0](root);
  else must('scanForMedia', root, __DEBUG__ && 'root must be a DOM node');
});

function start(tracker: Tracker): [(root: Node) => void, () => void] {
  const opts = tracker._mediaOpts!;
  const tracked = new WeakSet<Element>();
  // the updates of the media that play (sent on leaving), and the impressions awaited (dropped on stop)
  const playing = new Set<() => unknown>();
  const unseen = new Set<() => void>();
  const listening = new AbortController();
  // events sent in this page view, per action and per action and media (the page view's id is under 0)
  let counts: Record<string, any> = {};
  let on = true;

  const safely =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        fn(...args);
      } catch (error) {
        report(tracker, CALL, error);
      }
    };

  const track = (el: HTMLMediaElement) => {
    const data = el.dataset;
    if (tracked.has(el) || 'matomoIgnore' in data || 'piwikIgnore' in data) return;
    tracked.add(el);
    const video = el.tagName == 'VIDEO';
    // The view (§10.1): one source in this element. Times are ms of the
    // clock, positions seconds of the media. `id` is empty while the
    // element has no source.
    let id: string;
    let src: string;
    let resource: string;
    let title: string | undefined;
    // when the view began, was first visible (its impression), first played
    let at: number;
    let seen: number | undefined;
    let played: number | undefined;
    // time played, since when it counts (while playing), from which position
    let ms: number;
    let since: number | undefined;
    let from: number;
    // segments played (by their end, in seconds): 1 until sent, then 2
    let segments: Record<number, number>;
    // the next update (a ping, or the report of a settled seek); a seek ended
    // since the last update; the end was reached (a play after it is no resume)
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seek: boolean;
    let fin: boolean;
    // seen, and its impression waits for the metadata
    let impress: boolean;
    let unwatch: (() => void) | undefined;

    // Adds the time played since the last look, and the segments crossed;
    // then counts on from now only if the element plays now: not paused,
    // seeking, ended, or waiting for data (stalled). Play time is the
    // visitor's, by the media's own clock (how far it played, at its rate):
    // a page too busy to play moves the clock, not the media. At `seeking`
    // and after load() the element is already elsewhere: the stretch is
    // worked out from the clock then.
    const tally = () => {
      const now = Date.now();
      if (since != null) {
        const elapsed = now - since;
        const known = !el.seeking && el.readyState;
        const to = known ? el.currentTime : Math.min(from + (elapsed / 1e3) * el.playbackRate, el.duration || Infinity);
        const moved = ((to - from) / el.playbackRate) * 1e3;
        // NaN positions: the clock
        ms += known && moved >= 0 ? Math.min(moved, elapsed) : elapsed;
        // the positions in (from, to]; NaN positions give none
        for (let k = Math.floor(from / SEGMENT_S) + 1; k <= Math.ceil(to / SEGMENT_S); k++) segments[k * SEGMENT_S] ||= 1;
      }
      since = !el.paused && !el.seeking && !el.ended && el.readyState > 2 ? now : undefined;
      from = el.currentTime;
      return now;
    };

    const event = (action: string) => {
      if (counts[0] !== tracker._pvId) counts = { 0: tracker._pvId };
      // the plugin's limits per page view (§10.3): per media (pause and
      // resume 50 for media over 15 minutes), and for all media together
      const perMedia = /^(pause|resume)$/.test(action) && !(el.duration > 900) ? 25 : 50;
      const all = /^(play|finish)$/.test(action) ? 50 : 100;
      const count = (key: string) => (counts[key] = (counts[key] || 0) + 1);
      // an event refused for its media does not count against all media
      if (count(action + ' ' + resource) <= perMedia && count(action) <= all) {
        send(tracker, [['e_c', video ? 'MediaVideo' : 'MediaAudio'], ['e_a', action], ['e_n', title || resource], ['ca', 1]], CALL);
      }
    };

    // Sends the view's state, and with trackEvents the settled seek and
    // `action` as events; falsy once the view is past maxTrackingTime.
    const update = (action?: string): true | undefined => {
      const now = tally();
      if (now - (played ?? now) > opts.maxTrackingTime * 1e3) return;
      // integer keys enumerate in ascending order
      const fresh = Object.keys(segments).filter((k) => segments[+k] < 2);
      for (const k of fresh) segments[+k] = 2;
      const params: Params = [
        ['ma_id', id],
        ['ma_ti', title],
        ['ma_re', resource],
        ['ma_mt', video ? 'video' : 'audio'],
        ['ma_pn', 'html5'],
        ['ma_st', Math.round(ms / 1e3)],
        ['ma_le', seconds(el.duration)],
        // without metadata (not loaded yet, or load() called) the position is not known
        ['ma_ps', seconds(el.readyState ? el.currentTime : NaN)],
        ['ma_ttp', played && Math.round((played - (seen ?? at)) / 1e3)],
      ];
      // a player's own fullscreen wrapper shows the video in full screen too
      if (video) params.push(['ma_w', el.offsetWidth], ['ma_h', el.offsetHeight], ['ma_fs', document.fullscreenElement?.contains(el) ? 1 : 0]);
      params.push(['ma_se', fresh.join(',') || undefined], ['ca', 1]);
      send(tracker, params, CALL);
      if (opts.trackEvents) {
        if (seek) event('seek');
        if (action) event(action);
      }
      seek = false;
      return true;
    };

    // the next update in `delay` ms: a ping while playing, or the report of a settled seek
    const later = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(
        safely(() => on && (!el.paused || seek) && update() && !el.paused && later(opts.pingInterval * 1e3)),
        delay,
      );
    };

    // a new view for the element's source, if it has one; its impression when it is first visible
    const begin = () => {
      src = el.currentSrc;
      resource = data.matomoResource || data.piwikResource || src;
      id = resource && randomChars(16, /[\W_]/g);
      title = titleOf(el, resource);
      at = Date.now();
      seen = played = since = undefined;
      ms = 0;
      from = el.currentTime;
      segments = {};
      seek = fin = impress = false;
      const view = id;
      unwatch = view
        ? whenVisible(tracker, el, () => {
            unseen.delete(unwatch!);
            safely(() => {
              // played first: its play hit said it all
              if (on && view == id && played == null) {
                seen = Date.now();
                // its length comes with the metadata: the impression waits
                // for it, unless it will not load before a play
                if (el.readyState || el.preload == 'none') update();
                else impress = true;
              }
            })();
            return true;
          })
        : undefined;
      if (unwatch) unseen.add(unwatch);
    };

    const handle = safely((event: Event) => {
      const type = event.type;
      // a new source: the old view ends (load() pauses without a pause event)
      if (type == 'loadstart' && el.currentSrc != src) {
        clearTimeout(timer);
        if (unwatch) unseen.delete(unwatch), unwatch();
        if (playing.delete(update)) update();
        begin();
      }
      if (!id) return;
      if (type == 'play') {
        playing.add(update);
        const first = played == null;
        if (first) played = Date.now();
        update(first || fin ? 'play' : 'resume');
        fin = false;
        later(opts.pingInterval * 1e3);
      } else if ((type == 'pause' && !el.ended) || type == 'ended') {
        // at its end the element pauses, then ends: one update, at the end
        playing.delete(update);
        clearTimeout(timer);
        fin = type == 'ended';
        update(fin ? 'finish' : 'pause');
      } else if (type == 'loadedmetadata') {
        if (impress && played == null) update();
        impress = false;
      } else {
        tally();
        if (type == 'seeked') {
          seek = true;
          later(SEEK_SETTLE_MS);
        }
      }
    });

    for (const type of EVENTS) el.addEventListener(type, handle, { signal: listening.signal });
    begin();
  };

  const scan = (root: Node) => {
    if ((root as Element).matches?.(MEDIA)) track(root as HTMLMediaElement);
    (root as ParentNode).querySelectorAll?.<HTMLMediaElement>(MEDIA).forEach(track);
  };

  const observer = new MutationObserver(
    safely((records: MutationRecord[]) => {
      for (const record of records) record.addedNodes.forEach(scan);
    }),
  );

  const onLeave = () => playing.forEach((update) => update());

  const watch = (root: Node) => {
    observer.observe(root, { childList: true, subtree: true });
    scan(root);
  };

  const stop = () => {
    if (!on) return;
    onLeave();
    on = false;
    listening.abort();
    observer.disconnect();
    unseen.forEach((unwatch) => unwatch());
    tracker._onLeave = tracker._onLeave.filter((hook) => hook != onLeave);
    tracker._media = undefined;
  };

  tracker._onLeave.push(onLeave);
  watch(document);
  return [watch, stop];
}
