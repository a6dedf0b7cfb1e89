/**
 * Host aliases of the site (`setDomains`, §7.4): decides whether a URL is one
 * of ours (an internal link, an internal referrer) or foreign.
 */

/** Does `host` + `path` fall under one alias such as `example.org`, `*.example.org`, `example.org/shop*`? */
export function matchesAlias(alias: string, host: string, path: string): boolean {
  const slash = alias.indexOf('/');
  let aliasHost = (slash < 0 ? alias : alias.slice(0, slash)).toLowerCase();
  let aliasPath = slash < 0 ? '' : alias.slice(slash);
  host = host.toLowerCase();
  if (aliasHost[0] == '*') aliasHost = aliasHost.slice(1);
  const hostOk =
    aliasHost[0] == '.'
      ? host == aliasHost.slice(1) || host.endsWith(aliasHost)
      : host == aliasHost;
  if (!hostOk) return false;
  if (!aliasPath || aliasPath == '/' || aliasPath == '/*') return true;
  path = path.toLowerCase();
  aliasPath = aliasPath.toLowerCase();
  if (aliasPath.endsWith('*')) return path.startsWith(aliasPath.slice(0, -1));
  // `/shop` matches `/shop` and `/shop/…`, not `/shopping`
  return (path + '/').startsWith(aliasPath.replace(/\/?$/, '/'));
}

/**
 * The aliases in force: those given, plus the current host unless one of
 * them already covers it, or any of them restricts the path (then the site
 * owner must list every host, as in matomo.js).
 */
export function siteAliases(domains: string[], currentHost: string): string[] {
  const restricted = domains.some((d) => {
    const path = d.slice(d.indexOf('/') + 1 || d.length);
    return d.includes('/') && path != '' && path != '*';
  });
  return restricted || domains.some((d) => matchesAlias(d, currentHost, '/'))
    ? domains
    : domains.concat(currentHost);
}

/** Is this absolute URL on one of the site's hosts (and paths)? */
export function isSiteUrl(domains: string[], url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    return siteAliases(domains, location.hostname).some((alias) => matchesAlias(alias, hostname, pathname));
  } catch {
    return false;
  }
}
