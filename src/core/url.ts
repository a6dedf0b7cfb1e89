/**
 * URL clean-up before a URL is reported (§2.8): named query parameters are
 * removed from the query and from a fragment that looks like a query, the
 * rest is left byte for byte as it was (no decoding, no re-encoding).
 */
export function stripParams(url: string, names: string[]): string {
  const strip = (query: string) =>
    query
      .split('&')
      .filter((pair) => pair && !names.includes(pair.split('=')[0]))
      .join('&');
  const hashAt = (url + '#').indexOf('#');
  let base = url.slice(0, hashAt);
  let fragment = url.slice(hashAt);
  const queryAt = base.indexOf('?');
  if (queryAt >= 0) {
    const query = strip(base.slice(queryAt + 1));
    base = base.slice(0, queryAt) + (query ? '?' + query : '');
  }
  if (fragment.includes('=')) {
    // `#a=1`, `#?a=1`, or a hash route with a query: `#/landing?a=1`
    const lead = fragment.slice(0, fragment.indexOf('?') + 1) || '#';
    const query = strip(fragment.slice(lead.length));
    fragment = query ? lead + query : lead.slice(0, -1).replace(/^#$/, '');
  }
  return base + fragment;
}

/**
 * The first non-empty value of a parameter in the query or anywhere in the
 * fragment, decoded; '' when absent. Like matomo.js, a name counts after any
 * `?`, `&` or `#`, so hash-routed pages (`#/landing?utm_campaign=x`) work.
 */
export function urlParam(url: string, name: string): string {
  for (const part of url.split(/[?&#]/).slice(1)) {
    const value = new URLSearchParams(part).get(name);
    if (value) return value;
  }
  return '';
}

/** The URL, resolved against `base` when given; undefined when it does not parse. */
export function parseUrl(url: unknown, base?: string): URL | undefined {
  try {
    return new URL(url as string, base);
  } catch {
    return undefined;
  }
}
