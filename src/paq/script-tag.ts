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
  const attr = (name: string) => script?.getAttribute('data-' + name);
  const url = attr('tracker-url');
  const site = attr('site-id');
  if (url != null || site != null) {
    if (url != null) head.push(['setTrackerUrl', url]);
    if (site != null) head.push(['setSiteId', site]);
    // presence switches these on, whatever the value
    // the method is the attribute's name in camel case
    for (const name of ['disable-cookies', 'require-consent', 'require-cookie-consent']) {
      if (attr(name) != null) head.push([name.replace(/-(.)/g, (_, letter) => letter.toUpperCase())]);
    }
    const domains = attr('domains');
    if (domains) head.push(['setDomains', domains.trim().split(/[\s,]+/)]);
    const heartbeat = attr('heartbeat');
    // empty: the default delay; a number of seconds otherwise (anything else is refused with a warning)
    if (heartbeat != null) tail.push(heartbeat ? ['enableHeartBeatTimer', +heartbeat] : ['enableHeartBeatTimer']);
    if (attr('no-pageview') == null) tail.push(['trackPageView']);
  }
  return [head, tail];
}
