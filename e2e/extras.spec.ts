// disableCampaignParameters, discardHashTag, appendToTrackingUrl, trackRequest
// and enableJSErrorTracking in real Chromium through the script-tag build:
// what the collector received, parameter by parameter, with no violations.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const PAGE = '/e2e/pages/basic.html?track=none';

/** Calls MatomoLite[name](window.tracker, ...args) in the page. */
function call(page: Page, name: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, args]) => {
      const w = window as unknown as { MatomoLite: Record<string, (...a: unknown[]) => unknown>; tracker: unknown };
      w.MatomoLite[name as string](w.tracker, ...(args as unknown[]));
    },
    [name, args] as const,
  );
}

async function open(page: Page, query = '') {
  await page.goto(PAGE + query);
  await expect(page.locator('body'), 'the script-tag build did not load').toHaveAttribute('data-ready', '1');
}

test('disableCampaignParameters and discardHashTag clean the reported URL', async ({ page, hits }) => {
  await open(page, '&utm_campaign=Spring&mtm_cid=7&id=5#top');
  await call(page, 'disableCampaignParameters');
  await call(page, 'discardHashTag', true);
  await call(page, 'trackPageView');
  const [view] = await hits.waitFor(1);
  hits.expectNoViolations(view);
  expect(hits.param(view, 'url')).toMatch(/\/e2e\/pages\/basic\.html\?track=none&id=5$/);
  expect(hits.param(view, '_rcn')).toBeUndefined();
});

test('appendToTrackingUrl adds its string to every hit; trackRequest sends a raw action', async ({ page, hits }) => {
  await open(page);
  await call(page, 'appendToTrackingUrl', 'lang=fr%2Dch&bots=1');
  await call(page, 'trackPageView');
  await call(page, 'trackRequest', 'e_c=Shop&e_a=Open%20cart&ca=1');
  const [view, request] = await hits.waitFor(2);
  for (const h of [view, request]) {
    hits.expectNoViolations(h);
    expect([hits.param(h, 'lang'), hits.param(h, 'bots')]).toEqual(['fr-ch', '1']);
    expect(h.raw).toContain('&lang=fr%2Dch&bots=1');
  }
  expect(request.keys.slice(0, 4)).toEqual(['e_c', 'e_a', 'ca', 'idsite']);
  expect([hits.param(request, 'e_c'), hits.param(request, 'e_a')]).toEqual(['Shop', 'Open cart']);
  expect(hits.param(request, 'pv_id')).toBe(hits.param(view, 'pv_id'));
});

test('enableJSErrorTracking sends an uncaught error once, as an event', async ({ page, hits }) => {
  await open(page);
  await call(page, 'enableJSErrorTracking');
  await call(page, 'trackPageView');
  await hits.waitFor(1);
  for (let i = 0; i < 2; i++) await page.addScriptTag({ url: '/e2e/pages/throws.js' });
  // the same error twice: one hit, even after waiting for a second
  const errors = await hits.waitFor(1, { where: (h) => hits.param(h, 'e_c') === 'JavaScript Errors', settle: 1500 });
  expect(errors).toHaveLength(1);
  const [error] = errors;
  hits.expectNoViolations(error);
  expect(hits.param(error, 'e_a')).toMatch(/^http:\/\/[^/]+\/e2e\/pages\/throws\.js:2:8$/);
  expect(hits.param(error, 'e_n')).toContain('notDefinedHere');
  expect(hits.param(error, 'ca')).toBe('1');
});
