import type { Params } from './params';

// name, start, end: the deltas matomo.js reports, in its order (§2.5)
const METRICS =
  'pf_net fetchStart connectEnd,pf_srv requestStart responseStart,pf_tfr responseStart responseEnd,' +
  'pf_dm1 responseEnd domInteractive,pf_dm2 domInteractive domComplete,pf_onl loadEventStart loadEventEnd';

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
export function navigationTiming(perf: Performance = performance): Params | undefined {
  const entry = perf.getEntriesByType?.('navigation')[0] as unknown as Record<string, number> | undefined;
  if (!entry?.loadEventEnd) return undefined;
  const params: Params = [];
  for (const metric of METRICS.split(',')) {
    const [name, start, end] = metric.split(' ');
    // fetchStart may be a true 0 at the time origin; any other 0 means "did not happen"
    if (entry[end] && (entry[start] || start == 'fetchStart')) {
      const delta = Math.round(entry[end] - entry[start]);
      if (delta < 0) return undefined;
      params.push([name, delta]);
    }
  }
  return params;
}
