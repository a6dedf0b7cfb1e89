// `npm start`'s demo must keep working at every stage of the build: each page
// loads without errors and sends a clean page view, and the buttons for functions
// the build lacks are disabled rather than broken.
import { test, expect, type HitRecord } from './fixtures';

for (const pagePath of ['/demo/', '/demo/article.html', '/demo/shop.html', '/demo/content.html']) {
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

test('demo content page: blocks in view, an added block, the revealed one, a form interaction; nothing the CSP refuses', async ({ page, hits }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/demo/content.html');
  const hasContent = await page.evaluate(() => typeof (window as unknown as { MatomoLite: Record<string, unknown> }).MatomoLite.trackVisibleContentImpressions === 'function');
  test.skip(!hasContent, 'content tracking is not in this build');
  const impression = (name: string) => (h: HitRecord) => h.kind === 'content' && !('c_i' in h.params) && h.params.c_n === name;
  await hits.waitFor(1, { where: impression('Spring sale banner') });
  await hits.expectNone(300, impression('Footer promo'));
  await hits.expectNone(0, impression('Revealed teaser'));
  await page.locator('#hidden-block').evaluate((block) => block.scrollIntoView({ block: 'center' }));
  await page.click('#add-top');
  await hits.waitFor(1, { where: impression('Added block 1') });
  await page.click('#reveal');
  await hits.waitFor(1, { where: impression('Revealed teaser') });
  await page.fill('#newsletter input', 'me@example.org');
  await page.click('#newsletter button');
  const [submit] = await hits.waitFor(1, { where: (h) => h.params.c_i === 'submit' });
  expect(hits.param(submit!, 'c_n')).toBe('Newsletter box');
  await page.locator('.scroller').evaluate((row) => row.scrollTo(10000, 0));
  await hits.waitFor(1, { where: impression('Card 6') });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await hits.waitFor(1, { where: impression('Footer promo') });
  hits.expectNoViolations(hits.all());
  expect(errors).toEqual([]);
});
