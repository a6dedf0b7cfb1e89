// Events, site search, goals, ecommerce, dimensions, user id, campaigns,
// cross-domain linking and added trackers, in real Chromium: each test asserts
// on what the collector received, parameter by parameter, with no violations.
import type { Page } from '@playwright/test';
import { test, expect, type HitRecord } from './fixtures';

const PAGE = '/e2e/pages/actions.html';

/** Calls MatomoLite[name](window.tracker, ...args) in the page; returns its result. */
function call(page: Page, name: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, args]) => {
      const w = window as unknown as { MatomoLite: Record<string, (...a: unknown[]) => unknown>; tracker: unknown };
      return w.MatomoLite[name as string](w.tracker, ...(args as unknown[]));
    },
    [name, args] as const,
  );
}

async function open(page: Page, query = '') {
  await page.goto(PAGE + query);
  await expect(page.locator('body'), 'the script-tag build did not load').toHaveAttribute('data-ready', '1');
}

const kind = (k: string) => (h: HitRecord) => h.kind === k;

test('an event, a site search and a goal with revenue', async ({ page, hits }) => {
  await open(page);
  const [view] = await hits.waitFor(1, { where: kind('pageview') });
  await call(page, 'trackEvent', 'Videos', 'Play', 'Intro', 12.5);
  await call(page, 'trackSiteSearch', 'rain jacket', 'Shop', 0);
  await call(page, 'trackGoal', 3, 9.99);
  const [event] = await hits.waitFor(1, { where: kind('event') });
  const [search] = await hits.waitFor(1, { where: kind('search') });
  const [goal] = await hits.waitFor(1, { where: kind('goal') });

  expect(event.keys.slice(0, 6)).toEqual(['e_c', 'e_a', 'e_n', 'e_v', 'ca', 'idsite']);
  expect(['e_c', 'e_a', 'e_n', 'e_v', 'ca'].map((k) => hits.param(event, k))).toEqual(['Videos', 'Play', 'Intro', '12.5', '1']);
  expect(search.keys.slice(0, 4)).toEqual(['search', 'search_cat', 'search_count', 'idsite']);
  expect(['search', 'search_cat', 'search_count'].map((k) => hits.param(search, k))).toEqual(['rain jacket', 'Shop', '0']);
  expect(hits.param(search, 'ca')).toBeUndefined();
  expect(goal.keys.slice(0, 3)).toEqual(['idgoal', 'revenue', 'idsite']);
  expect([hits.param(goal, 'idgoal'), hits.param(goal, 'revenue')]).toEqual(['3', '9.99']);
  for (const h of [event, search, goal]) {
    expect(hits.param(h, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    expect(hits.param(h, '_id')).toBe(hits.param(view, '_id'));
    expect(hits.param(h, 'action_name')).toBeUndefined();
  }
  // refused input sends nothing
  await call(page, 'trackEvent', '', 'Play');
  await call(page, 'trackGoal', 0);
  await hits.expectNone(1000, (h) => h.seq > goal.seq);
  hits.expectNoViolations(hits.all());
});

test('a product view, a cart update and an order of two items; the cart is empty afterwards', async ({ page, hits }) => {
  await open(page, '?track=none');
  await call(page, 'setEcommerceView', 'SKU-SHOE', 'Trail shoes', ['Shoes', 'Running'], 89);
  await call(page, 'trackPageView');
  const [view] = await hits.waitFor(1, { where: kind('pageview') });
  expect(['_pkc', '_pkp', '_pks', '_pkn'].map((k) => hits.param(view, k))).toEqual(['["Shoes","Running"]', '89', 'SKU-SHOE', 'Trail shoes']);

  await call(page, 'addEcommerceItem', 'SKU-SHOE', 'Trail shoes', 'Shoes', 89, 1);
  await call(page, 'addEcommerceItem', 'SKU-BOTTLE', 'Water bottle', 'Gear', 15, 2);
  await call(page, 'trackEcommerceCartUpdate', 119);
  await call(page, 'trackEcommerceOrder', 'ORDER-1', 134, 119, 10, 5);
  expect(await call(page, 'getEcommerceItems')).toEqual({});
  const [update, order] = await hits.waitFor(2, { where: kind('ecommerce') });

  const items = [['SKU-SHOE', 'Trail shoes', 'Shoes', 89, 1], ['SKU-BOTTLE', 'Water bottle', 'Gear', 15, 2]];
  expect(update.keys.slice(0, 4)).toEqual(['idgoal', 'revenue', 'ec_items', 'idsite']);
  expect([hits.param(update, 'idgoal'), hits.param(update, 'revenue')]).toEqual(['0', '119']);
  expect(JSON.parse(hits.param(update, 'ec_items')!)).toEqual(items);
  expect(order.keys.slice(0, 7)).toEqual(['idgoal', 'ec_id', 'revenue', 'ec_st', 'ec_tx', 'ec_sh', 'ec_items']);
  expect(['idgoal', 'ec_id', 'revenue', 'ec_st', 'ec_tx', 'ec_sh'].map((k) => hits.param(order, k))).toEqual(['0', 'ORDER-1', '134', '119', '10', '5']);
  expect(hits.param(order, 'ec_dt')).toBeUndefined();
  expect(JSON.parse(hits.param(order, 'ec_items')!)).toEqual(items);
  for (const h of [update, order]) {
    expect(hits.param(h, 'pv_id')).toBe(hits.param(view, 'pv_id'));
    // the product view belongs to its page view only
    expect(h.keys.filter((k) => k.startsWith('_pk'))).toEqual([]);
  }
  await call(page, 'trackEcommerceCartUpdate', 0);
  const [, , empty] = await hits.waitFor(3, { where: kind('ecommerce') });
  expect(hits.param(empty, 'ec_items')).toBe('[]');
  hits.expectNoViolations(hits.all());
});

test('a custom dimension and a user id go on every later hit', async ({ page, hits }) => {
  await open(page);
  const [first] = await hits.waitFor(1, { where: kind('pageview') });
  expect(hits.param(first, 'uid')).toBeUndefined();
  await call(page, 'setCustomDimension', 4, 'member');
  await call(page, 'setUserId', 'user@example.com');
  await call(page, 'trackEvent', 'Account', 'Login');
  await call(page, 'trackPageView');
  const [event] = await hits.waitFor(1, { where: kind('event') });
  const [, second] = await hits.waitFor(2, { where: kind('pageview') });
  for (const h of [event, second]) {
    expect(hits.param(h, 'dimension4')).toBe('member');
    expect(hits.param(h, 'uid')).toBe('user@example.com');
    expect(hits.param(h, '_id')).toBe(hits.param(first, '_id'));
  }
  // uid before _id, dimensions after the attribution params (§2.1)
  expect(second.keys.indexOf('uid')).toBe(second.keys.indexOf('_id') - 1);
  expect(second.keys.indexOf('dimension4')).toBeGreaterThan(second.keys.indexOf('_refts'));
  await call(page, 'resetUserId');
  await call(page, 'deleteCustomDimension', 4);
  await call(page, 'trackEvent', 'Account', 'Logout');
  const [, logout] = await hits.waitFor(2, { where: kind('event') });
  expect(hits.param(logout, 'uid')).toBeUndefined();
  expect(hits.param(logout, 'dimension4')).toBeUndefined();
  hits.expectNoViolations(hits.all());
});

test('a campaign landing is credited to a goal on a later page load of the same visit', async ({ page, hits }) => {
  await open(page, '?utm_campaign=Spring%20Sale&utm_term=Shoes&utm_source=news');
  const [landing] = await hits.waitFor(1, { where: kind('pageview') });
  expect([hits.param(landing, '_rcn'), hits.param(landing, '_rck')]).toEqual(['Spring Sale', 'Shoes']);
  expect(await call(page, 'getAttributionCampaignName')).toBe('Spring Sale');

  await open(page, '?track=none');
  await call(page, 'trackGoal', 1, 25);
  const [goal] = await hits.waitFor(1, { where: kind('goal') });
  expect(hits.param(goal, 'url')).toBe(page.url());
  expect([hits.param(goal, '_rcn'), hits.param(goal, '_rck')]).toEqual(['Spring Sale', 'Shoes']);
  expect(hits.param(goal, '_refts')).toBe(hits.param(landing, '_refts'));
  expect(hits.param(goal, '_id')).toBe(hits.param(landing, '_id'));
  expect(hits.param(goal, '_idn')).toBe('0');
  hits.expectNoViolations(hits.all());
});

test('custom campaign parameter names are read on landing', async ({ page, hits }) => {
  await open(page, '?track=none&cmp=Own&kw=Key&utm_campaign=Ignored');
  await call(page, 'setCampaignNameKey', ['nothere', 'cmp']);
  await call(page, 'setCampaignKeywordKey', 'kw');
  await call(page, 'setConversionAttributionFirstReferrer', true);
  await call(page, 'trackPageView');
  const [view] = await hits.waitFor(1, { where: kind('pageview') });
  expect([hits.param(view, '_rcn'), hits.param(view, '_rck')]).toEqual(['Own', 'Key']);
  expect(await call(page, 'getAttributionInfo')).toEqual(['Own', 'Key', Number(hits.param(view, '_refts')), '']);
  hits.expectNoViolations(view);
});

test('a cross-domain link carries pk_vid and the landing page on the other origin adopts the visitor id', async ({ page, hits, collector }) => {
  const other = collector.url.replace('127.0.0.1', 'localhost');
  expect(other).not.toBe(collector.url);
  const domains = 'domains=127.0.0.1,localhost&crossDomain=1';
  const target = `${other}${PAGE}?${domains}#top`;
  await open(page, `?${domains}&link=${encodeURIComponent(target)}`);
  const [source] = await hits.waitFor(1, { where: kind('pageview') });
  const visitor = hits.param(source, '_id')!;
  expect(visitor).toMatch(/^[0-9a-f]{16}$/);

  await page.click('#out');
  await page.waitForURL(/^http:\/\/localhost:/);
  await expect(page.locator('body')).toHaveAttribute('data-ready', '1');
  const landed = new URL(page.url());
  expect(landed.hash).toBe('#top');
  const vid = landed.searchParams.get('pk_vid')!;
  expect(vid).toMatch(new RegExp('^' + visitor + '\\d{10}[0-9a-f]{6}$'));
  expect(Math.abs(Number(vid.slice(16, 26)) - Date.now() / 1000)).toBeLessThan(60);

  const [, arrival] = await hits.waitFor(2, { where: kind('pageview') });
  expect(hits.param(arrival, '_id')).toBe(visitor);
  expect(hits.param(arrival, 'url')).toBe(`${other}${PAGE}?${domains}#top`);
  // Chromium sends only the origin as referrer across origins; it is one of our domains: no _ref
  expect(hits.param(arrival, 'urlref')).toBe(collector.url + '/');
  expect(hits.param(arrival, '_ref')).toBeUndefined();
  // the other origin's own cookie now holds the adopted id
  const cookies = await page.context().cookies(other);
  expect(cookies.find((c) => c.name.startsWith('_pk_id.1.'))?.value).toMatch(new RegExp('^' + visitor + '\\.'));
  hits.expectNoViolations(hits.all());
});

test('a second tracker receives the same hits for its own site and visitor', async ({ page, hits }) => {
  await open(page, '?addSite=2');
  const views = await hits.waitFor(2, { where: kind('pageview') });
  await call(page, 'trackEvent', 'Videos', 'Play', 'Intro');
  await call(page, 'trackGoal', 5, 10);
  const events = await hits.waitFor(2, { where: kind('event') });
  const goals = await hits.waitFor(2, { where: kind('goal') });
  for (const pair of [views, events, goals]) {
    const [one, two] = [1, 2].map((site) => pair.find((h) => hits.param(h, 'idsite') === String(site))!);
    expect(one && two, 'one hit per site').toBeTruthy();
    const actionKeys = one.keys.slice(0, one.keys.indexOf('idsite'));
    expect(two.keys.slice(0, two.keys.indexOf('idsite'))).toEqual(actionKeys);
    for (const k of actionKeys) expect(hits.param(two, k)).toBe(hits.param(one, k));
    expect(hits.param(two, 'pv_id')).toBe(hits.param(one, 'pv_id'));
    expect(hits.param(two, '_id')).not.toBe(hits.param(one, '_id'));
    expect(hits.param(two, 'url')).toBe(hits.param(one, 'url'));
  }
  expect(new Set(events.map((h) => hits.param(h, '_id'))).size).toBe(2);
  const cookieNames = (await page.context().cookies()).map((c) => c.name);
  expect(cookieNames.some((n) => n.startsWith('_pk_id.1.'))).toBe(true);
  expect(cookieNames.some((n) => n.startsWith('_pk_id.2.'))).toBe(true);
  hits.expectNoViolations(hits.all());
});

test('the demo shop and the demo site search send clean hits', async ({ page, hits }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('dialog', (dialog) => dialog.dismiss());
  await page.goto('/demo/shop.html');
  await hits.waitFor(1, { where: kind('pageview') });
  const shoes = page.locator('[data-sku="SKU-SHOE"]');
  await shoes.getByRole('button', { name: 'View' }).click();
  const [, view] = await hits.waitFor(2, { where: kind('pageview') });
  expect([hits.param(view, 'action_name'), hits.param(view, '_pks'), hits.param(view, '_pkp')]).toEqual(['Trail shoes', 'SKU-SHOE', '89']);
  await shoes.getByRole('button', { name: 'Add to cart' }).click();
  await shoes.getByRole('button', { name: 'Add to cart' }).click();
  await page.locator('[data-sku="SKU-BOTTLE"]').getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart')).toContainText('2 × Trail shoes');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('#cart')).toHaveText('empty');
  const ecommerce = await hits.waitFor(4, { where: kind('ecommerce') });
  const order = ecommerce[3];
  expect(hits.param(order, 'ec_id')).toMatch(/^DEMO-/);
  expect([hits.param(order, 'revenue'), hits.param(order, 'ec_st'), hits.param(order, 'ec_sh')]).toEqual(['198', '193', '5']);
  expect(JSON.parse(hits.param(order, 'ec_items')!)).toEqual([['SKU-SHOE', 'Trail shoes', 'Shoes', 89, 2], ['SKU-BOTTLE', 'Water bottle', 'Gear', 15, 1]]);

  await page.goto('/demo/');
  await page.getByRole('searchbox').fill('shoes');
  await page.getByRole('button', { name: 'Search' }).click();
  const [search] = await hits.waitFor(1, { where: kind('search') });
  expect(['search', 'search_cat', 'search_count'].map((k) => hits.param(search, k))).toEqual(['shoes', 'Demo pages', '1']);
  hits.expectNoViolations(hits.all());
  expect(errors).toEqual([]);
});
