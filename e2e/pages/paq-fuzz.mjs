// Random `_paq` commands and random DOM for the fuzz tests: test/paq/fuzz.test.ts
// (happy-dom) imports it, e2e/paq.spec.ts loads it in Chromium from
// /e2e/pages/. Seeded, so a failure can be replayed: known and unknown method
// names, wrong types and counts, null, huge strings, functions that throw;
// links with odd hrefs, content blocks with odd attributes, media elements
// with odd sources, clicked, played, moved and removed.

/** addTracker commands beyond this many become trackEvent. */
const MAX_ADDED_TRACKERS = 5;

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
  // each added tracker gets every later command, and sends its own requests:
  // a few are enough, more make a long run quadratic
  let added = 0;
  const name = () => {
    const roll = next();
    if (roll < 0.8) {
      const picked = pick(names);
      return picked == 'addTracker' && ++added > MAX_ADDED_TRACKERS ? 'trackEvent' : picked;
    }
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

const ODD_URLS = [
  '',
  '#',
  '#top',
  '?',
  'javascript:void(0)',
  'JavaScript:alert(1)',
  'mailto:someone@example.org?subject=hi',
  'tel:+123',
  'data:text/plain,hello',
  'blob:https://example.org/0',
  'https://other.example/file.PDF?x=1#y',
  'http://other.example:8080/a b/ü?q=1&q=2',
  '//protocol-relative.example/download.zip',
  '/local/path.tar.gz',
  'relative/file.mp4',
  '../up.doc',
  'https://user:pass@host.example/',
  'http://[::1]/',
  'http://[::1',
  'https://xn--nxasmq6b.example/',
  'https://例え.jp/パス',
  ' https://spaces.example/ ',
  'https://other.example/' + '%zz',
  'ftp://files.example/x.exe',
  'file:///etc/passwd',
  'https://other.example/?pk_vid=123',
  'x'.repeat(3000),
];

/** The fuzzed part of the page holds at most about this many elements. */
const MAX_ELEMENTS = 300;

/**
 * domFuzzer(seed, doc) → step(): each step adds, changes, clicks, plays,
 * moves or removes a random element in `doc.body`: links (HTML and SVG)
 * with odd hrefs and Matomo's classes, content blocks with odd `data-`
 * attributes, `<video>`/`<audio>` with odd sources. Clicks never navigate.
 */
export function domFuzzer(seed, doc) {
  const next = random(seed ^ 0x5bd1e995);
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const odd = () => (next() < 0.7 ? pick(ODD_URLS) : pick(['', ' ', '\u0000', 'ü😀\ud800', String(int(1e6)), 'x'.repeat(int(5000))]));
  const root = doc.createElement('div');
  root.id = 'fuzz-dom';
  doc.body.append(root);
  // synthetic clicks on links follow them: not here
  const stay = (event) => event.preventDefault();
  doc.defaultView.addEventListener('click', stay);
  doc.defaultView.addEventListener('auxclick', stay);
  const maybe = (element, name, value) => {
    if (next() < 0.5) element.setAttribute(name, value);
  };
  const link = () => {
    if (next() < 0.1) {
      const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
      const a = doc.createElementNS('http://www.w3.org/2000/svg', 'a');
      a.setAttribute('href', odd());
      a.append(doc.createElementNS('http://www.w3.org/2000/svg', 'text'));
      svg.append(a);
      return svg;
    }
    const a = doc.createElement(next() < 0.9 ? 'a' : 'area');
    a.setAttribute('href', odd());
    a.textContent = odd().slice(0, 50);
    maybe(a, 'class', pick(['matomo_link', 'matomo_download', 'matomo_ignore', 'piwik_link', 'piwik_ignore', 'x y z', '']));
    maybe(a, 'download', pick(['', 'name.pdf']));
    maybe(a, 'target', pick(['_blank', '_self', 'frame']));
    maybe(a, 'rel', pick(['noopener', 'external', '']));
    if (next() < 0.3) a.append(doc.createElement(pick(['span', 'img', 'b'])));
    return a;
  };
  const content = () => {
    const block = doc.createElement(pick(['div', 'section', 'a', 'img']));
    block.setAttribute(pick(['data-track-content', 'class']), pick(['', 'matomoTrackContent', 'piwikTrackContent']));
    for (const name of ['data-content-name', 'data-content-piece', 'data-content-target', 'data-content-ignoreinteraction']) maybe(block, name, odd());
    maybe(block, 'href', odd());
    maybe(block, 'src', odd());
    maybe(block, 'title', odd());
    if (next() < 0.5) {
      const inner = doc.createElement(pick(['a', 'img', 'span']));
      inner.setAttribute(pick(['data-content-piece', 'data-content-target', 'class']), odd());
      maybe(inner, 'href', odd());
      maybe(inner, 'src', odd());
      block.append(inner);
    }
    return block;
  };
  const media = () => {
    const element = doc.createElement(pick(['video', 'audio']));
    element.muted = true;
    element.preload = 'none';
    if (next() < 0.6) element.setAttribute('src', odd());
    if (next() < 0.4) {
      const source = doc.createElement('source');
      source.setAttribute('src', odd());
      maybe(source, 'type', pick(['video/mp4', 'audio/ogg', 'bogus', '']));
      element.append(source);
    }
    for (const name of ['data-matomo-title', 'data-piwik-title', 'data-matomo-resource', 'title', 'data-matomo-ignore', 'alt']) maybe(element, name, odd());
    return element;
  };
  const all = () => [...root.querySelectorAll('*')];
  const fire = (element, type) => {
    const Event = type.includes('click') || type == 'mousedown' || type == 'mouseup' || type == 'contextmenu' ? doc.defaultView.MouseEvent : doc.defaultView.Event;
    element.dispatchEvent(new Event(type, { bubbles: true, cancelable: true, button: pick([0, 0, 1, 2]), ctrlKey: next() < 0.2, metaKey: next() < 0.1 }));
  };
  return function step() {
    const roll = next();
    const elements = all();
    const target = elements.length ? pick(elements) : root;
    // a bounded DOM: long runs stay linear in their length
    if (elements.length > MAX_ELEMENTS) target.remove();
    else if (roll < 0.35 || elements.length < 5) root.append(pick([link, link, content, media])());
    else if (roll < 0.6) for (const type of pick([['mousedown', 'click'], ['mousedown', 'mouseup', 'click'], ['auxclick'], ['contextmenu'], ['click']])) fire(target, type);
    else if (roll < 0.7) {
      const type = pick(['play', 'playing', 'pause', 'timeupdate', 'seeking', 'seeked', 'ended', 'volumechange', 'ratechange', 'loadedmetadata', 'durationchange', 'error']);
      fire(target, type);
      if (target.play && next() < 0.3) target.play()?.catch?.(() => {});
    } else if (roll < 0.8) {
      const name = pick(['href', 'src', 'data-content-name', 'data-content-piece', 'data-content-target', 'class', 'data-track-content', 'data-matomo-title']);
      if (next() < 0.7) target.setAttribute?.(name, odd());
      else target.removeAttribute?.(name);
    } else if (roll < 0.88) {
      if (target != root) target.remove();
    } else if (roll < 0.95) {
      // moved elsewhere in the fuzzed part, never into itself
      const to = pick([root, ...elements]);
      if (target != root && !target.contains(to)) to.append(target);
    } else root.scrollIntoView?.(next() < 0.5);
  };
}

/** The tracking features built so far, named as _paq methods, each switched on when the build has it. */
export const FEATURES = ['enableLinkTracking', 'trackVisibleContentImpressions', 'trackAllContentImpressions', 'enableMediaTracking'];

/**
 * Pushes `count` random commands in batches of 1 to 4 on `paq`, now and then
 * restoring a tracker that sends (random commands opt out, require consent,
 * break the URL…). `pause(ms)` lets time pass (timers, dispatch). With `dom`
 * (a domFuzzer's step), the page's DOM changes between batches too, and
 * `features` (the FEATURES the build has) are switched on at the start and
 * at each reset.
 */
export async function fuzz(paq, { seed, count, names, trackerUrl, siteId, pause, hugeLength, dom, features = [] }) {
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
    ...features.map((name) => [name]),
  ];
  paq.push(...features.map((name) => [name]));
  let pushed = 0;
  while (pushed < count) {
    const batch = Array.from({ length: 1 + int(4) }, command);
    pushed += batch.length;
    paq.push(...batch);
    if (dom) for (let i = int(3); i > 0; i--) dom();
    if (int(25) == 0) paq.push(...reset, ['trackEvent', 'Fuzz', 'checkpoint']);
    if (int(50) == 0) await pause(int(20000));
  }
  paq.push(...reset, ['trackEvent', 'Fuzz', 'end']);
}
