// Content tracking in real Chromium (PROTOCOL.md §8, TV-21–TV-23): what the
// collector received, parameter by parameter, through `_paq` and through the
// ESM build, on a page under a strict CSP with Trusted Types.
import type { Page } from '@playwright/test';
import { test, expect, type HitRecord } from './fixtures';

const PAGE = '/e2e/pages/content.html';
type Via = 'paq' | 'esm';

const isImpression = (h: HitRecord) => h.kind === 'content' && !('c_i' in h.params);
const isInteraction = (h: HitRecord) => h.kind === 'content' && 'c_i' in h.params;
const named = (name: string) => (h: HitRecord) => isImpression(h) && h.params.c_n === name;
const names = (list: HitRecord[]) => list.map((h) => h.params.c_n).sort();

/** The blocks above content.html's spacer that are drawn: the ones a 1280×720 viewport shows at load. */
const IN_VIEW = ['Above', 'Tile 1', 'img.jpg', 'Ignored'].sort();
const NEVER = ['Hidden display', 'Hidden visibility', 'Hidden opacity', 'Zero size'];
const BELOW = ['Spring banner', 'My Ad', 'Unknown', 'Below'];

async function open(page: Page, via: Via, query = '') {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // a CSP violation is a console error
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${PAGE}?via=${via}${query}`);
  await expect(page.locator('body'), 'the tracker did not start: run npm run build').toHaveAttribute('data-ready', '1');
  return errors;
}

/** Calls a tracker function: `_paq.push([name, ...args])`, or `M[name](tracker, ...args)`. */
function call(page: Page, via: Via, name: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([via, name, args]) => {
      const w = window as unknown as { _paq: unknown[][]; M: Record<string, (...a: unknown[]) => unknown>; tracker: unknown };
      if (via === 'paq') return void w._paq.push([name, ...(args as unknown[])]);
      return w.M[name as string]!(w.tracker, ...(args as unknown[]));
    },
    [via, name, args] as const,
  );
}

const scrollTo = (page: Page, y: number | 'bottom') =>
  page.evaluate((y) => window.scrollTo(0, y === 'bottom' ? document.documentElement.scrollHeight : y), y);

for (const via of ['paq', 'esm'] as const) {
  test.describe(`through ${via === 'paq' ? '_paq' : 'the ESM build'}`, () => {
    test('blocks below the fold wait until scrolled into view; hidden blocks never count; no duplicates', async ({ page, hits }) => {
      const errors = await open(page, via);
      // the page is as strict as it says: HTML strings are refused
      const html = await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<i></i>');
          return 'allowed';
        } catch {
          return 'refused';
        }
      });
      expect(html).toBe('refused');
      errors.length = 0;
      const first = await hits.waitFor(IN_VIEW.length, { where: isImpression, settle: 500 });
      expect(names(first)).toEqual(IN_VIEW);
      // the page view went first, the impressions carry its pv_id
      const [view] = hits.all((h) => h.kind === 'pageview');
      for (const hit of first) {
        expect(hits.param(hit, 'pv_id')).toBe(hits.param(view!, 'pv_id'));
        expect(hit.seq).toBeGreaterThan(view!.seq);
      }
      const above = first.find((h) => h.params.c_n === 'Above')!;
      expect(above.keys.slice(0, 5)).toEqual(['c_n', 'c_p', 'c_t', 'ca', 'idsite']);
      expect(hits.param(above, 'c_p')).toBe('Hero');
      expect(hits.param(above, 'c_t')).toBe(new URL('/e2e/pages/basic.html', page.url()).href);
      // found in one task: in bulk (one request, with the page view that waited for the client hints too;
      // on a busy machine the 10 ms a task may build impressions can split it)
      expect(new Set(first.map((h) => h.receivedAt)).size).toBeLessThanOrEqual(2);
      expect(Math.max(...first.map((h) => h.bulkSize ?? 1))).toBeGreaterThanOrEqual(3);

      await scrollTo(page, 'bottom');
      const below = await hits.waitFor(IN_VIEW.length + BELOW.length, { where: isImpression });
      expect(names(below)).toEqual([...IN_VIEW, ...BELOW].sort());
      // back and forth: nothing new
      for (const y of [0, 1500, 'bottom', 0] as const) {
        await scrollTo(page, y);
        await page.waitForTimeout(150);
      }
      await hits.expectNone(500, (h) => isImpression(h) && !below.includes(h));
      expect(hits.all(isImpression).filter((h) => NEVER.includes(h.params.c_n!))).toEqual([]);
      hits.expectNoViolations(hits.all());
      expect(errors).toEqual([]);
    });

    test('a block in a scrolled container counts when the container scrolls it into view', async ({ page, hits }) => {
      await open(page, via);
      await hits.waitFor(IN_VIEW.length, { where: isImpression });
      await hits.expectNone(300, named('Tile 2'));
      await page.evaluate(() => document.getElementById('scroller')!.scrollTo(10000, 0));
      const [tile] = await hits.waitFor(1, { where: named('Tile 2') });
      hits.expectNoViolations(tile!);
    });

    test('blocks added later: in view at once, inside an added subtree too; below the fold when scrolled to', async ({ page, hits }) => {
      await open(page, via);
      await hits.waitFor(IN_VIEW.length, { where: isImpression });
      await page.evaluate(() => {
        const block = (name: string) => {
          const div = document.createElement('div');
          div.className = 'block';
          div.setAttribute('data-track-content', '');
          div.setAttribute('data-content-name', name);
          return div;
        };
        const section = document.createElement('section');
        const wrapper = document.createElement('div');
        wrapper.append(block('Late nested'));
        section.append(wrapper);
        document.body.prepend(section, block('Late top'));
        document.body.append(block('Late bottom'));
      });
      const late = await hits.waitFor(2, { where: (h) => isImpression(h) && h.params.c_n!.startsWith('Late'), settle: 300 });
      expect(names(late)).toEqual(['Late nested', 'Late top']);
      await scrollTo(page, 'bottom');
      await hits.waitFor(1, { where: named('Late bottom') });
      hits.expectNoViolations(hits.all());
    });

    test('a block that entered hidden counts once it is shown in place', async ({ page, hits }) => {
      await open(page, via);
      await hits.waitFor(IN_VIEW.length, { where: isImpression });
      await hits.expectNone(300, named('Fading'));
      await page.evaluate(() => document.getElementById('fading')!.classList.remove('faded'));
      await hits.waitFor(1, { where: named('Fading') });
    });

    test('trackAllContentImpressions sends every block at once, hidden and below the fold too, in bulk', async ({ page, hits }) => {
      await open(page, via, '&mode=all');
      const every = [...IN_VIEW, ...NEVER, 'Fading', 'Tile 2', ...BELOW].sort();
      const all = await hits.waitFor(every.length, { where: isImpression, settle: 500 });
      expect(names(all)).toEqual(every);
      // in bulk, not a request per block (one, unless a busy machine split the 10 ms slices)
      expect(new Set(all.map((h) => h.receivedAt)).size).toBeLessThanOrEqual(3);
      expect(Math.max(...all.map((h) => h.bulkSize ?? 1))).toBeGreaterThanOrEqual(5);
      const origin = new URL(page.url()).origin;
      const value = (name: string) => ['c_n', 'c_p', 'c_t'].map((k) => hits.param(all.find((h) => h.params.c_n === name)!, k));
      expect(value('Spring banner')).toEqual(['Spring banner', origin + '/e2e/pages/content-pixel.svg', undefined]);
      expect(value('My Ad')).toEqual(['My Ad', origin + '/e2e/pages/content-pixel.svg', origin + '/anylink']);
      expect(value('Unknown')).toEqual(['Unknown', 'Unknown', undefined]);
      expect(value('img.jpg')).toEqual(['img.jpg', 'img.jpg', 'https://ads.example.net/land']);
      hits.expectNoViolations(all);
    });

    test('a click on a target sends c_i=click with the impression\'s values, and does not hold the navigation', async ({ page, hits }) => {
      await open(page, via);
      const [above] = await hits.waitFor(1, { where: named('Above') });
      // not the target node, a target that ignores interactions: nothing
      await page.click('#above-text');
      await page.click('#ignored-target');
      await hits.expectNone(500, isInteraction);
      // a link that leaves the page: the hit leaves with it
      await Promise.all([page.waitForURL('**/basic.html'), page.click('#above-link')]);
      const [click] = await hits.waitFor(1, { where: isInteraction });
      expect(click!.keys.slice(0, 6)).toEqual(['c_i', 'c_n', 'c_p', 'c_t', 'ca', 'idsite']);
      expect(['c_i', 'c_n', 'c_p', 'c_t'].map((k) => hits.param(click!, k))).toEqual(['click', 'Above', 'Hero', hits.param(above!, 'c_t')]);
      expect(hits.param(click!, 'pv_id')).toBe(hits.param(above!, 'pv_id'));
      hits.expectNoViolations(hits.all());
    });

    test('a new page view or a site search has the blocks in view sent again', async ({ page, hits }) => {
      await open(page, via);
      const first = await hits.waitFor(IN_VIEW.length, { where: isImpression, settle: 300 });
      await call(page, via, 'trackPageView', 'Second view');
      const [, view2] = await hits.waitFor(2, { where: (h) => h.kind === 'pageview' });
      const again = await hits.waitFor(2 * IN_VIEW.length, { where: isImpression, settle: 300 });
      const second = again.filter((h) => !first.includes(h));
      expect(names(second)).toEqual(IN_VIEW);
      for (const hit of second) expect(hits.param(hit, 'pv_id')).toBe(hits.param(view2!, 'pv_id'));
      await call(page, via, 'trackSiteSearch', 'banners');
      await hits.waitFor(3 * IN_VIEW.length, { where: isImpression });
      await call(page, via, 'clearTrackedContentImpressions');
      await hits.waitFor(4 * IN_VIEW.length, { where: isImpression, settle: 300 });
      expect(hits.all(isImpression)).toHaveLength(4 * IN_VIEW.length);
      hits.expectNoViolations(hits.all());
    });

    test('manual impressions and interactions', async ({ page, hits }) => {
      await open(page, via, '&mode=none');
      await call(page, via, 'trackContentImpression', 'Promo', 'promo.png', 'https://shop.example.org/');
      await call(page, via, 'trackContentInteraction', 'submit', 'Promo', 'promo.png');
      await page.evaluate((via) => {
        const w = window as unknown as { _paq: unknown[][]; M: Record<string, (...a: unknown[]) => unknown>; tracker: unknown };
        const node = document.getElementById('tv3-link');
        if (via === 'paq') w._paq.push(['trackContentInteractionNode', node, 'hover']);
        else w.M.trackContentInteractionNode!(w.tracker, node, 'hover');
      }, via);
      const [impression, submit, hover] = await hits.waitFor(3, { where: (h) => h.kind === 'content' });
      expect(impression!.raw).toMatch(/^c_n=Promo&c_p=promo\.png&c_t=https%3A%2F%2Fshop\.example\.org%2F&ca=1&idsite=1&/);
      expect(submit!.raw).toMatch(/^c_i=submit&c_n=Promo&c_p=promo\.png&ca=1&idsite=1&/);
      expect(['c_i', 'c_n', 'c_t'].map((k) => hits.param(hover!, k))).toEqual(['hover', 'My Ad', new URL('/anylink', page.url()).href]);
      hits.expectNoViolations(hits.all());
    });
  });
}

test('stop() ends content tracking (ESM)', async ({ page, hits }) => {
  await open(page, 'esm');
  await hits.waitFor(IN_VIEW.length, { where: isImpression });
  const left = await page.evaluate(() => {
    const w = window as unknown as { stop(): void; tracker: { _visible?: unknown; _content?: unknown } };
    w.stop();
    return [w.tracker._visible, w.tracker._content];
  });
  expect(left).toEqual([undefined, undefined]);
  await scrollTo(page, 'bottom');
  await page.click('#tv4');
  await hits.expectNone(800, (h) => h.kind === 'content' && !IN_VIEW.includes(h.params.c_n!));
});

test('logAllContentBlocksOnPage prints every block on the console', async ({ page }) => {
  await open(page, 'paq', '&mode=none');
  const logged = page.waitForEvent('console', (message) => message.type() === 'log');
  await page.evaluate(() => (window as unknown as { _paq: unknown[][] })._paq.push(['logAllContentBlocksOnPage']));
  const values = await (await logged).args()[0]!.jsonValue();
  expect(values).toHaveLength(14);
  expect(values[0]).toEqual({ name: 'Above', piece: 'Hero', target: new URL('/e2e/pages/basic.html', page.url()).href });
});

test.describe('with link tracking', () => {
  for (const via of ['paq', 'esm'] as const) {
    test(`a click on a block that is an outlink sends one link hit carrying the content part, TV-22 (${via})`, async ({ page, hits }) => {
      await page.route('https://ads.example.net/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>ad</title>' }));
      await open(page, via, '&links=1');
      await hits.waitFor(1, { where: named('img.jpg') });
      await Promise.all([page.waitForURL('https://ads.example.net/land'), page.click('#banner-img')]);
      const [link] = await hits.waitFor(1, { where: (h) => h.kind === 'link' });
      expect(link!.keys.slice(0, 7)).toEqual(['link', 'c_i', 'c_n', 'c_p', 'c_t', 'ca', 'idsite']);
      expect(['link', 'c_i', 'c_n', 'c_p', 'c_t'].map((k) => hits.param(link!, k))).toEqual([
        'https://ads.example.net/land',
        'click',
        'img.jpg',
        'img.jpg',
        'https://ads.example.net/land',
      ]);
      await hits.expectNone(500, isInteraction);
      hits.expectNoViolations(hits.all());
    });
  }
});

test('a burst of impressions, beyond the 64 KiB keepalive requests may carry at once, all arrive without a retry', async ({ page, hits }) => {
  await open(page, 'esm', '&mode=none');
  await page.evaluate(() => {
    for (let i = 0; i < 600; i++) {
      const div = document.createElement('div');
      div.setAttribute('data-track-content', '');
      div.setAttribute('data-content-name', `Burst ${i} ${'x'.repeat(200)}`);
      document.body.append(div);
    }
    const w = window as unknown as { M: Record<string, (...a: unknown[]) => unknown>; tracker: unknown };
    w.M.trackAllContentImpressions!(w.tracker);
  });
  const all = await hits.waitFor(614, { where: isImpression, timeout: 15_000, settle: 500 });
  expect(all).toHaveLength(614);
  expect(new Set(all.map((h) => h.params.c_n)).size).toBe(614);
  // none waited for a retry (a refused keepalive request counts as a failure)
  expect(all.filter((h) => 'cdo' in h.params)).toEqual([]);
  hits.expectNoViolations(all);
});
