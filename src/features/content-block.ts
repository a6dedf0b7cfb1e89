/**
 * A content block's name, piece and target, read from its markup exactly as
 * matomo.js reads them (PROTOCOL.md §8.1–§8.2), so that Matomo's content
 * reports do not change when a site switches trackers. Only the DOM, no
 * tracker: content.ts decides when a block counts.
 *
 * "The first X in a block" is the block itself when it is X, else its first
 * descendant that is, in document order; attributes are looked for before
 * classes, current classes before legacy (piwik*) ones. A value counts when
 * it is not empty (whitespace counts until the final trim, as in matomo.js).
 */

/** A content block: the attribute, or the current or legacy class (§8.1). */
export const BLOCK = '[data-track-content],.matomoTrackContent,.piwikTrackContent';
/** A target node marked so that clicks on it are not interactions. */
const IGNORE = '[data-content-ignoreinteraction],.matomoContentIgnoreInteraction,.piwikContentIgnoreInteraction';
const NAME = 'data-content-name';
const PIECE = 'data-content-piece';
const TARGET = 'data-content-target';

/** What Matomo reports for a block: the values of `c_n`, `c_p` and `c_t` (trimmed; `Unknown`, `Unknown`, `''` when missing). */
export interface Content {
  /** `c_n`: the content's name, e.g. `Spring sale`. */
  name: string;
  /** `c_p`: the piece shown, e.g. a banner's image file. */
  piece: string;
  /** `c_t`: where a click on it goes, an absolute URL; `''` when none. */
  target: string;
}

/** Elements with this attribute set to a non-empty value. */
const filled = (name: string) => `[${name}]:not([${name}=""])`;

/** The first element in `block` that matches one of the selectors, tried in turn. */
function first(block: Element, ...selectors: string[]): Element | undefined {
  for (const selector of selectors) {
    const found = block.matches(selector) ? block : block.querySelector(selector);
    if (found) return found;
  }
  return undefined;
}

/** The attribute's value when it is not empty. */
const value = (element: Element | null | undefined, name: string) => element?.getAttribute(name) || undefined;

/** `node` and its ancestors, out of shadow roots too: the path a click on it takes. */
export function pathOf(node: Node | null | undefined): EventTarget[] {
  const path: EventTarget[] = [];
  for (; node; node = node.parentNode || (node as ShadowRoot).host) path.push(node);
  return path;
}

/** The innermost block on a path (a click's, or pathOf's), if any. */
export const blockOn = (path: EventTarget[]): Element | undefined => path.find((node) => (node as Element).matches?.(BLOCK)) as Element | undefined;

/** Every block in `node` (the node itself included), in document order. */
export const blocksIn = (node: ParentNode): Element[] => [
  ...((node as Element).matches?.(BLOCK) ? [node as Element] : []),
  ...node.querySelectorAll(BLOCK),
];

/** The node holding the piece: the first with the piece attribute, else with a piece class; else the block. */
const pieceNode = (block: Element) => first(block, `[${PIECE}]`, '.matomoContentPiece', '.piwikContentPiece') || block;

/** The node a block's interactions happen on when the markup names one: the first with a non-empty target attribute, else with the attribute, else with a target class. */
export const targetNode = (block: Element) => first(block, filled(TARGET), `[${TARGET}]`, '.matomoContentTarget', '.piwikContentTarget');

/** A click on `node` (the block's target node) is not an interaction. */
export const ignoresInteraction = (node: Element) => node.matches(IGNORE);

/**
 * matomo.js's `toAbsoluteUrl`, rule for rule (§8.2): it leaves alone what
 * has a scheme anywhere (`://`) and what starts with one (`mailto:`), and
 * does not normalise what it joins, so the values stay those matomo.js
 * sends (a `new URL()` would resolve `..` and add slashes).
 */
export function absoluteUrl(url: string): string {
  const { origin, pathname } = location;
  if (url.startsWith('//')) return location.protocol + url;
  if (url.includes('://') || /^[a-z]{2,11}:/i.test(url)) return url;
  if (/^[#?]/.test(url)) return origin + pathname + url;
  // a path from the root, else relative to the page's directory
  return origin + (url[0] == '/' ? '' : pathname.replace(/[^/]*$/, '')) + url;
}

/** The URL of the media a piece node shows: an image, embed, video or audio source, or an object's movie (§8.2). */
function mediaUrl(node: Element): string | undefined {
  const tag = node.nodeName.toLowerCase();
  if (/^(img|embed|video|audio)$/.test(tag)) return value(first(node, filled('src')), 'src');
  if (tag == 'object') {
    const embed = node.querySelector('embed');
    return value(node, 'data') || value(node.querySelector(`param[name="movie"]${filled('value')}`), 'value') || (embed ? mediaUrl(embed) : undefined);
  }
  return undefined;
}

/** An attribute's URL, made absolute; undefined when there is none. */
const absolute = (url: string | undefined) => url && absoluteUrl(url);

/** An element's href attribute, made absolute: how a block's target takes a link's URL. */
export const hrefOf = (element: Element | null | undefined) => absolute(value(element, 'href'));

/**
 * A piece that is a URL on this page's host is named by its path: matomo.js
 * finds the host within the URL's first 8 characters (so `http://` and
 * `https://` URLs of this host), and cuts up to the host after the last
 * `//` (a quirk kept: the name is what Matomo's reports already show).
 */
function pathIfSameHost(piece: string): string {
  const at = piece.indexOf(location.host);
  return /^https?:\/\/[^/]/.test(piece) && at >= 0 && at <= 8 ? piece.replace(/^.*\/\/[^/]+/, '') || '/' : piece;
}

/** The name, piece and target Matomo gets for a block (§8.2). */
export function contentOf(block: Element): Content {
  const pieceAt = pieceNode(block);
  const targetAt = targetNode(block) || block;
  const piece = value(first(block, filled(PIECE)), PIECE) || absolute(mediaUrl(pieceAt));
  const name =
    value(first(block, filled(NAME)), NAME) ||
    (piece && pathIfSameHost(piece)) ||
    value(block, 'title') ||
    value(pieceAt, 'title') ||
    value(targetAt, 'title');
  const target = value(targetAt, TARGET) || hrefOf(targetAt) || hrefOf(pieceAt);
  return { name: name?.trim() || 'Unknown', piece: piece?.trim() || 'Unknown', target: target?.trim() || '' };
}
