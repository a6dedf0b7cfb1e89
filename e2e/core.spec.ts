// The core hit pipeline (issue 3) in a real Chromium against the collector:
// the standard part of a hit, page performance, page-view ids, visitor
// cookies, batching, the transport fallbacks and robustness against bad input.
import { createHash } from 'node:crypto';
import { test, expect, type HitRecord } from './fixtures';
import { allowVisibilityChanges, hasPf, isPageView, isPing, PF_KEYS, setVisibility, terse, useBuild, waitForLoadEnd } from './page-helpers';
import type { Page } from '@playwright/test';

const CORE = '/e2e/pages/core.html';
const ELSEWHERE = '/e2e/pages/raw-hit.html';
const MIME_FLAGS = ['pdf', 'qt', 'realp', 'wma', 'fla', 'java', 'ag'];

type CoreWindow = Window & {
  MatomoLite: Record<string, (...args: unknown[]) => unknown>;
  tracker: unknown;
  trackers: unknown[];
  trackedAt: number[];
  expectedUaData: Promise<string | null>;
  navigationEntry(): Record<string, number> | null;
};

/** Calls `MatomoLite[name](window.tracker, ...args)` in the page. */
function call(page: Page, name: string, ...args: unknown[]) {
  return page.evaluate(([n, a]) => {
    const w = window as unknown as CoreWindow;
    return w.MatomoLite[n as string](w.tracker, ...(a as unknown[]));
  }, [name, args] as const);
}

/** The first 4 hex of SHA-1(domain + path): matomo.js's cookie-name hash (PROTOCOL §3.2), computed independently. */
const cookieHash = (domainAndPath: string) => createHash('sha1').update(domainAndPath).digest('hex').slice(0, 4);

/** pf_* as PROTOCOL §2.5 (Level 2) computes them from the page's own navigation entry. */
function expectedPf(entry: Record<string, number>): Record<string, number> {
  const d = (start: string, end: string) => Math.round(entry[end] - entry[start]);
  return {
    pf_net: d('fetchStart', 'connectEnd'),
    pf_srv: d('requestStart', 'responseStart'),
    pf_tfr: d('responseStart', 'responseEnd'),
    pf_dm1: d('responseEnd', 'domInteractive'),
    pf_dm2: d('domInteractive', 'domComplete'),
    pf_onl: d('loadEventStart', 'loadEventEnd'),
  };
}

/** Every pf_* in wire order, each within 1 ms of what the page's navigation entry says. */
async function expectPfOfThisPage(page: Page, hit: HitRecord) {
  const entry = await page.evaluate(() => (window as unknown as CoreWindow).navigationEntry());
  expect(entry, 'no navigation entry').not.toBeNull();
  const expected = expectedPf(entry!);
  expect(hit.keys.filter((k) => k.startsWith('pf_'))).toEqual(PF_KEYS);
  for (const key of PF_KEYS) {
    const got = Number(hit.params[key]);
    expect(Number.isInteger(got), `${key}=${hit.params[key]}`).toBe(true);
    expect(Math.abs(got - expected[key]), `${key}: hit ${got}, page ${expected[key]}`).toBeLessThanOrEqual(1);
  }
  // the collector held the page back 300 ms: the server time must show it
  expect(Number(hit.params.pf_srv)).toBeGreaterThanOrEqual(300);
}

test.describe('a page view in a non-UTC time zone', () => {
  // +05:45: local h and m both differ from UTC, so a UTC clock in the tracker would show
  test.use({ timezoneId: 'Asia/Kathmandu' });

  test('carries every base parameter, with valid values, in matomo.js order', async ({ page, hits }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const target = `${CORE}?siteId=3&q=a%20b`;
    // reached from a link on another page of the site, so urlref is that page
    await page.goto(`${CORE}?track=none&next=${encodeURIComponent(target)}`);
    const from = page.url();
    await page.click('#next');
    await page.waitForURL(/siteId=3/);

    const [hit] = await hits.waitFor(1, { where: isPageView, settle: 300 });
    expect(hits.all()).toHaveLength(1);
    const browser = await page.evaluate(async () => {
      const w = window as unknown as CoreWindow;
      const mimes = navigator.mimeTypes;
      return {
        title: document.title,
        trackedAt: w.trackedAt[0],
        uadata: await w.expectedUaData,
        hasUaData: 'userAgentData' in navigator,
        res: screen.width + 'x' + screen.height,
        mimeCount: mimes.length,
        pdf: mimes.namedItem('application/pdf')?.enabledPlugin ? '1' : '0',
      };
    });
    const p = (name: string) => hits.param(hit, name);

    expect(p('action_name')).toBe('matomo-lite core fixture');
    expect(p('idsite')).toBe('3');
    expect(p('rec')).toBe('1');
    expect(p('r')).toMatch(/^\d{1,6}$/);
    // the visitor's local time when the hit was built (the page noted it just before the call)
    const hms = Number(p('h')) * 3600 + Number(p('m')) * 60 + Number(p('s'));
    const skew = (((hms - browser.trackedAt) % 86400) + 86400 + 43200) % 86400 - 43200;
    expect(Math.abs(skew), `hit ${p('h')}:${p('m')}:${p('s')} vs page's local time`).toBeLessThanOrEqual(1);
    expect(p('url')).toBe(page.url());
    expect(p('url')).toContain('q=a%20b');
    expect(p('urlref')).toBe(from);
    expect(p('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(p('_idn')).toBe('1');
    expect(p('send_image')).toBe('0');
    // an internal referrer is no referral
    expect(p('_refts')).toBe('0');
    expect(p('pv_id')).toMatch(/^[a-zA-Z0-9]{6}$/);
    // Chromium has User-Agent Client Hints: the page's own answer to matomo.js's request
    expect(browser.hasUaData).toBe(true);
    expect(browser.uadata).toContain('fullVersionList');
    expect(p('uadata')).toBe(browser.uadata);
    expect(JSON.parse(p('uadata')!)).not.toHaveProperty('brands');
    expect(JSON.parse(p('uadata')!)).not.toHaveProperty('uaFullVersion');
    expect(p('cookie')).toBe('1');
    expect(p('res')).toBe(browser.res);
    if (browser.mimeCount) expect(p('pdf')).toBe(browser.pdf);

    // the page view went out while the page loaded: no pf_* yet (they follow on a later hit)
    expect(hit.keys).toEqual([
      'action_name', 'idsite', 'rec', 'r', 'h', 'm', 's', 'url', 'urlref', '_id', '_idn', 'send_image', '_refts',
      'pv_id', 'uadata', ...(browser.mimeCount ? MIME_FLAGS : []), 'cookie', 'res',
    ]);
    expect(hit.transport).toBe('beacon-query');
    hits.expectNoViolations(hit);
    expect(errors).toEqual([]);
  });
});

test.describe('page performance (pf_*) on a page the server held back 300 ms', () => {
  test('a page view tracked after load carries the full set, and no later hit repeats it', async ({ page, hits }) => {
    await page.goto(`${CORE}?track=onload&delay=300`);
    const [view] = await hits.waitFor(1, { where: isPageView });
    await expectPfOfThisPage(page, view);
    // pf_* of a page view follow pv_id, as in matomo.js's first page view (TV-01)
    expect(view.keys.indexOf('pf_net')).toBe(view.keys.indexOf('pv_id') + 1);
    hits.expectNoViolations(view);

    await call(page, 'ping');
    const [ping] = await hits.waitFor(1, { where: isPing });
    expect(hasPf(ping)).toBe(false);
    expect(hits.param(ping, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    hits.expectNoViolations(hits.all());
  });

  test('a page view tracked before load carries none; the next hit carries the set exactly once', async ({ page, hits }) => {
    await page.goto(`${CORE}?track=now&delay=300`);
    const [view] = await hits.waitFor(1, { where: isPageView });
    expect(hasPf(view)).toBe(false);
    await waitForLoadEnd(page);

    await call(page, 'ping');
    const [first] = await hits.waitFor(1, { where: isPing });
    await expectPfOfThisPage(page, first);
    expect(hits.param(first, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    // pf_* of a non-page-view hit come before pv_id (PROTOCOL §2.1 #22)
    expect(first.keys.indexOf('pv_id')).toBe(first.keys.indexOf('pf_onl') + 1);

    await call(page, 'ping');
    const pings = await hits.waitFor(2, { where: isPing });
    expect(hasPf(pings[1])).toBe(false);
    // leaving sends nothing more: the set was delivered
    await page.goto(ELSEWHERE);
    await hits.expectNone(500, (h) => isPing(h) && h.seq > pings[1].seq);
    hits.expectNoViolations(hits.all());
  });

  test('with no other hit, the set leaves on a ping when the page is left, once', async ({ page, hits }) => {
    await page.goto(`${CORE}?track=now&delay=300`);
    const [view] = await hits.waitFor(1, { where: isPageView });
    expect(hasPf(view)).toBe(false);
    await waitForLoadEnd(page);
    await hits.expectNone(300, isPing);
    const entry = await page.evaluate(() => (window as unknown as CoreWindow).navigationEntry());

    await page.goto(ELSEWHERE);
    const pings = await hits.waitFor(1, { where: isPing, settle: 500 });
    expect(pings).toHaveLength(1);
    const [ping] = pings;
    expect(hits.param(ping, 'ping')).toBe('1');
    expect(hits.param(ping, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    expect(ping.keys).not.toContain('ca');
    const expected = expectedPf(entry!);
    expect(ping.keys.filter((k) => k.startsWith('pf_'))).toEqual(PF_KEYS);
    for (const key of PF_KEYS) expect(Math.abs(Number(ping.params[key]) - expected[key]), key).toBeLessThanOrEqual(1);
    expect(Number(ping.params.pf_srv)).toBeGreaterThanOrEqual(300);
    hits.expectNoViolations(hits.all());
  });

  test('with no other hit, the set leaves on a ping when the page is hidden, once', async ({ page, hits }) => {
    await allowVisibilityChanges(page);
    await page.goto(`${CORE}?track=now&delay=300`);
    const [view] = await hits.waitFor(1, { where: isPageView });
    await waitForLoadEnd(page);

    await setVisibility(page, 'hidden');
    const [ping] = await hits.waitFor(1, { where: isPing });
    await expectPfOfThisPage(page, ping);
    expect(hits.param(ping, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    // back and hidden again, then left: never a second set
    await setVisibility(page, 'visible');
    await setVisibility(page, 'hidden');
    await page.goto(ELSEWHERE);
    await hits.expectNone(500, (h) => h.seq > ping.seq);
    hits.expectNoViolations(hits.all());
  });
});

test('two page views in a row get different pv_ids; a later ping carries the second', async ({ page, hits }) => {
  await page.goto(`${CORE}?track=none`);
  await call(page, 'trackPageView', 'one');
  await hits.waitFor(1, { where: isPageView });
  await call(page, 'trackPageView', 'two');
  const views = await hits.waitFor(2, { where: isPageView });
  await call(page, 'ping');
  const [ping] = await hits.waitFor(1, { where: isPing });

  const [one, two] = views.map((v) => hits.param(v, 'pv_id'));
  expect(views.map((v) => hits.param(v, 'action_name'))).toEqual(['one', 'two']);
  expect(one).toMatch(/^[a-zA-Z0-9]{6}$/);
  expect(two).toMatch(/^[a-zA-Z0-9]{6}$/);
  expect(two).not.toBe(one);
  expect(hits.param(ping, 'pv_id')).toBe(two);
  expect(await call(page, 'getPageViewId')).toBe(two);
  // one visitor throughout: the first hit created the cookie, the others found it
  expect(new Set(hits.all().map((h) => hits.param(h, '_id'))).size).toBe(1);
  expect(hits.all().map((h) => hits.param(h, '_idn'))).toEqual(['1', '0', '0']);
  hits.expectNoViolations(hits.all());
});

test('a matomo.js _pk_id cookie set before the page loads is the visitor id, and is kept as is', async ({ page, context, hits, baseURL }) => {
  const hash = cookieHash('127.0.0.1/');
  const visitor = '0123456789abcdef';
  const created = Math.floor(Date.now() / 1000) - 30 * 86400;
  await context.addCookies([{ name: `_pk_id.1.${hash}`, value: `${visitor}.${created}.`, url: baseURL! }]);

  await page.goto(`${CORE}?siteId=1`);
  const [hit] = await hits.waitFor(1, { where: isPageView });
  expect(hits.param(hit, '_id')).toBe(visitor);
  expect(hits.param(hit, '_idn')).toBe('0');
  hits.expectNoViolations(hit);

  const jar = await context.cookies(baseURL!);
  const id = jar.find((c) => c.name === `_pk_id.1.${hash}`);
  const ses = jar.find((c) => c.name === `_pk_ses.1.${hash}`);
  expect(id, 'no _pk_id cookie').toBeDefined();
  expect(ses, 'no _pk_ses cookie').toBeDefined();
  expect(id!.value).toBe(`${visitor}.${created}.`);
  // not sliding: it still expires 13 months after its creation
  expect(Math.abs(id!.expires - (created + 33955200))).toBeLessThanOrEqual(2);
  expect(ses!.value).toBe('1');
  expect(Math.abs(ses!.expires - (Date.now() / 1000 + 1800))).toBeLessThanOrEqual(60);
  for (const cookie of [id!, ses!]) {
    expect(cookie.path).toBe('/');
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.domain).toBe('127.0.0.1');
    expect(cookie.secure).toBe(false);
    expect(cookie.httpOnly).toBe(false);
  }
  // no other tracker cookie than these two on a direct visit
  expect(jar.filter((c) => c.name.startsWith('_pk_')).map((c) => c.name).sort()).toEqual([`_pk_id.1.${hash}`, `_pk_ses.1.${hash}`]);
});

test('three hits queued in one task arrive as one bulk POST, in order', async ({ page, hits }) => {
  await page.goto(`${CORE}?track=now&burst=1`);
  const got = await hits.waitFor(3, { settle: 300 });
  expect(got).toHaveLength(3);
  expect(got.map((h) => h.kind)).toEqual(['pageview', 'ping', 'ping']);
  for (const [i, h] of got.entries()) {
    expect(h.transport).toBe('bulk');
    expect(h.bulkSize).toBe(3);
    expect(h.bulkIndex).toBe(i);
    expect(h.method).toBe('POST');
    expect(h.receivedAt).toBe(got[0].receivedAt);
    expect(hits.param(h, 'pv_id')).toBe(hits.param(got[0], 'pv_id'));
    expect(h.keys).not.toContain('ca');
  }
  expect(got.map((h) => h.seq)).toEqual([got[0].seq, got[0].seq + 1, got[0].seq + 2]);
  hits.expectNoViolations(got);
});

test('a page hidden in the same task as its first hit sends it at once, without waiting for client hints', async ({ page, hits }) => {
  await allowVisibilityChanges(page);
  await page.goto(`${CORE}?track=none`);
  await page.evaluate(() => {
    const w = window as unknown as CoreWindow & { setVisibility(s: string): void };
    w.MatomoLite.trackPageView(w.tracker);
    w.setVisibility('hidden');
  });
  const [view] = await hits.waitFor(1);
  expect(view.kind).toBe('pageview');
  // the hints were still pending: no uadata rather than a broken one, and the page keeps it so
  expect(view.keys).not.toContain('uadata');
  expect(view.keys.slice(-2)).toEqual(['cookie', 'res']);
  hits.expectNoViolations(view);

  await setVisibility(page, 'visible');
  await call(page, 'ping');
  const [ping] = await hits.waitFor(1, { where: isPing });
  expect(ping.keys).not.toContain('uadata');
  hits.expectNoViolations(hits.all());
});

test.describe('transport fallbacks in a real browser', () => {
  // Records fetch calls in the page, and passes them on.
  const recordFetch = () => {
    const w = window as unknown as { fetches: { url: string; keepalive?: boolean; method?: string }[] };
    const original = window.fetch;
    w.fetches = [];
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      w.fetches.push({ url: String(input), keepalive: init?.keepalive, method: init?.method });
      return original.call(this, input, init);
    };
  };
  const fetches = (page: Page) => page.evaluate(() => (window as unknown as { fetches: { url: string; keepalive?: boolean; method?: string }[] }).fetches);

  async function expectOneKeepaliveFetch(page: Page, hits: { waitFor: (n: number, o?: object) => Promise<HitRecord[]>; expectNoViolations(h: HitRecord[]): void }) {
    const got = await hits.waitFor(1, { settle: 300 });
    expect(got).toHaveLength(1);
    const [hit] = got;
    expect(hit.kind).toBe('pageview');
    expect(hit.method).toBe('POST');
    // a POST with the hit in the URL and an empty body
    expect(hit.transport).toBe('beacon-query');
    expect(hit.params.send_image).toBe('0');
    hits.expectNoViolations(got);
    const calls = await fetches(page);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ keepalive: true, method: 'POST' });
    expect(calls[0].url).toContain('/matomo.php?action_name=');
  }

  test('while the page is shown, hits go by fetch keepalive (the answer is seen; sendBeacon is not used)', async ({ page, hits }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { beacons: number };
      w.beacons = 0;
      Navigator.prototype.sendBeacon = () => (w.beacons++, true);
    });
    await page.addInitScript(recordFetch);
    await page.goto(CORE);
    await expectOneKeepaliveFetch(page, hits);
    expect(await page.evaluate(() => (window as unknown as { beacons: number }).beacons)).toBe(0);
  });

  test('without fetch, hits go by sendBeacon', async ({ page, hits }) => {
    await page.addInitScript(() => {
      delete (window as Partial<Window>).fetch;
    });
    await page.goto(CORE);
    const got = await hits.waitFor(1, { settle: 300 });
    expect(got).toHaveLength(1);
    expect(got[0].transport).toBe('beacon-query');
    hits.expectNoViolations(got);
  });

  test("setRequestMethod('GET') sends an image GET with send_image=1, answered by a GIF", async ({ page, hits }) => {
    const answer = page.waitForResponse((r) => r.url().includes('/matomo.php'));
    await page.goto(`${CORE}?method=GET`);
    const [hit] = await hits.waitFor(1, { settle: 300 });
    expect(hits.all()).toHaveLength(1);
    expect(hit.method).toBe('GET');
    expect(hit.transport).toBe('get');
    expect(hit.kind).toBe('pageview');
    expect(hits.param(hit, 'send_image')).toBe('1');
    expect(hit.keys.indexOf('send_image')).toBe(hit.keys.indexOf('_idn') + 1);
    hits.expectNoViolations(hit);
    const response = await answer;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/gif');
    expect(response.request().resourceType()).toBe('image');
    expect((await response.body()).subarray(0, 6).toString()).toBe('GIF89a');
  });

  test('a hit longer than 2000 characters goes in a form-encoded POST body', async ({ page, hits }) => {
    await page.goto(`${CORE}?titleLength=2100`);
    const [hit] = await hits.waitFor(1);
    expect(hit.transport).toBe('post-body');
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/matomo.php');
    expect(hit.contentType).toMatch(/^application\/x-www-form-urlencoded(;|$)/);
    expect(hits.param(hit, 'action_name')).toBe('x'.repeat(2100));
    expect(hit.raw.length).toBeGreaterThan(2000);
    expect(hit.keys[0]).toBe('action_name');
    expect(hit.keys.slice(-2)).toEqual(['cookie', 'res']);
    hits.expectNoViolations(hit);
  });
});

// The production script and the debug script do the same; only the words differ.
for (const build of ['dist/matomo-lite.js', 'dist/matomo-lite.debug.js']) {
  const debug = build.includes('debug');
  test(`${build}: bad input never throws into the page, warns, and sends no malformed hit`, async ({ page, hits }) => {
    await useBuild(page, build);
    const errors: string[] = [];
    const warnings: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${CORE}?track=none`);
    const results = await page.evaluate(() => {
      const M = (window as unknown as CoreWindow).MatomoLite;
      const t = (window as unknown as CoreWindow).tracker;
      const out: string[] = [];
      const attempt = (label: string, fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          out.push(label + ' threw ' + e);
        }
      };
      // throws on every property read and key listing, whatever the (mangled) property names
      const hostile = new Proxy({}, {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      });
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      attempt('createTracker(string)', () => M.trackPageView(M.createTracker('garbage')));
      attempt('createTracker(null)', () => M.trackPageView(M.createTracker(null)));
      attempt('createTracker(bad values)', () => M.trackPageView(M.createTracker({ trackerUrl: 'javascript:alert(1)', siteId: -4, nope: 1 })));
      attempt('trackPageView(null)', () => M.trackPageView(null));
      attempt('trackPageView()', () => M.trackPageView());
      attempt('trackPageView(hostile)', () => M.trackPageView(hostile));
      attempt('setSiteId({})', () => M.setSiteId(t, {}));
      attempt('setSiteId(NaN)', () => M.setSiteId(t, NaN));
      attempt('setCookiePath(5)', () => M.setCookiePath(t, 5));
      attempt('setRequestMethod(PUT)', () => M.setRequestMethod(t, 'PUT'));
      attempt('setCustomUrl(42)', () => M.setCustomUrl(t, 42));
      attempt('setDocumentTitle({})', () => M.setDocumentTitle(t, {}));
      attempt('setCustomData(circular)', () => M.setCustomData(t, circular));
      attempt('setPageViewId(x)', () => M.setPageViewId(t, 'x'));
      attempt('setPagePerformanceTiming(-1)', () => M.setPagePerformanceTiming(t, -1));
      attempt('enableHeartBeatTimer(x)', () => (M.enableHeartBeatTimer(t, 'x') as () => void)());
      attempt('setVisitorId(zz)', () => M.setVisitorId(t, 'zz'));
      attempt('setCustomUrl(hostile)', () => M.setCustomUrl(t, hostile));
      // data that throws when read: refused with a warning, the page view goes without it
      attempt('trackPageView(tracker, title, hostile)', () => M.trackPageView(t, 'without its data', hostile));
      // the one call that may send: the bad title is ignored, the page view is not
      attempt('trackPageView(tracker, {})', () => M.trackPageView(t, {}));
      return out;
    });
    expect(results).toEqual([]);

    const got = (await hits.waitFor(2, { settle: 500 })).sort((a, b) => a.seq - b.seq);
    expect(got.map((hit) => hits.param(hit, 'action_name'))).toEqual(['without its data', 'matomo-lite core fixture']);
    for (const hit of got) {
      expect(hit.kind).toBe('pageview');
      expect(hits.param(hit, 'idsite')).toBe('1');
      expect(hits.param(hit, 'url')).toBe(page.url());
      expect(hit.keys).not.toContain('data');
      expect(hit.raw).not.toMatch(/undefined|null|NaN|object%20Object/);
    }
    hits.expectNoViolations(got);

    expect(errors).toEqual([]);
    const expected = [
      '[matomo-lite] createTracker: options must be an object, got "garbage"; ignored',
      '[matomo-lite] trackPageView: first argument must be a tracker from createTracker(), got null; ignored',
      '[matomo-lite] trackPageView: customTitle must be a string, got [object Object]; ignored',
      '[matomo-lite] setRequestMethod: requestMethod must be GET or POST, got "PUT"; ignored',
      '[matomo-lite] setSiteId: siteId must be an integer > 0, got [object Object]; ignored',
      '[matomo-lite] trackPageView: customData must be JSON-serialisable; left out',
      '[matomo-lite] trackPageView: trackerUrl is not set; hit not sent',
    ];
    // production: the same lines, each naming its call, without the words
    for (const text of expected) expect(warnings).toContain(debug ? text : terse(text.split(' ')[1].slice(0, -1)));
    // every problem is reported, each as a matomo-lite warning
    expect(warnings.every((w) => w.startsWith('[matomo-lite] '))).toBe(true);
    expect(warnings.length).toBeGreaterThanOrEqual(17);
    if (!debug) expect(warnings.join('\n')).not.toContain(' must be ');
  });
}

test('two trackers on one page are independent: own cookies, own page-view ids', async ({ page, context, hits, baseURL }) => {
  await page.goto(`${CORE}?siteId=1,2`);
  const views = await hits.waitFor(2, { where: isPageView, settle: 300 });
  expect(hits.all()).toHaveLength(2);
  const bySite = Object.fromEntries(views.map((v) => [hits.param(v, 'idsite'), v]));
  expect(Object.keys(bySite).sort()).toEqual(['1', '2']);
  // each tracker sends on its own: two requests, not a bulk
  for (const v of views) expect(v.transport).toBe('beacon-query');
  expect(hits.param(bySite['1'], 'pv_id')).not.toBe(hits.param(bySite['2'], 'pv_id'));

  const hash = cookieHash('127.0.0.1/');
  const jar = await context.cookies(baseURL!);
  const value = (name: string) => jar.find((c) => c.name === name)?.value;
  for (const site of ['1', '2']) {
    const id = value(`_pk_id.${site}.${hash}`);
    expect(id, `_pk_id.${site}.${hash}`).toMatch(/^[0-9a-f]{16}\.\d{10}\.$/);
    expect(id!.split('.')[0]).toBe(hits.param(bySite[site], '_id'));
    expect(value(`_pk_ses.${site}.${hash}`)).toBe('1');
  }
  // a ping on the second tracker carries only its own page view
  await page.evaluate(() => {
    const w = window as unknown as CoreWindow;
    w.MatomoLite.ping(w.trackers[1]);
  });
  const [ping] = await hits.waitFor(1, { where: isPing, settle: 300 });
  expect(hits.all(isPing)).toHaveLength(1);
  expect(hits.param(ping, 'idsite')).toBe('2');
  expect(hits.param(ping, 'pv_id')).toBe(hits.param(bySite['2'], 'pv_id'));
  expect(hits.param(ping, '_id')).toBe(hits.param(bySite['2'], '_id'));
  hits.expectNoViolations(hits.all());
});
