/**
 * URL clean-up before a URL is reported (§2.8): named query parameters are
 * removed from the query and from a fragment that looks like a query, the
 * rest is left byte for byte as it was (no decoding, no re-encoding).
 */
export function stripParams(url: string, names: string[]): string {
  // `part` is a query after its first `at` characters (`…?` or `#`; 0: no
  // query); without what is left of the query, its `?` goes too, and a bare `#`
  const clean = (part: string, at: number | false) => {
    if (!at) return part;
    const query = part
      .slice(at)
      .split('&')
      .filter((pair) => pair && !names.includes(pair.split('=')[0]))
      .join('&');
    return query ? part.slice(0, at) + query : part.slice(0, at - 1).replace(/^#$/, '');
  };
  const base = url.split('#')[0];
  const fragment = url.slice(base.length);
  return (
    clean(base, base.indexOf('?') + 1) +
    // `#a=1`, `#?a=1`, or a hash route with a query: `#/landing?a=1`
    clean(fragment, fragment.includes('=') && (fragment.indexOf('?') + 1 || 1))
  );
}

/**
 * The first non-empty value of the first of `names` that has one, in the
 * query or anywhere in the fragment, decoded; '' when none has. Like
 * matomo.js, a name counts after any `?`, `&` or `#`, so hash-routed pages
 * (`#/landing?utm_campaign=x`) work.
 */
export function urlParam(url: string, names: string[]): string {
  for (const name of names) {
    for (const part of url.split(/[?&#]/).slice(1)) {
      const value = new URLSearchParams(part).get(name);
      if (value) return value;
    }
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
