// Random `_paq` commands for the fuzz tests: test/paq/fuzz.test.ts (happy-dom)
// imports it, e2e/paq.spec.ts loads it in Chromium from /e2e/pages/. Seeded,
// so a failure can be replayed: known and unknown method names, wrong types
// and counts, null, huge strings, functions that throw.

/** mulberry32: a small seeded generator. */
export function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * fuzzer(seed, names) → { command(), int(n) }: `names` are the method names
 * to pick from most of the time (the tracker object's keys).
 */
export function fuzzer(seed, names, { hugeLength = 20000 } = {}) {
  const next = random(seed);
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const huge = 'x'.repeat(hugeLength) + '&=%?#ü😀';
  const circular = {};
  circular.self = circular;
  const values = [
    () => undefined,
    () => null,
    () => true,
    () => false,
    () => 0,
    () => -1,
    () => int(1000),
    () => next() * 1e6 - 5e5,
    () => NaN,
    () => Infinity,
    () => 1e308,
    () => '',
    () => ' ',
    () => String(int(20)),
    () => 'https://example.org/page?a=1&b=2#frag',
    () => 'javascript:alert(1)',
    () => 'ünïcödé 😀 & = % + ? # \u0000 \ud800',
    () => huge.slice(0, int(huge.length)),
    () => pick(names),
    () => ({}),
    () => ({ dimension1: 'x', a: [1, 2], b: { c: null } }),
    () => circular,
    () => [1, 'two', null],
    () => [{ sku: 'S', name: 'N', price: 'NaN', quantity: -1 }],
    () => () => {
      throw new Error('argument function threw');
    },
    () => Symbol('s'),
    () => BigInt(7),
    () => new Date(),
    () => document.createElement('div'),
    () => Object.create(null),
  ];
  const value = () => pick(values)();
  const args = () => Array.from({ length: int(7) }, value);
  const name = () => {
    const roll = next();
    if (roll < 0.8) return pick(names);
    if (roll < 0.85) return 'unknown' + int(50);
    if (roll < 0.88) return pick(['Plugin.method', 'Plugin::method', '', ' trackPageView', 'TRACKPAGEVIEW', 'toString', '__proto__', 'constructor']);
    return value();
  };
  const command = () => {
    const roll = next();
    if (roll < 0.9) return [name(), ...args()];
    if (roll < 0.95) {
      return [
        function () {
          if (next() < 0.5) throw new Error('function command threw');
          const method = this[pick(names)];
          if (typeof method == 'function') method(...args());
        },
        ...args(),
      ];
    }
    return value();
  };
  return { command, int };
}

/**
 * Pushes `count` random commands in batches of 1 to 4 on `paq`, now and then
 * restoring a tracker that sends (random commands opt out, require consent,
 * break the URL…). `pause(ms)` lets time pass (timers, dispatch).
 */
export async function fuzz(paq, { seed, count, names, trackerUrl, siteId, pause, hugeLength }) {
  const { command, int } = fuzzer(seed, names, { hugeLength });
  // the cookie scope first: an opt-out cookie is only found (and removed) where it was written
  const reset = [
    ['setCookiePath', '/'],
    ['setCookieDomain', ''],
    ['setTrackerUrl', trackerUrl],
    ['setSiteId', siteId],
    ['forgetUserOptOut'],
    ['setConsentGiven'],
    ['setDoNotTrack', false],
  ];
  let pushed = 0;
  while (pushed < count) {
    const batch = Array.from({ length: 1 + int(4) }, command);
    pushed += batch.length;
    paq.push(...batch);
    if (int(25) == 0) paq.push(...reset, ['trackEvent', 'Fuzz', 'checkpoint']);
    if (int(50) == 0) await pause(int(20000));
  }
  paq.push(...reset, ['trackEvent', 'Fuzz', 'end']);
}
