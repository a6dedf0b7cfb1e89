// Outlink and download clicks (enableLinkTracking) in real Chromium, through
// `_paq` in both script builds and through the ESM API: what each click sends,
// parameter by parameter, with no validator violations; that a tracked click
// delays no navigation; and that a click costs no document scan.
import type { Page } from '@playwright/test';
import { test, expect, type HitRecord, type Hits } from './fixtures';
import { isPageView, useBuild } from './page-helpers';

const PAQ = '/e2e/pages/links.html';
const ESM = '/e2e/pages/links-esm.html';

const VARIANTS: [string, string, string?][] = [
  ['_paq, full build', PAQ],
  ['_paq, core build', PAQ, 'dist/matomo-lite.core.js'],
  ['ESM API (matomo-lite/links)', ESM],
];

type Win = Window & { cspViolations: string[] };

const isLinkHit = (h: HitRecord) => h.kind == 'link' || h.kind == 'download';

/** Opens a links fixture with these knobs (`build`: served instead of dist/matomo-lite.js), its tracker ready. */
async function open(page: Page, path: string, query: string, build?: string): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Win;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  if (build) await useBuild(page, build);
  await page.goto(path + query);
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
  // the module runs after the document is parsed
  if (path == ESM) await expect(page.locator('html')).toHaveAttribute('data-tracker', '1');
}

/** The link hits that arrived, once `count` did and nothing more came in the next half second. */
async function linkHits(hits: Hits, count: number): Promise<HitRecord[]> {
  const got = await hits.waitFor(count, { where: isLinkHit, settle: 500 });
  expect(got.map((h) => h.params[h.kind]), 'exactly these link hits').toHaveLength(count);
  return got;
}

for (const [name, path, build] of VARIANTS) {
  test.describe(name, () => {
    test("TV-20's links: outlinks and downloads are sent, internal, ignored, mailto: and script links are not", async ({ page, hits }) => {
      await open(page, path, '?stay=1', build);
      const [view] = await hits.waitFor(1, { where: isPageView });
      const origin = new URL(page.url()).origin;

      await page.click('#out');
      await page.click('#pdf');
      await page.click('#dl-class');
      await page.click('#dl-attr');
      for (const id of ['#internal', '#ignored', '#mail', '#script']) await page.click(id);
      await page.click('#nested span');
      await page.click('#out', { button: 'middle' });
      await page.click('#later');
      // Playwright's CSS selectors pierce open shadow roots
      await page.click('#shadow-host b');

      const sent = await linkHits(hits, 8);
      expect(sent.map((h) => [h.kind, h.params[h.kind]])).toEqual([
        ['link', 'https://other.example.org/page'],
        ['download', origin + '/files/report.PDF?v=2'],
        ['download', origin + '/export/report'],
        ['download', origin + '/export'],
        ['link', 'https://nested.example.org/'],
        ['link', 'https://other.example.org/page'],
        ['link', 'https://later.example.org/'],
        ['link', 'https://shadow.example.org/'],
      ]);
      for (const hit of sent) {
        // the action part first, then the standard part of the current page (§7.7)
        expect(hit.keys.slice(0, 2)).toEqual([hit.kind, 'idsite']);
        expect(hits.param(hit, 'url')).toBe(page.url());
        expect(hits.param(hit, 'idsite')).toBe('1');
        expect(hits.param(hit, 'pv_id')).toBe(hits.param(view, 'pv_id'));
        expect(hits.param(hit, '_id')).toBe(hits.param(view, '_id'));
        expect(hits.param(hit, 'ca')).toBeUndefined();
        expect(hits.param(hit, 'action_name')).toBeUndefined();
      }
      hits.expectNoViolations(hits.all());
      expect(await page.evaluate(() => (window as unknown as Win).cspViolations)).toEqual([]);
    });

    test("setDomains('*.example.com'): a subdomain is internal, a look-alike host is an outlink", async ({ page, hits }) => {
      await open(page, path, '?stay=1&domains=*.example.com', build);
      await hits.waitFor(1, { where: isPageView });
      for (const id of ['#shop', '#evil', '#internal']) await page.click(id);
      const sent = await linkHits(hits, 1);
      expect([sent[0].kind, hits.param(sent[0], 'link')]).toEqual(['link', 'https://example.com.evil.net/']);
      hits.expectNoViolations(hits.all());
    });

    test("setDomains('example.com/shop'): the path is the site, the rest of the host and this host are not", async ({ page, hits }) => {
      await open(page, path, '?stay=1&domains=example.com/shop', build);
      await hits.waitFor(1, { where: isPageView });
      for (const id of ['#shop-path', '#shopping', '#internal']) await page.click(id);
      const sent = await linkHits(hits, 2);
      // a path alias stops the automatic alias of the current host (§7.4)
      expect(sent.map((h) => hits.param(h, 'link'))).toEqual(['https://example.com/shopping', new URL(page.url()).origin + '/about']);
      hits.expectNoViolations(hits.all());
    });
  });
}

test('a right click counts only with enableLinkTracking(true)', async ({ page, hits }) => {
  await open(page, PAQ, '?stay=1');
  await hits.waitFor(1, { where: isPageView });
  await page.click('#out', { button: 'right' });
  await hits.expectNone(1200, isLinkHit);

  await open(page, PAQ, '?stay=1&pseudo=1');
  await page.click('#out', { button: 'right' });
  const [hit] = await linkHits(hits, 1);
  expect(hits.param(hit, 'link')).toBe('https://other.example.org/page');
  hits.expectNoViolations(hit);
});

/**
 * Milliseconds from a click on `#next` to the next page's navigation start.
 * The click's time is taken by the page's first listener (window, capture
 * phase), so the time the input takes to reach a busy machine's renderer is
 * not counted; the tracker's listeners, and any `beforeunload` busy-wait,
 * are. `query`: links.html's knobs.
 */
async function clickToNavigation(page: Page, query: string): Promise<number> {
  await page.goto(PAQ + query);
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
  await page.click('#next');
  await page.waitForURL('**/links-next.html');
  return page.evaluate(() => performance.timeOrigin - Number(sessionStorage.getItem('clickAt')));
}

const median = (values: number[]) => values.slice().sort((a, b) => a - b)[values.length >> 1];

test('a tracked outlink click delays no navigation, and its hit still arrives', async ({ context, hits }) => {
  test.setTimeout(240_000);
  const RUNS = 9;
  // one tab per variant: the page with the tracker; without it (an empty script served
  // instead); without it, but with a page listener that is busy for 50 ms
  const variants = { with: '', without: '', blocked: '?block=50' };
  const tabs = {} as Record<keyof typeof variants, Page>;
  const times = { with: [] as number[], without: [] as number[], blocked: [] as number[] };
  for (const variant of ['with', 'without', 'blocked'] as const) {
    const tab = (tabs[variant] = await context.newPage());
    if (variant != 'with') await tab.route('**/dist/matomo-lite.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
  }
  for (let run = 0; run < RUNS; run++) {
    // interleaved, so that a busy moment of the machine weighs on every variant alike
    for (const variant of ['with', 'without', 'blocked'] as const) times[variant].push(await clickToNavigation(tabs[variant], variants[variant]));
  }
  // every tracked click's hit arrived, though the page left at once (the pagehide flush)
  const sent = await hits.waitFor(RUNS, { where: (h) => h.kind == 'link', settle: 300 });
  expect(sent).toHaveLength(RUNS);
  for (const hit of sent) expect(hits.param(hit, 'link')).toMatch(/\/e2e\/pages\/links-next\.html$/);
  hits.expectNoViolations(hits.all());

  const [withTracker, without, blocked] = [median(times.with), median(times.without), median(times.blocked)];
  test.info().annotations.push({
    type: 'click → navigation start (median of ' + RUNS + ', ms)',
    description: `with the tracker ${withTracker.toFixed(1)}, without ${without.toFixed(1)}, with a page listener busy for 50 ms ${blocked.toFixed(1)}`,
  });
  console.log(test.info().annotations.at(-1)!.description);
  // the measurement sees a delay when there is one
  expect(blocked).toBeGreaterThan(without + 40);
  expect(withTracker).toBeLessThanOrEqual(without + 10);
});

test('a click on a 1,000-link page queries nothing in the document, and costs microseconds', async ({ page, hits }) => {
  await open(page, PAQ, '?stay=1&many=1000');
  await hits.waitFor(1, { where: isPageView });
  const result = await page.evaluate(async () => {
    const links = [...document.querySelectorAll('[id^="many-"]')];
    const internal = links.filter((a) => a.getAttribute('href')!.startsWith('/article/'));
    // every way to search the document, counted while the tracker handles clicks
    let queries = 0;
    const searches =
      'querySelector querySelectorAll getElementsByTagName getElementsByTagNameNS getElementsByClassName getElementsByName getElementById createTreeWalker createNodeIterator evaluate'.split(' ');
    for (const proto of [Document.prototype, Element.prototype, DocumentFragment.prototype] as Record<string, any>[]) {
      for (const name of searches) {
        const original = Object.getOwnPropertyDescriptor(proto, name)?.value;
        if (typeof original == 'function') {
          proto[name] = function (this: unknown, ...args: unknown[]) {
            queries++;
            return original.apply(this, args);
          };
        }
      }
    }
    for (const name of ['links', 'anchors', 'all', 'images', 'forms']) {
      const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, name);
      const get = descriptor?.get;
      if (get) {
        Object.defineProperty(Document.prototype, name, {
          ...descriptor,
          get() {
            queries++;
            return get.call(this);
          },
        });
      }
    }
    // ms for the clicks' own tasks, and until the tasks they left (the hits) ran too
    const clickAll = async (list: Element[]): Promise<[number, number]> => {
      const start = performance.now();
      for (const a of list) a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
      const clicks = performance.now() - start;
      await new Promise((done) => setTimeout(done));
      return [clicks, performance.now() - start];
    };
    const matomo = (window as unknown as { Matomo: { getAsyncTracker(): Record<string, (...a: unknown[]) => unknown> } }).Matomo.getAsyncTracker();
    const on: [number, number][][] = [[], []];
    const off: [number, number][][] = [[], []];
    let queriesWhileOn = 0;
    for (let round = 0; round < 7; round++) {
      queries = 0;
      on[0].push(await clickAll(links));
      on[1].push(await clickAll(internal));
      queriesWhileOn += queries;
      // a second call returns the running listener's stop(): the same clicks without the tracker
      (matomo.enableLinkTracking() as () => void)();
      off[0].push(await clickAll(links));
      off[1].push(await clickAll(internal));
      matomo.enableLinkTracking();
    }
    return { queriesWhileOn, on, off, links: links.length, internal: internal.length };
  });
  // µs per click, tracker on minus off: [the click's task, with the hit it leaves]; of the
  // rounds, the best (a busy machine only ever adds time) and the median
  const perClick = (which: 0 | 1, count: number, pick: (values: number[]) => number) =>
    [0, 1].map((part) => ((pick(result.on[which].map((r) => r[part])) - pick(result.off[which].map((r) => r[part]))) / count) * 1000);
  const best = (values: number[]) => Math.min(...values);
  const figures = (pick: (values: number[]) => number) => {
    const [task, total] = perClick(0, result.links, pick);
    return `click task: any link ${task.toFixed(1)}, internal link ${perClick(1, result.internal, pick)[0].toFixed(1)}; with the hit built after it (2 of 3 links) ${total.toFixed(1)}`;
  };
  test.info().annotations.push({
    type: 'tracker script time per click on a 1,000-link page (µs)',
    description: `best of 7 rounds: ${figures(best)}; median: ${figures(median)}`,
  });
  console.log(test.info().annotations.at(-1)!.description);
  expect(result.links).toBe(1000);
  // the proof that no click scans the document
  expect(result.queriesWhileOn).toBe(0);
  // and a sanity bound, loose for a loaded machine: a click's task stays far below a millisecond
  expect(perClick(0, result.links, best)[0]).toBeLessThan(1000);
  expect(perClick(1, result.internal, best)[0]).toBeLessThan(1000);
  const some = await hits.waitFor(1, { where: isLinkHit });
  hits.expectNoViolations(some);
});
