import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserFeatures } from '../../src/context/browser-features';
import { clientHints } from '../../src/context/client-hints';
import { navigationTiming } from '../../src/context/navigation-timing';
import { newPageViewId, newVisitorId } from '../../src/context/pageview-id';

const fakeCrypto = (bytes: (number | string)[]) =>
  vi.stubGlobal('crypto', {
    getRandomValues: (array: Uint8Array) => {
      array.set(bytes.flatMap((b) => (typeof b == 'string' ? [...b].map((c) => c.charCodeAt(0)) : [b])).slice(0, array.length));
      return array;
    },
  });

// the collectors read the browser's globals: each test stubs what it needs
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('pv_id and visitor id', () => {
  it('pv_id is 6 characters of [a-zA-Z0-9] and changes every time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newPageViewId()));
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9]{6}$/);
    expect(ids.size).toBe(200);
  });

  it('reads random bytes as characters and skips those outside the alphabet', () => {
    // each of the 62 characters comes from exactly one byte value: no bias
    fakeCrypto(['a!z', 200, 0, '0_ Z', 127, 'bX9']);
    expect(newPageViewId()).toBe('az0ZbX');
  });

  it('visitor id is 16 lowercase hex characters, all equally likely', () => {
    fakeCrypto(['0001gA0f', 255, '10abc-dFef', 0, 'ff', 'e']);
    expect(newVisitorId()).toBe('00010f10abcdefff');
    vi.unstubAllGlobals();
    expect(newVisitorId()).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(Array.from({ length: 100 }, () => newVisitorId())).size).toBe(100);
  });
});

describe('a broken crypto.getRandomValues (a shim that fills nothing)', () => {
  it('gives ids of zeros after a few draws instead of recursing without end', () => {
    fakeCrypto([]);
    expect(newPageViewId()).toBe('000000');
    expect(newVisitorId()).toBe('0000000000000000');
  });
});

describe('browser features', () => {
  const mime = (types: string[]) => {
    const list = types.map((type) => ({ type, enabledPlugin: {} }));
    return Object.assign(list, { namedItem: (t: string) => list.find((m) => m.type == t) ?? null });
  };
  const features = (nav: Navigator) => {
    vi.stubGlobal('navigator', nav);
    vi.stubGlobal('screen', { width: 1920, height: 1080 });
    return browserFeatures();
  };

  it('reports plugin flags, cookie and res in matomo.js order (TV TAIL)', () => {
    const nav = { mimeTypes: mime(['application/pdf']), cookieEnabled: true, javaEnabled: () => false } as unknown as Navigator;
    expect(features(nav)).toBe('&pdf=1&qt=0&realp=0&wma=0&fla=0&java=0&ag=0&cookie=1&res=1920x1080');
  });

  it('leaves the plugin flags out when mimeTypes is empty, and honours javaEnabled', () => {
    const none = { mimeTypes: mime([]), cookieEnabled: false } as unknown as Navigator;
    expect(features(none)).toBe('&cookie=0&res=1920x1080');
    const java = { mimeTypes: mime(['video/quicktime']), cookieEnabled: true, javaEnabled: () => true } as unknown as Navigator;
    expect(features(java)).toBe('&pdf=0&qt=1&realp=0&wma=0&fla=0&java=1&ag=0&cookie=1&res=1920x1080');
  });
});

describe('navigation timing', () => {
  const timing = (entry: Record<string, number> | undefined) => {
    vi.stubGlobal('performance', { getEntriesByType: () => (entry ? [entry] : []) });
    return navigationTiming();
  };
  const T = 1000;
  const loaded = {
    fetchStart: T,
    connectEnd: T + 35,
    requestStart: T + 40,
    responseStart: T + 140,
    responseEnd: T + 160,
    domInteractive: T + 460.4,
    domComplete: T + 960.6,
    loadEventStart: T + 970,
    loadEventEnd: T + 975,
  };

  it('computes the six metrics from the Level 2 entry, rounded (TV-01 values)', () => {
    expect(timing(loaded)).toEqual([
      ['pf_net', 35],
      ['pf_srv', 100],
      ['pf_tfr', 20],
      ['pf_dm1', 300],
      ['pf_dm2', 500],
      ['pf_onl', 5],
    ]);
  });

  it('gives nothing before the load event ended, or without an entry', () => {
    expect(timing({ ...loaded, loadEventEnd: 0 })).toBeUndefined();
    expect(timing(undefined)).toBeUndefined();
  });

  it('drops the whole set when one delta is negative', () => {
    expect(timing({ ...loaded, fetchStart: T + 50 })).toBeUndefined();
  });

  it('skips only the metric whose timestamp is 0', () => {
    const params = timing({ ...loaded, requestStart: 0 })!;
    expect(params.map((p) => p[0])).toEqual(['pf_net', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl']);
  });
});

describe('client hints', () => {
  const hints = (nav: Navigator) => {
    vi.stubGlobal('navigator', nav);
    return clientHints();
  };

  it('is undefined where the API is missing (Firefox, Safari)', () => {
    expect(hints({} as Navigator)).toBeUndefined();
  });

  it('asks matomo.js’s hints and drops brands/uaFullVersion when fullVersionList is there (TV-26)', async () => {
    let asked: string[] = [];
    const nav = {
      userAgentData: {
        brands: [{ brand: 'Chromium', version: '130' }],
        platform: 'Linux',
        getHighEntropyValues: async (hints: string[]) => {
          asked = hints;
          return {
            brands: [{ brand: 'Chromium', version: '130' }],
            mobile: false,
            platform: 'Linux',
            model: '',
            platformVersion: '6.5.0',
            uaFullVersion: '130.0.6723.58',
            fullVersionList: [{ brand: 'Chromium', version: '130.0.6723.58' }],
            formFactors: ['Desktop'],
          };
        },
      },
    } as unknown as Navigator;
    const json = await hints(nav);
    expect(asked).toEqual(['brands', 'model', 'platform', 'platformVersion', 'uaFullVersion', 'fullVersionList', 'formFactors']);
    expect(json).toBe(
      '{"mobile":false,"platform":"Linux","model":"","platformVersion":"6.5.0","fullVersionList":[{"brand":"Chromium","version":"130.0.6723.58"}],"formFactors":["Desktop"]}',
    );
  });

  it('falls back to the low-entropy values when the request is refused', async () => {
    const nav = {
      userAgentData: { brands: [{ brand: 'X', version: '1' }], platform: 'Linux', getHighEntropyValues: () => Promise.reject(new Error('no')) },
    } as unknown as Navigator;
    expect(await hints(nav)).toBe('{"brands":[{"brand":"X","version":"1"}],"platform":"Linux"}');
  });
});
