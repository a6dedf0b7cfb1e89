import { api, must } from '../core/api.js';
import { withOneCookieRead } from '../core/cookies.js';
import { BULK_MAX } from '../core/transport.js';
import { guard } from '../core/guard.js';
import { logValue } from '../core/log.js';
import { send } from '../core/send.js';
import type { Tracker } from '../core/tracker.js';
import { text } from '../core/validate.js';
import { forget, unwatch, whenVisible } from '../core/visibility.js';
import type { Params } from '../context/params.js';
import { blockOn, blocksIn, contentOf, hrefOf, ignoresInteraction, pathOf, targetNode, type Content } from './content-block.js';

/**
 * Content tracking (PROTOCOL.md §8): impressions of the content blocks a
 * page marks up (content-block.ts reads their name, piece and target), and
 * interactions with them.
 *
 * - Which blocks were seen is the browser's to say: one IntersectionObserver
 *   per tracker (core/visibility.ts) reports a block when it enters the
 *   viewport, and the block's style is checked then, once. A
 *   MutationObserver watches blocks added later. Nothing polls: on a page
 *   where nothing changes, no tracker code runs (matomo.js rescans every
 *   block every 750 ms, and every 100 ms after a scroll).
 * - A block is impressed once per page view, by its (name, piece, target);
 *   trackPageView, trackSiteSearch and clearTrackedContentImpressions start
 *   over, as in matomo.js. The impressions found together leave together,
 *   in bulk requests: a bulk body's worth, or 10 ms of work, per task.
 * - A click on a block's target is an interaction, `c_i=click`, with the
 *   impression's name and piece; when link tracking sends a hit for that
 *   click, the hit carries the content part instead (one hit, §8.6).
 */

/** The content part of a hit: `[c_i=…&]c_n=…&c_p=…[&c_t=…]&ca=1` (§8.3). */
const contentParams = ({ name, piece, target }: Content, interaction?: string): Params => [
  ['c_i', interaction],
  ['c_n', name],
  ['c_p', piece],
  ['c_t', target || undefined],
  ['ca', 1],
];

type State = NonNullable<Tracker['_content']>;

/** The longest stretch of impressions built in one task (ms): well under a long task's 50 ms on a slow or busy device. */
const SLICE_MS = 10;

/** Runs `fn` once the document is parsed (at once when it is): matomo.js scans at DOM-ready too. */
function whenParsed(fn: () => void): void {
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

/** Sends the block's impression unless this page view sent the same (name, piece, target). */
function impress(state: State, tracker: Tracker, block: Element, call: string): void {
  const content = contentOf(block);
  const key = JSON.stringify(content);
  if (!state._seen.has(key)) {
    state._seen.add(key);
    send(tracker, contentParams(content), call);
  }
}

/**
 * The interaction a click is, if any (§8.6), from its path (the clicked
 * element and its ancestors, out of shadow roots too): the click is in a
 * block, inside the block's target node when the markup names one, and
 * that node is not marked to ignore interactions. `link`: a link's own URL,
 * the target when the block has none (as matomo.js's link hits).
 */
function clickOn(path: EventTarget[], link?: string): Params | undefined {
  const block = blockOn(path);
  const target = block && targetNode(block);
  if (!block || ignoresInteraction(target || block) || (target && !path.includes(target))) return undefined;
  const content = contentOf(block);
  content.target ||= link || '';
  return contentParams(content, 'click');
}

/**
 * Content tracking on this tracker, started if need be: the dedupe list,
 * the hooks that reset it, the click listener and the content part of link
 * hits. Every function that tracks blocks starts it and returns its stop().
 */
function start(tracker: Tracker): State {
  if (tracker._content) return tracker._content;
  // the content part of the link hit for a click on this element (§8.6, TV-22)
  const linkPart = (element: Element): Params => {
    const link = element.closest('a,area') || element;
    return clickOn(pathOf(link), hrefOf(link)) || [];
  };
  // capture, on the document: a page that stops the click's propagation
  // does not hide it, and one listener serves every block, present or later
  const onClick = guard('content interaction', (event: Event) => {
    // the clicked element itself, inside an open shadow root too (event.target would be its host)
    const path = event.composedPath();
    const element = path[0] as Element;
    const interaction = clickOn(path);
    // link tracking sends this click with the content part: one hit
    if (interaction && !(tracker._linkKind?.(element) && linkPart(element)[0])) send(tracker, interaction, 'content interaction');
  });
  const reset = () => {
    state._seen.clear();
    state._watch?.(document);
  };
  // the blocks found in one task are impressed right after it, at most a
  // bulk body's worth (one request) or SLICE_MS of work per task: a page
  // that brings many blocks into view at once, or trackAllContentImpressions
  // on a long page, never makes a long task; each batch reads the cookies once
  const due: [Element, string][] = [];
  const impressDue = guard('content impressions', () => {
    if (tracker._content != state) return;
    const until = performance.now() + SLICE_MS;
    let done = 0;
    withOneCookieRead(() => {
      while (done < due.length && done < BULK_MAX && (!done || performance.now() < until)) {
        const [block, call] = due[done++]!;
        impress(state, tracker, block, call);
      }
    });
    due.splice(0, done);
    if (due.length) setTimeout(impressDue);
  });
  const state: State = (tracker._content = {
    _seen: new Set(),
    _impress: (block, call) => {
      if (due.push([block, call]) < 2) queueMicrotask(impressDue);
    },
    _reset: reset,
    _stop: () => {
      due.length = 0;
      document.removeEventListener('click', onClick, true);
      tracker._onPageView = tracker._onPageView.filter((hook) => hook != reset);
      tracker._onSiteSearch = tracker._onSiteSearch.filter((hook) => hook != reset);
      tracker._linkParams = tracker._linkParams.filter((hook) => hook != linkPart);
      tracker._content = undefined;
    },
  });
  document.addEventListener('click', onClick, true);
  tracker._onPageView.push(reset);
  tracker._onSiteSearch.push(reset);
  tracker._linkParams.push(linkPart);
  return state;
}

/** stop() for the content tracking `state`: a stale one, after a restart, stops nothing. */
const stopper = (tracker: Tracker, state: State) =>
  guard('stop', () => {
    if (tracker._content == state) state._stop();
  });

/**
 * Whether a block that intersects the viewport is drawn (§8.5): neither it
 * nor an ancestor has display: none or opacity: 0, it is not visibility:
 * hidden, and it is not a zero-size `box` that clips its content. Without
 * Element.checkVisibility (Safari before 17.4), a block in the document is.
 */
function rendered(block: Element, { width, height }: DOMRectReadOnly): unknown {
  return (
    (block.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? block.isConnected) &&
    ((width && height) || getComputedStyle(block).overflow != 'hidden')
  );
}

/**
 * Tracks the blocks in `node` (`node` itself included) once the document is
 * parsed: each as it enters the viewport once trackVisibleContentImpressions
 * started, unless `all`; else every one at once. Returns stop().
 */
function scan(tracker: Tracker, node: ParentNode, call: string, all?: boolean): () => void {
  const state = start(tracker);
  whenParsed(
    guard(call, () => {
      if (tracker._content != state) return;
      if (state._watch && !all) state._watch(node);
      else for (const block of blocksIn(node)) state._impress(block, call);
    }),
  );
  return stopper(tracker, state);
}

/**
 * From now on, blocks are impressed as they enter the viewport (§8.4),
 * blocks added later included. A block that enters hidden (opacity: 0 or
 * visibility: hidden, such as a faded-out slide or a page behind an
 * anti-flicker snippet) is checked again when a class or style attribute
 * changes, and only while such a block waits.
 */
function watchVisible(tracker: Tracker, call: string): void {
  const state = start(tracker);
  if (state._watch) return;
  const hidden = new Set<Element>();
  const onEnter = (block: Element, box: DOMRectReadOnly): boolean => {
    if (rendered(block, box)) {
      state._impress(block, call);
      return true;
    }
    hidden.add(block);
    observe();
    return false;
  };
  const watch = (state._watch = (node: ParentNode) => {
    for (const block of blocksIn(node)) whenVisible(tracker, block, onEnter);
  });
  const observer = new MutationObserver(
    guard(call, (records: MutationRecord[]) => {
      let removed = false;
      for (const { addedNodes, removedNodes } of records) {
        for (const node of addedNodes) if (node.nodeType == 1) watch(node as Element);
        for (const node of removedNodes) removed ||= node.nodeType == 1;
      }
      // the observer would keep the blocks a single-page app removed alive
      if (removed) forget(tracker, onEnter);
      for (const block of hidden) {
        if (!block.isConnected || rendered(block, block.getBoundingClientRect())) {
          hidden.delete(block);
          // watched anew, it is reported at once if it is in the viewport
          unwatch(tracker, block, onEnter);
          if (block.isConnected) whenVisible(tracker, block, onEnter);
        }
      }
      observe();
    }),
  );
  // attribute changes only while a hidden block waits to be shown
  const observe = () => observer.observe(document, { childList: true, subtree: true, attributeFilter: hidden.size ? ['class', 'style'] : undefined });
  const stop = state._stop;
  state._stop = () => {
    observer.disconnect();
    forget(tracker, onEnter, true);
    stop();
  };
  whenParsed(() => tracker._content == state && observe());
}

/**
 * Sends an impression of every block that enters the viewport, and of
 * blocks added later when they do (§8.4): the usual way to track content.
 * `checkOnScroll` and `timeInterval` are accepted for matomo.js
 * compatibility and not needed: the browser reports what enters the
 * viewport, scrolled containers included. Starts when the document is
 * parsed. Returns stop(), which ends all content tracking on the tracker.
 *
 * ```ts
 * const stop = trackVisibleContentImpressions(tracker); // _paq.push(['trackVisibleContentImpressions'])
 * ```
 */
export const trackVisibleContentImpressions = api(
  'trackVisibleContentImpressions',
  (tracker, _checkOnScroll?: boolean, _timeInterval?: number): (() => void) => {
    const call = 'trackVisibleContentImpressions';
    watchVisible(tracker, call);
    return scan(tracker, document, call);
  },
  () => {},
) as (tracker: Tracker, checkOnScroll?: boolean, timeInterval?: number) => () => void;

/**
 * Sends an impression of every block on the page once it is parsed,
 * visible or not, in bulk (§8.4). Blocks added later are not tracked (use
 * trackVisibleContentImpressions, or trackContentImpressionsWithinNode).
 * Returns stop(), which ends all content tracking on the tracker.
 */
export const trackAllContentImpressions = api(
  'trackAllContentImpressions',
  (tracker): (() => void) => scan(tracker, document, 'trackAllContentImpressions', true),
  () => {},
) as (tracker: Tracker) => () => void;

/**
 * Tracks the blocks in `node` (and `node` itself if it is one): every one
 * now, or, once trackVisibleContentImpressions was called, each as it
 * enters the viewport (§8.4). For content added where the tracker cannot
 * see it otherwise, such as a shadow root. Returns stop(), which ends all
 * content tracking on the tracker.
 */
export const trackContentImpressionsWithinNode = api(
  'trackContentImpressionsWithinNode',
  (tracker, node: ParentNode): (() => void) => {
    const call = 'trackContentImpressionsWithinNode';
    if (typeof node?.querySelectorAll == 'function') return scan(tracker, node, call);
    must(call, node, __DEBUG__ && 'node must be an element');
    return () => {};
  },
  () => {},
) as (tracker: Tracker, node: ParentNode) => () => void;

/** The hit of trackContentImpression (no `interaction`) or trackContentInteraction: name required, piece `Unknown` by default. */
function sendContent(tracker: Tracker, call: string, interaction: string | undefined, contentName: unknown, piece: unknown, target: unknown): void {
  const name = text(contentName);
  if (!name) must(call, contentName, __DEBUG__ && 'contentName must be a non-empty string');
  else send(tracker, contentParams({ name, piece: text(piece) || 'Unknown', target: text(target) || '' }, interaction), call);
}

/**
 * Sends one impression of content that is not marked up (§8.4): `c_n`,
 * `c_p` (default `Unknown`), `c_t` when given. Not deduplicated.
 *
 * ```ts
 * trackContentImpression(tracker, 'Spring sale', 'banner-a.png', 'https://shop.example.org/sale');
 * ```
 */
export const trackContentImpression = api(
  'trackContentImpression',
  (tracker, contentName: string, contentPiece?: string, contentTarget?: string): void =>
    sendContent(tracker, 'trackContentImpression', undefined, contentName, contentPiece, contentTarget),
);

/**
 * Sends one interaction with content that is not marked up (§8.6):
 * `c_i=<interaction>` with the name, piece (default `Unknown`) and target of
 * its impression, so Matomo pairs them.
 *
 * ```ts
 * trackContentInteraction(tracker, 'submit', 'Newsletter form', 'Sign-up box');
 * ```
 */
export const trackContentInteraction = api(
  'trackContentInteraction',
  (tracker, contentInteraction: string, contentName: string, contentPiece?: string, contentTarget?: string): void => {
    const call = 'trackContentInteraction';
    const interaction = text(contentInteraction);
    if (interaction) sendContent(tracker, call, interaction, contentName, contentPiece, contentTarget);
    else must(call, contentInteraction, __DEBUG__ && 'contentInteraction must be a non-empty string');
  },
);

/**
 * Sends an interaction with the block around `node` (§8.6), read from its
 * markup: `c_i=<interaction>` (default `Unknown`) and the block's name,
 * piece and target. For interactions other than clicks on the target, such
 * as a form submitted in a block.
 *
 * ```ts
 * trackContentInteractionNode(tracker, form, 'submit');
 * ```
 */
export const trackContentInteractionNode = api(
  'trackContentInteractionNode',
  (tracker, node: Node, contentInteraction?: string): void => {
    const call = 'trackContentInteractionNode';
    const block = blockOn(pathOf(node));
    const interaction = contentInteraction == null ? 'Unknown' : text(contentInteraction);
    if (!block) must(call, node, __DEBUG__ && 'node must be in a content block');
    else if (!interaction) must(call, contentInteraction, __DEBUG__ && 'contentInteraction must be a non-empty string');
    else send(tracker, contentParams(contentOf(block), interaction), call);
  },
);

/** Logs (console.log, in every build) and returns the name, piece and target of every block on the page, in document order. */
export const logAllContentBlocksOnPage = api('logAllContentBlocksOnPage', (_tracker): Content[] => {
  const blocks = blocksIn(document).map(contentOf);
  logValue(blocks);
  return blocks;
});

/**
 * Forgets which blocks were impressed in this page view, so they are
 * impressed again: at once with trackAllContentImpressions's next call, as
 * they enter the viewport (or are in it now) with trackVisibleContentImpressions.
 */
export const clearTrackedContentImpressions = api('clearTrackedContentImpressions', (tracker): void => {
  tracker._content?._reset();
});

export type { Content };
