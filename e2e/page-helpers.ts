// Page-side helpers shared by the core and heartbeat specs.

import type { Page } from '@playwright/test';
import type { HitRecord } from './fixtures';

/**
 * Headless Chromium never changes visibility by itself: this init script lets a
 * test hide and show the page the way a tab switch would, by overriding
 * `document.visibilityState`/`hidden` and firing `visibilitychange`.
 */
export async function allowVisibilityChanges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let state = 'visible';
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => state == 'hidden' });
    (window as unknown as { setVisibility(s: string): void }).setVisibility = (s: string) => {
      state = s;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
}

export function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  return page.evaluate((s) => (window as unknown as { setVisibility(s: string): void }).setVisibility(s), state);
}

export const isPageView = (h: HitRecord) => h.kind === 'pageview';
export const isPing = (h: HitRecord) => h.kind === 'ping';
export const PF_KEYS = ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'];
export const hasPf = (h: HitRecord) => h.keys.some((k) => k.startsWith('pf_'));

/** The page is loaded as Navigation Timing sees it (loadEventEnd set), so pf_* can be computed. */
export function waitForLoadEnd(page: Page): Promise<unknown> {
  return page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)?.loadEventEnd > 0);
}

/** The production script's one line for a refused call: the words are in the debug build only. */
export const terse = (call: string) => `[matomo-lite] ${call}: refused (the debug build says why)`;

/** Serves `build` (a path under dist/) wherever a page loads dist/matomo-lite.js. */
export async function useBuild(page: Page, build: string): Promise<void> {
  await page.route('**/dist/matomo-lite.js', async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('dist/matomo-lite.js', build) });
    await route.fulfill({ response });
  });
}

/** Moves the mouse and scrolls, as a reading visitor does, until `done` resolves. */
export async function beActiveUntil<T>(page: Page, done: Promise<T>): Promise<T> {
  let finished = false;
  const result = done.finally(() => (finished = true));
  for (let i = 0; !finished; i++) {
    await page.mouse.move(100 + (i % 50) * 5, 100 + (i % 7) * 10);
    if (i % 4 === 0) await page.mouse.wheel(0, i % 8 ? 40 : -40);
    await Promise.race([result.catch(() => 0), new Promise((r) => setTimeout(r, 200))]);
  }
  return result;
}
