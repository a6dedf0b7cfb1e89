import type { Params } from './params.js';

// the timestamps the metrics are deltas of, in time order
const STAMPS = 'fetchStart connectEnd requestStart responseStart responseEnd domInteractive domComplete loadEventStart loadEventEnd'.split(' ');

/**
 * `pf_net … pf_onl` from the Navigation Timing Level 2 entry, or undefined
 * while the page has not finished loading (`loadEventEnd` is 0), or when any
 * delta is negative: matomo.js then drops the whole set, and Matomo answers
 * 400 to a page view carrying a negative value.
 *
 * A zero timestamp means "did not happen" and skips only its metric, as in
 * matomo.js; `pf_dm1` is domInteractive − responseEnd, matomo.js's own Level 2
 * formula (Level 2 has no domLoading).
 */
export function navigationTiming(): Params | undefined {
  const entry = performance.getEntriesByType?.('navigation')[0] as unknown as Record<string, number> | undefined;
  if (!entry?.loadEventEnd) return undefined;
  const params: Params = [];
  // matomo.js's metrics in its order (§2.5): metric k is the delta from
  // STAMPS[i] to STAMPS[i + 1], where i skips requestStart and loadEventStart
  ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'].map((name, k) => {
    const i = k + +(k > 0) + +(k > 4);
    const start = entry[STAMPS[i]];
    const end = entry[STAMPS[i + 1]];
    // fetchStart may be a true 0 at the time origin; any other 0 means "did not happen"
    if (end && (start || !i)) params.push([name, Math.round(end - start)]);
  });
  // a negative delta drops the whole set
  if (params.some((p) => (p[1] as number) < 0)) return undefined;
  return params;
}
