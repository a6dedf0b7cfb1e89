import type { Page } from '@playwright/test';
import { test, expect, type HitRecord } from './fixtures';
import { terse } from './page-helpers';

// Nothing lost (docs/reliability.md): the collector's fault modes (503, a
// dropped connection, a hang) and the browser's offline mode, with the
// tracker on the other loopback name, so that Matomo's CORS answer is what
// lets the page see a failure. Short back-off settings (retryDelay) and the
// page's fake clock stand in for real outages.

const PAGE = '/e2e/pages/retry.html?cross=1';

type Win = Window & {
  MatomoLite: Record<string, (...args: unknown[]) => unknown>;
  tracker: unknown;
  send(n: number, label?: string): void;
  stored(): [string, number][] | null;
};

test.afterEach(({ collector }) => collector.setFault(null));

const events = (label = 'hit') => (h: HitRecord) => h.kind == 'event' && h.params.e_a == label;
const names = (list: HitRecord[]) => list.map((h) => Number(h.params.e_n)).sort((a, b) => a - b);
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const stored = (page: Page) => page.evaluate(() => (window as unknown as Win).stored());
const storedCount = async (page: Page) => (await stored(page))?.length ?? 0;

/** Fails on anything the page threw or a policy refused. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push('pageerror: ' + error.message));
  page.on('console', (message) => {
    if (message.type() == 'error' && !/Failed to load resource|net::ERR_/.test(message.text())) problems.push('console: ' + message.text());
  });
  return problems;
}

/** Every hit with this label arrived exactly once, and no other hit with it comes later. */
async function exactlyOnce(hits: { waitFor: Function; all: Function; expectNoViolations: Function }, n: number, label: string, timeout = 10_000) {
  await hits.waitFor(n, { where: events(label), timeout });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const got: HitRecord[] = hits.all(events(label));
  expect(names(got)).toEqual(range(n));
  hits.expectNoViolations(got);
  return got;
}

const cdo = (h: HitRecord) => (h.params.cdo === undefined ? undefined : Number(h.params.cdo));

test('collector down for 30 s (page clock) while the page sends 20 hits, then back up: each arrives once, with cdo', async ({ page, hits, collector }) => {
  const problems = watch(page);
  await page.clock.install();
  await page.goto(PAGE + '&retryDelay=1');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  collector.setFault({ status: 503 });
  // 20 hits in four bursts, two seconds apart, each burst failing; when each was made, by the page's clock
  const built: [number, number][] = [];
  for (let burst = 0; burst < 4; burst++) {
    const [before, after] = await page.evaluate((from) => {
      const w = window as unknown as Win;
      const before = Date.now();
      for (let i = from; i < from + 5; i++) w.MatomoLite.trackEvent(w.tracker, 'Retry', 'outage', String(i));
      return [before, Date.now()];
    }, burst * 5);
    for (let i = 0; i < 5; i++) built.push([before, after]);
    await expect.poll(() => storedCount(page)).toBe((burst + 1) * 5);
    await page.clock.fastForward(2000);
  }
  // the rest of the 30 s: the back-off's retries fail too
  for (let t = 8; t <= 30; t += 2) await page.clock.fastForward(2000);
  // the first send and at least two retries failed (back-off 1, 2, 4, 8, 16 s with jitter: the exact
  // number within 30 s depends on the jitter and on when a loaded machine runs the page's timers)
  await expect.poll(() => collector.refused.length).toBeGreaterThan(2);
  expect(hits.all(events('outage'))).toEqual([]);
  collector.setFault(null);
  const upAt = await page.evaluate(() => Date.now());
  expect(upAt - built[0][1]).toBeGreaterThanOrEqual(30_000);
  // the pending retry comes after at most 64 × retryDelay
  await expect
    .poll(async () => {
      await page.clock.fastForward(4000);
      return hits.all(events('outage')).length;
    }, { timeout: 15_000 })
    .toBe(20);
  const doneAt = await page.evaluate(() => Date.now());
  expect(doneAt - upAt).toBeLessThan(80_000);
  const got = await exactlyOnce(hits, 20, 'outage');
  for (const h of got) {
    const [before, after] = built[Number(h.params.e_n)];
    // sent again after Matomo was back, before the test saw it arrive
    expect(cdo(h)).toBeGreaterThanOrEqual(Math.floor((upAt - after) / 1000) - 1);
    expect(cdo(h)).toBeLessThanOrEqual(Math.floor((doneAt - before) / 1000));
  }
  // several hits, one bulk request, in the order they were made
  expect(got.every((h) => h.transport == 'bulk')).toBe(true);
  expect(await stored(page)).toBeNull();
  expect(problems).toEqual([]);
});

test('offline, then online: the hits leave at once on the online event, once each, with cdo', async ({ page, context, hits }) => {
  const problems = watch(page);
  await page.goto(PAGE + '&retryDelay=30');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  await context.setOffline(true);
  const [before, made] = await page.evaluate(() => {
    const before = Date.now();
    (window as unknown as Win).send(8, 'offline');
    return [before, Date.now()];
  });
  await expect.poll(() => storedCount(page)).toBe(8);
  // offline for more than a second of the page's own clock
  await page.waitForFunction((t) => Date.now() - t > 1100, made);
  await context.setOffline(false);
  // the back-off is 30 s: only the online event can send them this soon
  const got = await exactlyOnce(hits, 8, 'offline', 5000);
  const now = await page.evaluate(() => Date.now());
  for (const h of got) {
    expect(cdo(h)).toBeGreaterThanOrEqual(1);
    expect(cdo(h)).toBeLessThanOrEqual(Math.floor((now - before) / 1000));
  }
  expect(problems).toEqual([]);
});

test('the tab closed with 10 hits queued, collector up: all arrive once, by beacon', async ({ page, hits }) => {
  await page.goto(PAGE + '&pv=0');
  // the first request opens matomo.js's 800 ms window: the events made in it wait for its end, or for the page to go
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as Win;
        w.MatomoLite.trackPageView(w.tracker);
        setTimeout(() => {
          w.send(10, 'close');
          resolve();
        }, 20);
      }),
  );
  await page.close();
  const got = await exactlyOnce(hits, 10, 'close');
  // one beacon with the ten: they were still queued when the tab closed
  expect(got.map((h) => [h.transport, h.bulkSize])).toEqual(range(10).map(() => ['bulk', 10]));
  expect(got.every((h) => cdo(h) === undefined)).toBe(true);
});

test('the collector down when the tab closes; the site opened again an hour later: the stored hits leave on the next load', async ({ context, hits, collector }) => {
  let page = await context.newPage();
  await page.goto(PAGE + '&retryDelay=1');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  collector.setFault({ status: 503 });
  await page.evaluate(() => (window as unknown as Win).send(6, 'reopen'));
  await expect.poll(() => storedCount(page)).toBe(6);
  // made while a back-off waits, just before the tab closes: into the store, not into a beacon that would be lost
  await page.evaluate(() => {
    const w = window as unknown as Win;
    for (let i = 6; i < 10; i++) w.MatomoLite.trackEvent(w.tracker, 'Retry', 'reopen', String(i));
  });
  await page.close();
  collector.setFault(null);
  expect(collector.refused.length).toBeGreaterThan(0);
  expect(hits.all(events('reopen'))).toEqual([]);

  page = await context.newPage();
  const problems = watch(page);
  await page.clock.install({ time: Date.now() + 3600_000 });
  await page.goto(PAGE);
  const got = await exactlyOnce(hits, 10, 'reopen');
  for (const h of got) {
    expect(cdo(h)).toBeGreaterThanOrEqual(3600);
    expect(cdo(h)).toBeLessThan(3600 + 60);
  }
  // they went first, with the new page view, in one request
  const views = hits.all((h) => h.kind == 'pageview');
  expect(views).toHaveLength(2);
  expect(got[0].seq).toBeLessThan(views[1].seq);
  expect(got.every((h) => h.receivedAt == views[1].receivedAt)).toBe(true);
  expect(await stored(page)).toBeNull();
  expect(problems).toEqual([]);
});

test('a 400 answer is not retried, and the console says so', async ({ page, hits, collector }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() == 'warning') warnings.push(message.text());
  });
  await page.goto(PAGE + '&retryDelay=0.05');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  collector.setFault({ status: 400, count: 1 });
  await page.evaluate(() => (window as unknown as Win).send(1, 'refused'));
  await expect.poll(() => collector.refused.length).toBe(1);
  await page.evaluate(() => {
    dispatchEvent(new Event('online'));
    (window as unknown as Win).send(1, 'after');
  });
  await hits.waitFor(1, { where: events('after') });
  await hits.expectNone(1000, events('refused'));
  expect(await stored(page)).toBeNull();
  expect(warnings).toEqual([terse('send')]);
});

test('a dropped connection and a hanging Matomo: every hit arrives once', async ({ page, hits, collector }) => {
  await page.goto(PAGE + '&retryDelay=0.05');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  collector.setFault({ drop: true, count: 2 });
  await page.evaluate(() => (window as unknown as Win).send(5, 'drop'));
  await exactlyOnce(hits, 5, 'drop');
  expect(collector.refused.map((r) => r.mode)).toEqual(['drop', 'drop']);

  // a slow answer is no failure: nothing is sent twice
  collector.setFault({ hang: 2000 });
  await page.evaluate(() => (window as unknown as Win).send(5, 'hang'));
  await page.waitForTimeout(100);
  collector.setFault(null);
  await page.evaluate(() => (window as unknown as Win).send(5, 'quick'));
  await exactlyOnce(hits, 5, 'quick');
  await exactlyOnce(hits, 5, 'hang');
});

test('the store keeps its bounds under 1,000 failing hits: 200 hits, about 256 KB at most; then each arrives once', async ({ page, hits, collector }) => {
  const problems = watch(page);
  await page.goto(PAGE + '&retryDelay=0.05');
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  collector.setFault({ status: 503 });
  await page.evaluate(() => (window as unknown as Win).send(1000, 'bounds'));
  // twenty bulk requests of 50 (most refused by the browser's keepalive quota before they leave, which is a failure too)
  await expect.poll(() => storedCount(page)).toBe(200);
  await expect.poll(() => collector.refused.length).toBeGreaterThan(2);
  // localStorage and the store in one look, when the store is full: a retry
  // in flight holds the hits out of it for a moment
  const look = () =>
    page.evaluate(() => ({
      raw: Object.entries(localStorage).map(([key, value]) => [key, value.length] as const),
      list: (window as unknown as Win).stored(),
    }));
  let full = await look();
  await expect.poll(async () => (full = await look()).list?.length ?? 0).toBe(200);
  expect(full.raw).toHaveLength(1);
  expect(full.raw[0]![1]).toBeLessThanOrEqual(256 * 1024);
  const list = full.list!;
  // all made in the same millisecond: equally old, so the requests that failed last are the ones kept
  const kept = list.map(([hit]) => Number(new URLSearchParams(hit).get('e_n'))).sort((a, b) => a - b);
  expect(new Set(kept).size).toBe(200);
  collector.setFault(null);
  await hits.waitFor(200, { where: events('bounds'), timeout: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(names(hits.all(events('bounds')))).toEqual(kept);
  expect(problems).toEqual([]);
});

test.describe('storage that fails never throws into the page', () => {
  for (const [name, init] of [
    [
      'setItem throws QuotaExceededError',
      () => {
        Storage.prototype.setItem = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    ],
    [
      'localStorage throws SecurityError',
      () => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      },
    ],
  ] as const) {
    test(`${name}: the hits are retried from memory`, async ({ page, hits, collector }) => {
      const problems = watch(page);
      await page.addInitScript(init);
      await page.goto(PAGE + '&retryDelay=0.05');
      await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
      collector.setFault({ status: 503, count: 1 });
      await page.evaluate(() => (window as unknown as Win).send(3, 'memory'));
      await exactlyOnce(hits, 3, 'memory');
      expect(collector.refused).toHaveLength(1);
      expect(problems).toEqual([]);
    });
  }

  test('a corrupted store entry is reset', async ({ page, hits }) => {
    const problems = watch(page);
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('matomo-lite:' + location.protocol + '//localhost:' + location.port + '/matomo.php', '{"not":"ours"');
      }
    });
    await page.goto(PAGE);
    const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    hits.expectNoViolations(view);
    expect(await stored(page)).toBeNull();
    expect(problems).toEqual([]);
  });
});

test.describe('consent', () => {
  test('forgetConsentGiven deletes the stored hits: they never leave', async ({ page, hits, collector }) => {
    await page.goto(PAGE + '&retryDelay=0.05');
    await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    collector.setFault({ status: 503 });
    await page.evaluate(() => (window as unknown as Win).send(3, 'optout'));
    await expect.poll(() => storedCount(page)).toBe(3);
    await page.evaluate(() => {
      const w = window as unknown as Win;
      w.MatomoLite.forgetConsentGiven(w.tracker);
    });
    expect(await stored(page)).toBeNull();
    collector.setFault(null);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await hits.expectNone(1000, events('optout'));
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  test('disableCookies: nothing in localStorage, the hits are retried from memory while the page is open', async ({ page, hits, collector }) => {
    await page.goto(PAGE + '&retryDelay=0.05&cookies=0');
    await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    collector.setFault({ status: 503 });
    await page.evaluate(() => (window as unknown as Win).send(3, 'cookieless'));
    await expect.poll(() => collector.refused.length).toBeGreaterThan(1);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    collector.setFault(null);
    await exactlyOnce(hits, 3, 'cookieless');
  });
});
