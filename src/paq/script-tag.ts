/**
 * The one-tag install, for sites whose Content-Security-Policy forbids inline
 * scripts:
 *
 * ```html
 * <script src="/matomo-lite.js" data-tracker-url="https://stats.example.org/matomo.php" data-site-id="3" defer></script>
 * ```
 *
 * The tag's `data-` attributes become `_paq` commands: the settings go before
 * whatever the page queued (so the page's own commands win), the page view
 * and the heartbeat after it (so they see the page's settings). A tag with
 * neither `data-tracker-url` nor `data-site-id` is a plain `_paq` install.
 */
export function scriptCommands(script: Element | null): [unknown[][], unknown[][]] {
  const head: unknown[][] = [];
  const tail: unknown[][] = [];
  // attributes by their camel-case name, a leading "set" dropped: setSiteId reads data-site-id,
  // noPageview data-no-pageview; the method names then compress against the method table
  const attr = (name: string) => script?.getAttribute('data-' + name.replace(/^set/, '').replace(/\B[A-Z]/g, '-$&').toLowerCase());
  if (attr('setTrackerUrl') != null || attr('setSiteId') != null) {
    for (const method of ['setTrackerUrl', 'setSiteId', 'disableCookies', 'requireConsent', 'requireCookieConsent', 'setDomains']) {
      const value = attr(method);
      // the setters take the value (setDomains a list, when not empty); presence switches the others on, whatever the value
      if (method == 'setDomains') {
        if (value) head.push([method, value.trim().split(/[\s,]+/)]);
      } else if (value != null) head.push(method[0] == 's' ? [method, value] : [method]);
    }
    const heartbeat = attr('heartbeat');
    // empty: undefined, the default delay; a number of seconds otherwise (anything else is refused with a warning)
    if (heartbeat != null) tail.push(['enableHeartBeatTimer', heartbeat ? +heartbeat : undefined]);
    if (attr('noPageview') == null) tail.push(['trackPageView']);
  }
  return [head, tail];
}
