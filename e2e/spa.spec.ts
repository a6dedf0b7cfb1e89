// Single-page apps (issue 12) in a real Chromium: page views for client-side
// navigations made by a router (demo/spa/router.js) in a page under a strict
// Content-Security-Policy with Trusted Types, through `_paq`, the data- tag
// and window.MatomoLite, in the full and the core build.
import { test, expect, type HitRecord } from './fixtures';
import { hasPf, isPageView, useBuild } from './page-helpers';
import type { Page } from '@playwright/test';

const SPA = '/e2e/pages/spa/';
const TITLE = 'SPA fixture · ';

type SpaWindow = Window & {
  router: { go(path: string, replace?: boolean): void; current(): string };
  routerSaw: string[];
  routerWrapper?: unknown;
  wrapPushState(): void;
  stopSpa?: () => void;
  violations: string[];
  tracker?: unknown;
  MatomoLite: Record<string, (...args: unknown[]) => unknown>;
};

/**
 * Opens the fixture with these knobs and waits for its first page view;
 * returns the landing path (the knobs are in its query) and the page's
 * errors, kept as they come.
 */
async function open(page: Page, hits: { waitFor(n: number, o?: object): Promise<HitRecord[]> }, knobs = '') {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const landing = SPA + (knobs && '?' + knobs);
  await page.goto(landing);
  await hits.waitFor(1, { where: isPageView });
  return { landing, errors };
}

/** Clicks the nav link with this text. */
const click = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).click();

/**
 * Waits until `count` page views arrived: the visitor stays on a route until
 * its page view is out (a navigation within the wait, as a redirect is, would
 * merge into the next one).
 */
const stay = (hits: { waitFor(n: number, o?: object): Promise<HitRecord[]> }, count: number) => hits.waitFor(count, { where: isPageView });

/** What a page view says: path of url and urlref, title. */
const summary = (hit: HitRecord) => [path(hit.params.url), path(hit.params.urlref), hit.params.action_name];
const path = (url?: string) => (url ? url.replace(/^https?:\/\/[^/]+/, '') : url);

for (const build of ['full', 'core'] as const) {
  test(`${build} build: three pushState navigations, the back button and a hash change are five page views, each in order`, async ({ page, hits }) => {
    if (build == 'core') await useBuild(page, 'dist/matomo-lite.core.js');
    const { landing, errors } = await open(page, hits, 'spa=' + encodeURIComponent('{"hash":true}'));
    await click(page, 'Products');
    await stay(hits, 2);
    await click(page, 'Shoes');
    await stay(hits, 3);
    await click(page, 'About');
    await stay(hits, 4);
    await page.goBack();
    await stay(hits, 5);
    await click(page, 'Reviews');

    const views = await hits.waitFor(6, { where: isPageView, settle: 500 });
    expect(views).toHaveLength(6);
    const origin = new URL(page.url()).origin;
    expect(views.map(summary)).toEqual([
      [landing, undefined, TITLE + 'Home'],
      [SPA + 'products', landing, TITLE + 'Products'],
      [SPA + 'products/shoes', SPA + 'products', TITLE + 'Shoes'],
      [SPA + 'about', SPA + 'products/shoes', TITLE + 'About'],
      [SPA + 'products/shoes', SPA + 'about', TITLE + 'Shoes'],
      [SPA + 'products/shoes#reviews', SPA + 'products/shoes', TITLE + 'Shoes · Reviews'],
    ]);
    // the urlref chain: each page view's referrer is the URL of the one before
    for (let i = 1; i < 6; i++) expect(views[i].params.urlref).toBe(views[i - 1].params.url);
    expect(views[1].params.url).toBe(origin + SPA + 'products');
    expect(new Set(views.map((hit) => hit.params.pv_id)).size).toBe(6);
    // Navigation Timing describes the document load: the first page view only
    expect(views.slice(1).filter(hasPf)).toEqual([]);
    hits.expectNoViolations(hits.all());
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as SpaWindow).violations)).toEqual([]);
  });
}

test('a redirect chain (pushState, then two replaceState within 100 ms) is one page view, of the last URL', async ({ page, hits }) => {
  const { landing } = await open(page, hits);
  await click(page, 'Old page (redirects twice)');
  await expect(page).toHaveTitle(TITLE + 'New');
  const views = await hits.waitFor(2, { where: isPageView, settle: 600 });
  expect(views.map(summary)).toEqual([
    [landing, undefined, TITLE + 'Home'],
    [SPA + 'new', landing, TITLE + 'New'],
  ]);
});

test('counting replaces too, the redirect chain is still one page view', async ({ page, hits }) => {
  const { landing } = await open(page, hits, 'spa=' + encodeURIComponent('{"replace":true}'));
  await click(page, 'Old page (redirects twice)');
  const views = await hits.waitFor(2, { where: isPageView, settle: 600 });
  expect(views.map(summary)).toEqual([
    [landing, undefined, TITLE + 'Home'],
    [SPA + 'new', landing, TITLE + 'New'],
  ]);
});

test('the same URL again (replaceState, pushState, a fragment without hash) sends nothing', async ({ page, hits }) => {
  await open(page, hits, 'spa=' + encodeURIComponent('{"replace":true}'));
  const [first] = hits.all(isPageView);
  await page.evaluate(() => {
    history.replaceState({ scroll: 1 }, '', location.href);
    history.pushState(null, '', location.href);
  });
  await click(page, 'Reviews');
  await hits.expectNone(600, (hit) => isPageView(hit) && hit != first);
});

test('data-spa on the script tag: SPA tracking before the first page view, its words as options', async ({ page, hits }) => {
  const { landing, errors } = await open(page, hits, 'install=tag&spa=hash');
  await click(page, 'Shoes');
  await stay(hits, 2);
  await click(page, 'Reviews');
  const views = await hits.waitFor(3, { where: isPageView, settle: 400 });
  expect(views.map(summary)).toEqual([
    [landing, undefined, TITLE + 'Home'],
    [SPA + 'products/shoes', landing, TITLE + 'Shoes'],
    [SPA + 'products/shoes#reviews', SPA + 'products/shoes', TITLE + 'Shoes · Reviews'],
  ]);
  expect(errors).toEqual([]);
});

for (const order of ['before', 'after'] as const) {
  test(`a router that wraps pushState ${order} the tracker keeps working, and so does the tracker`, async ({ page, hits }) => {
    const { landing } = await open(page, hits, 'router=' + order);
    await click(page, 'Products');
    await stay(hits, 2);
    await click(page, 'About');
    const views = await hits.waitFor(3, { where: isPageView, settle: 400 });
    expect(views.map((hit) => path(hit.params.url))).toEqual([landing, SPA + 'products', SPA + 'about']);
    const seen = await page.evaluate(() => (window as unknown as SpaWindow).routerSaw);
    expect(seen).toEqual([SPA + 'products', SPA + 'about']);
  });
}

test('stop() restores nothing another library patched after it, and sends nothing more', async ({ page, hits }) => {
  await open(page, hits, 'install=api&router=after');
  await click(page, 'Products');
  await hits.waitFor(2, { where: isPageView });
  const kept = await page.evaluate(() => {
    const w = window as unknown as SpaWindow;
    w.stopSpa!();
    return history.pushState === w.routerWrapper;
  });
  expect(kept).toBe(true);
  await click(page, 'About');
  await page.goBack();
  await hits.expectNone(600, (hit) => isPageView(hit) && !/products$|spa\/\?/.test(hit.params.url!));
  expect(hits.all(isPageView)).toHaveLength(2);
  expect(await page.evaluate(() => (window as unknown as SpaWindow).routerSaw)).toEqual([SPA + 'products', SPA + 'about']);
});

test('a navigation right before the visitor leaves is sent, not lost', async ({ page, hits }) => {
  // a wait of 5 s: only leaving can end it within the test
  const { landing } = await open(page, hits, 'spa=' + encodeURIComponent('{"delay":5000}'));
  await page.evaluate(() => (window as unknown as SpaWindow).router.go('/about'));
  await page.goto('/e2e/pages/basic.html?track=none');
  const views = await hits.waitFor(2, { where: isPageView });
  expect(path(views[1].params.url)).toBe(SPA + 'about');
  expect(path(views[1].params.urlref)).toBe(landing);
});

test('manual mode: the router sends the page views, they get urlref; nothing is sent by itself', async ({ page, hits }) => {
  const { landing } = await open(page, hits, 'install=api&spa=' + encodeURIComponent('{"manual":true}'));
  await click(page, 'Products');
  await expect(page).toHaveTitle(TITLE + 'Products');
  await hits.expectNone(400, (hit) => isPageView(hit) && hit.params.url!.endsWith('products'));
  await page.evaluate(() => {
    const w = window as unknown as SpaWindow;
    w.MatomoLite.setCustomUrl(w.tracker, '/e2e/pages/spa/products?view=all');
    w.MatomoLite.trackPageView(w.tracker);
  });
  const views = await hits.waitFor(2, { where: isPageView });
  expect(views.map(summary)[1]).toEqual([SPA + 'products?view=all', landing, TITLE + 'Products']);
});

test('the heartbeat after a route change pings for the new page view', async ({ page, hits }) => {
  await open(page, hits, 'heartbeat=5');
  await click(page, 'Products');
  const [, view] = await hits.waitFor(2, { where: isPageView });
  await page.mouse.move(10, 10);
  await page.mouse.move(40, 40);
  const [ping] = await hits.waitFor(1, { where: (hit) => hit.kind == 'ping', timeout: 12_000 });
  expect(ping.params.pv_id).toBe(view.params.pv_id);
  expect(path(ping.params.url)).toBe(SPA + 'products');
});
