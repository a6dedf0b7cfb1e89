// core/visibility.ts in real Chromium: the one IntersectionObserver per
// tracker that content and media impressions share.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

type Harness = {
  calls: string[];
  watch(id: string, label: string, done?: boolean | 'throw'): (() => void) | undefined;
  tracker: { _visible?: unknown };
  V: { forget(tracker: unknown, onEnter: unknown, all?: boolean): void; unwatch(tracker: unknown, element: Element, onEnter: unknown): void };
  callbacks: Record<string, unknown>;
};

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/e2e/pages/visibility.html');
  await expect(page.locator('body'), 'run npm run build').toHaveAttribute('data-ready', '1');
  return errors;
}

const watch = (page: Page, id: string, label: string, done?: boolean | 'throw') =>
  page.evaluate(([id, label, done]) => void (window as unknown as Harness).watch(id!, label!, done as boolean), [id, label, done] as const);
const calls = (page: Page) => page.evaluate(() => (window as unknown as Harness).calls.slice());
const observing = (page: Page) => page.evaluate(() => Boolean((window as unknown as Harness).tracker._visible));
/** Scrolls the window, then lets the observer report (two frames). */
async function scroll(page: Page, y: number) {
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

test('reports an element when it enters the viewport; done after a true return, at each entry otherwise', async ({ page }) => {
  const errors = await open(page);
  await watch(page, 'top', 'once', true);
  await watch(page, 'low', 'once', true);
  await watch(page, 'low', 'every', false);
  await expect.poll(() => calls(page)).toEqual(['once:top']);
  for (const y of [5000, 0, 5000]) await scroll(page, y);
  await expect.poll(() => calls(page)).toEqual(['once:top', 'once:low', 'every:low', 'every:low']);
  await scroll(page, 0);
  await scroll(page, 5000);
  await expect.poll(() => calls(page)).toEqual(['once:top', 'once:low', 'every:low', 'every:low', 'every:low']);
  expect(errors).toEqual([]);
});

test('reports an element in a scrolled container when the container scrolls it into view', async ({ page }) => {
  await open(page);
  await watch(page, 'near', 'box', true);
  await watch(page, 'far', 'box', true);
  await expect.poll(() => calls(page)).toEqual(['box:near']);
  await page.evaluate(() => document.getElementById('box')!.scrollTo(10000, 0));
  await expect.poll(() => calls(page)).toEqual(['box:near', 'box:far']);
});

test('two features on one element each get their call; unwatching one leaves the other; nothing watched: no observer', async ({ page }) => {
  await open(page);
  await watch(page, 'low', 'content', false);
  await watch(page, 'low', 'media', false);
  await scroll(page, 5000);
  await expect.poll(() => calls(page)).toEqual(['content:low', 'media:low']);
  await page.evaluate(() => {
    const w = window as unknown as Harness;
    w.V.unwatch(w.tracker, document.getElementById('low')!, w.callbacks.content);
  });
  await scroll(page, 0);
  await scroll(page, 5000);
  await expect.poll(() => calls(page)).toEqual(['content:low', 'media:low', 'media:low']);
  expect(await observing(page)).toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as Harness;
    w.V.forget(w.tracker, w.callbacks.media, true);
  });
  expect(await observing(page)).toBe(false);
  // and a new watch starts a new observer
  await watch(page, 'top', 'again', true);
  await scroll(page, 0);
  await expect.poll(() => calls(page)).toContain('again:top');
});

test('a callback that throws reaches neither the page nor the other callbacks', async ({ page }) => {
  const errors = await open(page);
  await watch(page, 'top', 'broken', 'throw');
  await watch(page, 'top', 'fine', true);
  await expect.poll(() => calls(page)).toEqual(['broken:top', 'fine:top']);
  expect(errors).toEqual([]);
});

test('forgets the elements that left the document, keeps the others', async ({ page }) => {
  await open(page);
  await watch(page, 'low', 'content', false);
  await watch(page, 'far', 'content', false);
  const left = await page.evaluate(() => {
    const w = window as unknown as Harness & { tracker: { _visible?: [unknown, Map<Element, unknown>] } };
    document.getElementById('low')!.remove();
    w.V.forget(w.tracker, w.callbacks.content);
    return [...w.tracker._visible![1].keys()].map((e) => e.id);
  });
  expect(left).toEqual(['far']);
});

test('a feature that starts watching an element already in view gets its report too', async ({ page }) => {
  await open(page);
  await watch(page, 'top', 'content', false);
  await expect.poll(() => calls(page)).toEqual(['content:top']);
  await watch(page, 'top', 'media', true);
  await expect.poll(() => calls(page)).toEqual(['content:top', 'media:top']);
  // the element did not enter again: the first feature is not told twice
  await page.waitForTimeout(300);
  expect(await calls(page)).toEqual(['content:top', 'media:top']);
});
