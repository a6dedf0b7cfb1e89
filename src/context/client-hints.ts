/**
 * User-Agent Client Hints as matomo.js sends them in `uadata` (§2.6): the
 * same high-entropy hints, with `brands` and `uaFullVersion` removed when
 * `fullVersionList` is there. Returns undefined at once where the API is
 * missing (Firefox, Safari): we then send no `uadata` at all.
 */
const HINTS = 'brands model platform platformVersion uaFullVersion fullVersionList formFactors';

interface UAData {
  brands?: unknown;
  platform?: string;
  getHighEntropyValues(hints: string[]): Promise<Record<string, unknown>>;
}

export function clientHints(nav: Navigator = navigator): Promise<string> | undefined {
  const data = (nav as Navigator & { userAgentData?: UAData }).userAgentData;
  if (!data || typeof data.getHighEntropyValues != 'function') return undefined;
  return data.getHighEntropyValues(HINTS.split(' ')).then(
    (values) => {
      const copy = { ...values };
      if (copy.fullVersionList) {
        delete copy.brands;
        delete copy.uaFullVersion;
      }
      return JSON.stringify(copy);
    },
    // matomo.js keeps the low-entropy values when the request is refused
    () => JSON.stringify({ brands: data.brands, platform: data.platform }),
  );
}
