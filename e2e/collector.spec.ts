// The rig itself, in a real Chromium and without the tracker: each way a browser
// can deliver a hit must reach the collector as the right kind of record.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

type RawWindow = Window & { sendRaw(via: string, hit: string, path?: string): Promise<unknown> };

const RAW_PAGE = '/e2e/pages/raw-hit.html';

/** A hit shaped like the one matomo.js sends (PROTOCOL §2.1), for the page the test is on. */
function validHit(pageUrl: string, extra = '', sendImage = '0') {
  return (
    `action_name=Raw%20hit&idsite=3&rec=1&r=123456&h=14&m=5&s=9&url=${encodeURIComponent(pageUrl)}` +
    `&_id=0123456789abcdef&_idn=1&send_image=${sendImage}&_refts=0&pv_id=abC123&uadata=%7B%7D&cookie=1&res=1280x720${extra}`
  );
}

async function sendRaw(page: Page, via: string, hit: string, path?: string) {
  return page.evaluate(([v, h, p]) => (window as unknown as RawWindow).sendRaw(v!, h!, p), [via, hit, path]);
}

test.beforeEach(async ({ page }) => {
  await page.goto(RAW_PAGE);
});

test('a beacon with an empty body is recorded as beacon-query', async ({ page, hits }) => {
  expect(await sendRaw(page, 'beacon-query', validHit(page.url()))).toBe(true);
  const [hit] = await hits.waitFor(1);
  expect(hit.method).toBe('POST');
  expect(hit.transport).toBe('beacon-query');
  // Blob lowercases its type.
  expect(hit.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
  expect(hit.params.url).toBe(page.url());
  expect(hit.params.action_name).toBe('Raw hit');
  expect(hit.violations).toEqual([]);
});

test('a beacon with the hit in a form body is recorded as post-body', async ({ page, hits }) => {
  const long = '&data=' + encodeURIComponent(JSON.stringify({ pad: 'x'.repeat(2100) }));
  expect(await sendRaw(page, 'beacon-body', validHit(page.url(), long))).toBe(true);
  const [hit] = await hits.waitFor(1);
  expect(hit.transport).toBe('post-body');
  expect(hit.path).toBe('/matomo.php');
  expect(JSON.parse(hit.params.data!).pad).toHaveLength(2100);
  expect(hit.violations).toEqual([]);
});

test('a bulk beacon becomes one record per entry, in order', async ({ page, hits }) => {
  const body = [validHit(page.url(), '&e_c=Video&e_a=Play&ca=1').replace('action_name=Raw%20hit&', ''), validHit(page.url())].join('\n');
  expect(await sendRaw(page, 'beacon-bulk', body)).toBe(true);
  const records = await hits.waitFor(2);
  expect(records.map((h) => [h.transport, h.bulkIndex, h.bulkSize, h.kind])).toEqual([
    ['bulk', 0, 2, 'event'],
    ['bulk', 1, 2, 'pageview'],
  ]);
  hits.expectNoViolations(records);
});

test('a bulk POST without send_image gets Matomo\'s JSON summary', async ({ page, hits }) => {
  const body = [validHit(page.url()), 'idsite=0&rec=1'].join('\n');
  expect(await sendRaw(page, 'fetch-bulk', body)).toBe('200 {"status":"success","tracked":1,"invalid":1}');
  const records = await hits.waitFor(2);
  expect(records[1].violations).toContain('idsite: must be an integer > 0 (got "0")');
});

test('an image GET with send_image=1 gets the 1x1 GIF', async ({ page, hits }) => {
  expect(await sendRaw(page, 'image', validHit(page.url(), '', '1'))).toBe('load 1x1');
  const [hit] = await hits.waitFor(1);
  expect(hit.transport).toBe('get');
  expect(hit.violations).toEqual([]);
});

test('a text/plain beacon body is flagged: matomo.php would never read it', async ({ page, hits }) => {
  expect(await sendRaw(page, 'beacon-text', validHit(page.url()))).toBe(true);
  const [hit] = await hits.waitFor(1);
  expect(hit.contentType).toBe('text/plain;charset=UTF-8');
  expect(hit.outcome).toBe('error');
  expect(hit.violations[0]).toMatch(/^content-type: body sent as "text\/plain;charset=UTF-8" is ignored by matomo.php/);
});

test('no preflight for the transports a tracker uses', async ({ page, hits, collector }) => {
  await sendRaw(page, 'beacon-query', validHit(page.url()));
  await sendRaw(page, 'beacon-body', validHit(page.url()));
  await hits.waitFor(2);
  expect(collector.preflights).toEqual([]);
});

test('each test starts with no hits', async ({ hits }) => {
  await hits.expectNone(200);
  expect(hits.all()).toEqual([]);
});

test('waitFor fails listing what arrived', async ({ page, hits }) => {
  await sendRaw(page, 'fetch-get', 'idsite=0&rec=1&send_image=0');
  await hits.waitFor(1);
  await expect(hits.waitFor(2, { timeout: 200 })).rejects.toThrow(/expected 2 hit\(s\) within 200 ms, got 1[\s\S]*idsite=0&rec=1&send_image=0[\s\S]*✗ idsite: must be an integer > 0/);
  await expect(hits.expectNone(50)).rejects.toThrow(/expected no hits within 50 ms, got 1/);
});

test('?delay=MS holds an HTML page back, which shows in Navigation Timing', async ({ page }) => {
  await page.goto(`${RAW_PAGE}?delay=400`);
  const waited = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return nav.responseStart - nav.requestStart;
  });
  expect(waited).toBeGreaterThanOrEqual(390);
});

test('the inspector lists hits live and clears them', async ({ page, context, hits }) => {
  const inspector = await context.newPage();
  await inspector.goto('/inspector');
  await expect(inspector.locator('#status')).toHaveText('live');
  await sendRaw(page, 'beacon-query', validHit(page.url(), '&dimension1=blue'));
  // a beacon is sent in the background: let it arrive before the next hit, so "newest" is known
  await hits.waitFor(1);
  await sendRaw(page, 'fetch-get', 'idsite=0&rec=1&send_image=0');
  await hits.waitFor(2);

  await expect(inspector.locator('#count')).toHaveText('2');
  await expect(inspector.locator('#bad-count')).toHaveText('1');
  const rows = inspector.locator('details.hit');
  // Newest on top.
  await expect(rows.first()).toHaveClass(/bad/);
  await expect(rows.first().locator('summary')).toContainText('2 violations');
  await expect(rows.nth(1).locator('summary')).toContainText('beacon-query');
  await expect(rows.nth(1).locator('summary')).toContainText('pageview');
  await rows.nth(1).locator('summary').click();
  await expect(rows.nth(1).locator('tr', { hasText: 'dimension1' })).toContainText('blue');

  await inspector.locator('#clear').click();
  await expect(inspector.locator('#count')).toHaveText('0');
  expect(hits.all()).toEqual([]);
});
