// `npm start`'s demo must keep working at every stage of the build: each page
// loads without errors and sends a clean page view, and the buttons for functions
// the build lacks are disabled rather than broken.
import { test, expect } from './fixtures';

for (const pagePath of ['/demo/', '/demo/article.html', '/demo/shop.html', '/demo/media.html']) {
  test(`demo page ${pagePath} sends one clean page view and throws nothing`, async ({ page, hits }) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(pagePath);
    const [hit] = await hits.waitFor(1, { where: (h) => h.kind === 'pageview' });
    expect(hits.param(hit, 'idsite')).toBe('1');
    expect(hits.param(hit, 'url')).toBe(page.url());
    expect(hits.param(hit, 'action_name')).toBe(await page.title());
    hits.expectNoViolations(hits.all());
    await expect(page.locator('#demo-log')).toContainText('trackPageView(tracker)');
    expect(errors).toEqual([]);
  });
}

test('demo event button: sends a clean event when the build has trackEvent, else is disabled', async ({ page, hits }) => {
  await page.goto('/demo/');
  await hits.waitFor(1, { where: (h) => h.kind === 'pageview' });
  const button = page.getByRole('button', { name: 'Send an event' });
  const hasTrackEvent = await page.evaluate(() => typeof (window as unknown as { MatomoLite: Record<string, unknown> }).MatomoLite.trackEvent === 'function');
  if (!hasTrackEvent) {
    await expect(button).toBeDisabled();
    return;
  }
  await button.click();
  const [event] = await hits.waitFor(1, { where: (h) => h.kind === 'event' });
  expect([hits.param(event, 'e_c'), hits.param(event, 'e_a'), hits.param(event, 'e_n')]).toEqual(['Demo', 'Click', 'Hero button']);
  hits.expectNoViolations(event);
});

test('demo media page: the visible players send clean impressions, the ignored one nothing', async ({ page, hits }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/demo/media.html');
  await hits.waitFor(1, { where: (h) => h.kind === 'media' });
  // the audio player is below the fold: seen once scrolled to
  await page.locator('audio').scrollIntoViewIfNeeded();
  const impressions = await hits.waitFor(2, { where: (h) => h.kind === 'media', settle: 500 });
  expect(impressions.map((h) => [hits.param(h, 'ma_ti'), hits.param(h, 'ma_st')])).toEqual([
    ['Demo clip', '0'],
    ['Beeps', '0'],
  ]);
  hits.expectNoViolations(hits.all());
  await expect(page.locator('#demo-log')).toContainText('enableMediaTracking(tracker)');
  expect(errors).toEqual([]);
});
