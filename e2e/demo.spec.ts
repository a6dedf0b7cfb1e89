// `npm start`'s demo must keep working at every stage of the build: each page
// loads without errors and sends a clean page view, and the buttons for functions
// the build lacks are disabled rather than broken.
import { test, expect, type HitRecord } from './fixtures';

for (const pagePath of ['/demo/', '/demo/article.html', '/demo/shop.html', '/demo/links.html', '/demo/spa/', '/demo/media.html', '/demo/content.html']) {
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

test('demo Links page: under its strict CSP, each kind of link sends what it should', async ({ page, hits }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as any).reportViolation(e.violatedDirective + ' ' + e.blockedURI));
    // the demo's links open pages and files: the test only needs the clicks
    for (const type of ['click', 'auxclick']) addEventListener(type, (e) => e.preventDefault());
  });
  await page.goto('/demo/links.html');
  await hits.waitFor(1, { where: (h) => h.kind === 'pageview' });
  const origin = new URL(page.url()).origin;
  for (const name of ['sample.pdf', 'sample.txt', 'example.org', 'the article', 'someone@example.org']) {
    await page.getByRole('link', { name, exact: true }).click();
  }
  await page.getByRole('link', { name: 'developer.mozilla.org' }).click();
  await page.getByRole('link', { name: /inside a shadow root/ }).click({ button: 'middle' });
  const sent = await hits.waitFor(4, { where: (h) => h.kind === 'link' || h.kind === 'download', settle: 500 });
  expect(sent.map((h) => [h.kind, h.params[h.kind]])).toEqual([
    ['download', origin + '/demo/files/sample.pdf'],
    ['download', origin + '/demo/files/sample.txt'],
    ['link', 'https://developer.mozilla.org/'],
    ['link', 'https://web.dev/articles/shadowdom-v1'],
  ]);
  hits.expectNoViolations(hits.all());
  expect(violations).toEqual([]);
});

test('SPA demo: a page view per route, one for a redirect chain, none for an in-page link, under a strict CSP', async ({ page, hits }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { reportViolation(t: string): void }).reportViolation(event.violatedDirective));
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/demo/spa/');
  await hits.waitFor(1, { where: (h) => h.kind === 'pageview' });
  await page.getByRole('link', { name: 'Trail shoes', exact: true }).click();
  // the visitor stays until the route's page view is out (a quicker click would merge it into the next, as a redirect is)
  await hits.waitFor(2, { where: (h) => h.kind === 'pageview' });
  await page.getByRole('link', { name: /Read the reviews/ }).click();
  await page.getByRole('link', { name: /Old pricing page/ }).click();
  await expect(page).toHaveTitle('matomo-lite demo · SPA · Pricing');
  const views = await hits.waitFor(3, { where: (h) => h.kind === 'pageview', settle: 600 });
  const path = (url?: string) => url && new URL(url).pathname;
  expect(views.map((h) => [path(hits.param(h, 'url')), path(hits.param(h, 'urlref')), hits.param(h, 'action_name')])).toEqual([
    ['/demo/spa/', undefined, 'matomo-lite demo · SPA · Home'],
    ['/demo/spa/products/shoes', '/demo/spa/', 'matomo-lite demo · SPA · Trail shoes'],
    ['/demo/spa/pricing', '/demo/spa/products/shoes', 'matomo-lite demo · SPA · Pricing'],
  ]);
  hits.expectNoViolations(hits.all());
  // a reload of a route is served the app (the collector's SPA fallback)
  await page.reload();
  await expect(page).toHaveTitle('matomo-lite demo · SPA · Pricing');
  expect(errors).toEqual([]);
  expect(violations).toEqual([]);
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

test('demo content page: blocks in view, an added block, the revealed one, a form interaction; nothing the CSP refuses', async ({ page, hits }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/demo/content.html');
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
