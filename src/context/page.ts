/**
 * The page as a hit reports it. Read when each hit is built, not once at
 * load as matomo.js does (§2.3), so single-page apps report where the visitor
 * is now; never decoded and re-encoded, so `%26` stays `%26`.
 */

export function pageUrl(loc: Location = location): string {
  return loc.href;
}

export function pageTitle(doc: Document = document): string {
  return doc.title;
}

/** The referrer of the top window when readable (the tracker may live in an iframe), else ours. */
export function pageReferrer(win: Window = window): string {
  try {
    return win.top!.document.referrer;
  } catch {
    return win.document.referrer;
  }
}
