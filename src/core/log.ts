/**
 * The only place that writes to the console. Misuse of the API (bad input, a
 * call before setSiteId) is always reported, because a site owner needs to see
 * why a hit never arrived; internal errors are reported only in debug mode,
 * and each distinct message only once, so a broken page is not flooded.
 */
const seen: Record<string, 1> = {};

export function warn(message: string): void {
  try {
    console.warn('[matomo-lite] ' + message);
  } catch {
    // a page that replaced console with something broken must not break us
  }
}

export function warnOnce(message: string): void {
  if (!seen[message]) {
    seen[message] = 1;
    warn(message);
  }
}
