/**
 * The page as a hit reports it. Read when each hit is built, not once at
 * load as matomo.js does (§2.3), so single-page apps report where the visitor
 * is now; never decoded and re-encoded, so `%26` stays `%26`.
 */

export function pageUrl(): string {
  return location.href;
}

export function pageTitle(): string {
  return document.title;
}

/** The referrer of the top window when readable (the tracker may live in an iframe), else ours. */
export function pageReferrer(): string {
  try {
    return top!.document.referrer;
  } catch {
    return document.referrer;
  }
}
