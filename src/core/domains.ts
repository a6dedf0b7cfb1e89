import { parseUrl } from './url.js';

/**
 * Host aliases of the site (`setDomains`, §7.4): decides whether a URL is one
 * of ours (an internal link, an internal referrer) or foreign.
 */

/** Does `host` + `path` fall under one alias such as `example.org`, `*.example.org`, `example.org/shop*`? */
export function matchesAlias(alias: string, host: string, path: string): boolean {
  alias = alias.toLowerCase();
  const slash = (alias + '/').indexOf('/');
  const aliasHost = alias.slice(0, slash).replace(/^\*/, '');
  const aliasPath = alias.slice(slash);
  host = host.toLowerCase();
  path = path.toLowerCase();
  return (
    (aliasHost[0] == '.' ? ('.' + host).endsWith(aliasHost) : host == aliasHost) &&
    (/^\/?\*?$/.test(aliasPath) ||
      (aliasPath.endsWith('*')
        ? path.startsWith(aliasPath.slice(0, -1))
        : // `/shop` matches `/shop` and `/shop/…`, not `/shopping`
          (path + '/').startsWith(aliasPath.replace(/\/?$/, '/'))))
  );
}

/**
 * The aliases in force: those given, plus the current host unless one of
 * them already covers it, or any of them restricts the path (then the site
 * owner must list every host, as in matomo.js).
 */
export function siteAliases(domains: string[], currentHost: string): string[] {
  // a path after the host other than '' or '*'
  return domains.some((d) => /\/(?!\*?$)/.test(d) || matchesAlias(d, currentHost, '/')) ? domains : domains.concat(currentHost);
}

/** Is this absolute URL on one of the site's hosts (and paths)? Undefined (falsy) when it does not parse. */
export function isSiteUrl(domains: string[], url: string): boolean | undefined {
  const parsed = parseUrl(url);
  return parsed && siteAliases(domains, location.hostname).some((alias) => matchesAlias(alias, parsed.hostname, parsed.pathname));
}
