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

export function clientHints(): Promise<string> | undefined {
  const data = (navigator as Navigator & { userAgentData?: UAData }).userAgentData!;
  try {
    return (
      data
        .getHighEntropyValues(HINTS.split(' '))
        // matomo.js keeps the low-entropy values when the request is refused
        .catch((): Record<string, unknown> => ({ brands: data.brands, platform: data.platform }))
        .then((values) => {
          // a fresh object from the browser: ours to change
          if (values.fullVersionList) {
            delete values.brands;
            delete values.uaFullVersion;
          }
          return JSON.stringify(values);
        })
    );
  } catch {
    // no userAgentData, or no getHighEntropyValues
    return undefined;
  }
}
