import { isSiteUrl } from '../core/domains.js';
import type { Tracker } from '../core/tracker.js';
import { parseUrl } from '../core/url.js';

/**
 * Which hit a click on a link sends, by matomo.js's rules (PROTOCOL.md
 * §7.2–§7.5): `link` (an outlink), `download`, or none. Only the clicked link
 * is read, never the rest of the document.
 */

declare module '../core/tracker.js' {
  interface Tracker {
    /** extra class names of setIgnoreClasses, setDownloadClasses, setLinkClasses */
    _classes?: { [K in ClassRole]?: string[] };
    /** setDownloadExtensions & co.: the download extensions, lower case; unset: DOWNLOAD_EXTENSIONS */
    _extensions?: string[];
  }
}

/** What a click is: an outlink (`link=`) or a download (`download=`). */
export type LinkKind = 'link' | 'download';
/** What a class on a link can say: ignore it, or force a download or an outlink (§7.5). */
export type ClassRole = 'ignore' | 'download' | 'link';

/** matomo.js 5.x's download extensions, in its order (§7.6). */
export const DOWNLOAD_EXTENSIONS = (
  '7z aac apk arc arj asc asf asx avi azw3 bin csv deb dmg doc docx epub exe flv gif gz gzip hqx ibooks jar jpg ' +
  'jpeg js md5 mobi mp2 mp3 mp4 mpg mpeg mov movie msi msp odb odf odg ods odt ogg ogv pdf phps png ppt pptx qt ' +
  'qtm ra ram rar rpm rtf sea sha sha256 sha512 sig sit tar tbz tbz2 bz bz2 tgz torrent txt wav wma wmv wpd xls ' +
  'xlsx xml xz z zip'
).split(' ');

/**
 * Never tracked (§7.2): scripts, and addresses that are people, not pages.
 * `data:` too, unlike matomo.js: its URL is the file itself (an export of
 * the visitor's data), which must not end up in analytics.
 */
const NEVER = /^(javascript|vbscript|jscript|mocha|livescript|ecmascript|mailto|tel|data):$/;

/**
 * The link a click on `node` follows: the nearest `<a>` or `<area>` (HTML
 * or SVG) at or above it in the composed tree, the tree a click's event
 * path takes: from a slotted node to its slot, from a shadow root to its
 * host, so links inside open shadow roots, and slotted content inside a
 * shadow link, count.
 */
export function linkOf(node: unknown): Element | undefined {
  // any node, or the window (the end of an event path): each step reads what exists
  let at: any = node;
  while (at && !['a', 'area'].includes(at.localName)) at = at.assignedSlot || at.parentNode || at.host;
  return at;
}

/** Does the link have one of matomo.js's classes for this role (`matomo_ignore`, `piwik-download`…) or one given to the setter, as a whole token? */
function hasClass(tracker: Tracker, link: Element, role: ClassRole): boolean {
  const extra = tracker._classes?.[role] || [];
  return [...link.classList].some((name) => RegExp('^(matomo|piwik)[_-]' + role + '$').test(name) || extra.includes(name));
}

/**
 * What a click on this link sends, and the link's absolute URL (§7.3, first
 * matching rule wins): nothing for an ignored link, a link without href, one
 * that does not parse or has a NEVER scheme, or one to the tracker itself;
 * `link` for a link class; `download` for the `download` attribute, a
 * download class or a download extension at the end of the URL's path;
 * nothing for a link to one of the site's hosts and paths (setDomains);
 * `link` otherwise.
 *
 * The extension is tested on the path only, unlike matomo.js, which tests
 * the whole URL, so that `https://example.mov/` (a host) and
 * `https://example.org/?file=a.zip` (a query) are not downloads (§14 item 10).
 */
export function linkKind(tracker: Tracker, link: Element): [LinkKind, string] | undefined {
  // SVG's <a> has no string `href` property: its attribute is read, as
  // older SVG's `xlink:href`, and resolved as the browser resolves links
  const attribute = link.getAttribute('href') ?? link.getAttribute('xlink:href');
  const url = attribute != null && !hasClass(tracker, link, 'ignore') && parseUrl(attribute, link.baseURI);
  if (!url || NEVER.test(url.protocol)) return undefined;
  const href = url.href;
  const cfg = tracker._cfg;
  if (cfg.trackerUrl && href.startsWith(new URL(cfg.trackerUrl, location.href).href)) return undefined;
  const path = url.pathname.toLowerCase();
  const kind = hasClass(tracker, link, 'link')
    ? 'link'
    : link.hasAttribute('download') ||
        hasClass(tracker, link, 'download') ||
        (tracker._extensions || DOWNLOAD_EXTENSIONS).some((extension) => path.endsWith('.' + extension))
      ? 'download'
      : !isSiteUrl(cfg.domains, href) && 'link';
  return kind ? [kind, href] : undefined;
}
