import { test, expect } from './fixtures';

test('trackPageView sends one page-view hit as a beacon with the params in the URL', async ({ page, hits }) => {
  await page.goto('/e2e/pages/basic.html?siteId=7');
  await expect(page.locator('body'), 'the script-tag build did not load').toHaveAttribute('data-ready', '1');

  const pageviews = await hits.waitFor(1, { where: (h) => h.kind === 'pageview', settle: 500 });
  expect(pageviews).toHaveLength(1);
  const [hit] = pageviews;
  expect(hits.param(hit, 'idsite')).toBe('7');
  expect(hits.param(hit, 'rec')).toBe('1');
  expect(hits.param(hit, 'url')).toBe(page.url());
  expect(hits.param(hit, 'action_name')).toBe(await page.title());
  expect(hits.param(hit, 'action_name')).toBe('matomo-lite basic fixture');
  expect(hits.param(hit, 'send_image')).toBe('0');
  // sendBeacon is always a POST; a short hit travels in the URL with an empty body.
  expect(hit.method).toBe('POST');
  expect(hit.transport).toBe('beacon-query');
  hits.expectNoViolations(hit);
  expect(hit.violations).toEqual([]);
});

test('the collector catches a hit that breaks the protocol (the oracle can fail)', async ({ page, hits }) => {
  await page.goto(`/e2e/pages/raw-hit.html?via=fetch-get&hit=${encodeURIComponent('idsite=0&rec=1&send_image=0')}`);
  // Matomo answers a single hit with an invalid idsite with 400, and so does the collector.
  await expect(page.locator('body')).toHaveAttribute('data-sent', '400');

  const [hit] = await hits.waitFor(1);
  expect(hit.transport).toBe('get');
  expect(hit.method).toBe('GET');
  expect(hit.outcome).toBe('error');
  expect(hit.violations).toContain('idsite: must be an integer > 0 (got "0")');
  expect(() => hits.expectNoViolations(hit)).toThrow(/idsite: must be an integer > 0/);
});
