/**
 * The one-tag install, for sites whose Content-Security-Policy forbids inline
 * scripts:
 *
 * ```html
 * <script src="/matomo-lite.js" data-tracker-url="https://stats.example.org/matomo.php" data-site-id="3" defer></script>
 * ```
 *
 * The tag's `data-` attributes become `_paq` commands: the settings go before
 * whatever the page queued (so the page's own commands win), the heartbeat,
 * SPA tracking and the page view after it (so they see the page's settings).
 * A tag with neither `data-tracker-url` nor `data-site-id` is a plain `_paq`
 * install.
 */
export function scriptCommands(script: HTMLOrSVGElement | null): [unknown[][], unknown[][]] {
  const head: unknown[][] = [];
  const tail: unknown[][] = [];
  // data-site-id is dataset.siteId
  const data: DOMStringMap = script?.dataset || {};
  const { trackerUrl, siteId, domains, heartbeat, spa } = data;
  if (trackerUrl != null || siteId != null) {
    if (trackerUrl != null) head.push(['setTrackerUrl', trackerUrl]);
    if (siteId != null) head.push(['setSiteId', siteId]);
    // presence switches these on, whatever the value; the attribute is the method's name
    for (const method of ['disableCookies', 'requireConsent', 'requireCookieConsent']) {
      if (data[method] != null) head.push([method]);
    }
    if (domains) head.push(['setDomains', domains.trim().split(/[\s,]+/)]);
    // presence, whatever the value, as above
    if (data.linkTracking != null) head.push(['enableLinkTracking']);
    // empty: undefined, the default delay; a number of seconds otherwise (anything else is refused with a warning)
    if (heartbeat != null) tail.push(['enableHeartBeatTimer', heartbeat ? +heartbeat : undefined]);
    // the words it lists are options set to true: `data-spa="hash replace"` (an unknown one is warned about)
    if (spa != null) tail.push(['enableSpaTracking', Object.fromEntries(spa.split(/[\s,]+/).filter(Boolean).map((word) => [word, true]))]);
    if (data.noPageview == null) tail.push(['trackPageView']);
  }
  return [head, tail];
}
