// Consent and privacy in a real Chromium (PROTOCOL.md §4, §3.6, TV-12, TV-13,
// TV-25): what reaches the collector and what is in the browser's cookie jar.
import { test, expect, TAG_COOKIE, type HitRecord } from './fixtures';
import type { BrowserContext, Page } from '@playwright/test';

const PAGE = '/e2e/pages/consent.html';
/** Longer than the transport's first-request window (800 ms): a hit that was going to leave has left. */
const QUIET_MS = 1500;

type Api = Record<string, (...args: unknown[]) => unknown>;
declare const M: Api;
declare const tracker: unknown;

/** The cookies the page could have written: the jar without the rig's HttpOnly tag cookie. */
async function jar(context: BrowserContext) {
  return (await context.cookies()).filter((c) => c.name !== TAG_COOKIE);
}
const names = async (context: BrowserContext) => (await jar(context)).map((c) => c.name).sort();

async function open(page: Page, query: string) {
  await page.goto(PAGE + '?' + query);
  await expect(page.locator('body'), 'the script-tag build did not load').toHaveAttribute('data-ready', '1');
}

/** Calls M[name](tracker, ...args) in the page. */
function call(page: Page, name: string, ...args: unknown[]) {
  return page.evaluate(([n, a]) => M[n as string](tracker, ...(a as unknown[])), [name, args] as const);
}

const ID = /^[0-9a-f]{16}$/;
// no _pk_ref: these pages have no referrer
const TRACKER_COOKIES = ['_pk_id.1.', '_pk_ses.1.'];
const trackerCookieNames = async (context: BrowserContext) => (await names(context)).map((n) => n.replace(/[0-9a-f]{4}$/, ''));

test('requireConsent: zero requests and zero cookies until setConsentGiven, then the held hits in order', async ({ page, context, hits }) => {
  await open(page, 'setup=requireConsent&heartbeat=5');
  // activity the heartbeat would count
  await page.mouse.move(50, 50);
  await page.mouse.wheel(0, 40);
  await hits.expectNone(QUIET_MS);
  expect(await jar(context)).toEqual([]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  expect(await call(page, 'hasConsent')).toBe(false);

  await call(page, 'setConsentGiven');
  const got = await hits.waitFor(4, { settle: 1000 });
  expect(got.map((h) => h.kind)).toEqual(['pageview', 'event', 'ping', 'ping']);
  hits.expectNoViolations(got);
  const [view, event, ping, cookiePing] = got;
  for (const h of [view, event, ping]) {
    // built while consent was missing: no visitor id, as matomo.js
    expect(hits.param(h, '_id')).toBe('');
    expect(hits.param(h, '_idn')).toBe('1');
    expect(hits.param(h, 'consent')).toBe('1');
    expect(hits.param(h, 'pv_id')).toBe(hits.param(view, 'pv_id'));
  }
  expect(hits.param(event, 'e_c')).toBe('Consent');
  // the cookie ping ties the new visitor id to the visit (TV-25)
  expect(hits.param(cookiePing, '_id')).toMatch(ID);
  expect(hits.param(cookiePing, '_id')).toBe(await call(page, 'getVisitorId'));
  expect(hits.param(cookiePing, 'consent')).toBe('1');
  expect(await trackerCookieNames(context)).toEqual(TRACKER_COOKIES);
});

test('requireConsent: a page left without consent sends nothing and leaves no cookie', async ({ page, context, hits }) => {
  await open(page, 'setup=requireConsent');
  await page.goto('/e2e/pages/raw-hit.html');
  await hits.expectNone(QUIET_MS);
  expect(await jar(context)).toEqual([]);
});

test('rememberConsentGiven survives a reload: mtm_consent as matomo.js writes it', async ({ page, context, hits }) => {
  await open(page, 'setup=requireConsent&track=pageview');
  const before = Date.now();
  await call(page, 'rememberConsentGiven');
  const [, cookiePing] = await hits.waitFor(2);
  const consent = (await jar(context)).find((c) => c.name === 'mtm_consent')!;
  expect(Number(consent.value)).toBeGreaterThanOrEqual(before - 1000);
  expect(consent.value).toMatch(/^\d{13}$/);
  expect(consent.path).toBe('/');
  expect(consent.httpOnly).toBe(false);
  expect(consent.sameSite).toBe('Lax');
  // 30 years are asked for; Chromium keeps a cookie 400 days at most (as it does matomo.js's)
  expect(consent.expires - Number(consent.value) / 1000).toBeGreaterThan(399 * 86400);

  await page.reload();
  const [view] = await hits.waitFor(1, { where: (h) => h.seq > cookiePing.seq && h.kind === 'pageview' });
  expect(hits.param(view, 'consent')).toBe('1');
  expect(hits.param(view, '_id')).toBe(hits.param(cookiePing, '_id'));
  expect(hits.param(view, '_idn')).toBe('0');
  expect(await call(page, 'hasRememberedConsent')).toBe(true);
  hits.expectNoViolations(hits.all());
});

test('forgetConsentGiven removes the tracker cookies and stops tracking, on this page and the next', async ({ page, context, hits }) => {
  await open(page, 'track=pageview');
  const [view] = await hits.waitFor(1);
  expect(await trackerCookieNames(context)).toEqual(TRACKER_COOKIES);

  await call(page, 'forgetConsentGiven');
  expect(await names(context)).toEqual(['mtm_consent_removed']);
  await call(page, 'trackEvent', 'After', 'Opt-out');
  await call(page, 'ping');
  await hits.expectNone(QUIET_MS, (h) => h.seq > view.seq);

  // the next page never calls a consent function: the cookie is enough
  await open(page, '');
  await hits.expectNone(QUIET_MS, (h) => h.seq > view.seq);
  expect(await names(context)).toEqual(['mtm_consent_removed']);
});

test('an opted-out visitor sends nothing and gets no tracker cookie', async ({ page, context, hits }) => {
  await open(page, 'setup=optUserOut&heartbeat=5');
  await page.mouse.move(50, 50);
  await hits.expectNone(QUIET_MS);
  expect(await names(context)).toEqual(['mtm_consent_removed']);
  expect(await call(page, 'isUserOptedOut')).toBe(true);

  // forgetUserOptOut: back in, cookieless
  await call(page, 'forgetUserOptOut');
  const got = await hits.waitFor(3, { settle: 500 });
  expect(got.map((h) => h.kind)).toEqual(['pageview', 'event', 'ping']);
  expect(got.map((h) => hits.param(h, '_id'))).toEqual(['', '', '']);
  hits.expectNoViolations(got);
  expect(await jar(context)).toEqual([]);
});

test('requireCookieConsent: hits are sent with no cookie until cookie consent', async ({ page, context, hits }) => {
  await open(page, 'setup=requireCookieConsent');
  const got = await hits.waitFor(3, { settle: 500 });
  expect(got.map((h) => h.kind)).toEqual(['pageview', 'event', 'ping']);
  expect(got.map((h) => hits.param(h, '_id'))).toEqual(['', '', '']);
  expect(got.every((h) => !h.keys.includes('consent'))).toBe(true);
  expect(await jar(context)).toEqual([]);

  await call(page, 'rememberCookieConsentGiven');
  const [ping] = await hits.waitFor(1, { where: (h) => h.seq > got[2].seq });
  expect(ping.kind).toBe('ping');
  expect(hits.param(ping, '_id')).toMatch(ID);
  hits.expectNoViolations([...got, ping]);
  expect(await names(context)).toContain('mtm_cookie_consent');
  expect(await trackerCookieNames(context)).toEqual(TRACKER_COOKIES.concat('mtm_cookie_consent').sort());
});

for (const [what, script] of [
  ['Do Not Track', () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { configurable: true, get: () => '1' })],
  ['Global Privacy Control', () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true })],
] as const) {
  test(`setDoNotTrack(true) with ${what}: nothing sent, no cookie, nothing re-enables it`, async ({ page, context, hits }) => {
    await page.addInitScript(script);
    await open(page, 'setup=setDoNotTrack');
    await call(page, 'rememberConsentGiven');
    await call(page, 'setCookieConsentGiven');
    await call(page, 'setDoNotTrack', false);
    await call(page, 'trackPageView');
    await hits.expectNone(QUIET_MS);
    expect(await jar(context)).toEqual([]);
  });

  test(`${what} without setDoNotTrack: tracked as usual`, async ({ page, hits }) => {
    await page.addInitScript(script);
    await open(page, 'track=pageview');
    hits.expectNoViolations(await hits.waitFor(1));
  });
}

test('disableCookies tracks page views and actions with an empty cookie jar (TV-12)', async ({ page, context, hits }) => {
  // cookies from an earlier visit go too
  await open(page, 'track=pageview');
  await hits.waitFor(1);
  expect(await trackerCookieNames(context)).toEqual(TRACKER_COOKIES);

  await open(page, 'setup=disableCookies');
  const got = await hits.waitFor(3, { settle: 500, where: (h) => !!hits.param(h, 'url')?.includes('disableCookies') });
  expect(got.map((h) => h.kind)).toEqual(['pageview', 'event', 'ping']);
  for (const h of got) {
    expect(hits.param(h, '_id')).toBe('');
    expect(hits.param(h, '_idn')).toBe('1');
    expect(hits.param(h, 'cookie')).toBe('1');
  }
  hits.expectNoViolations(got);
  expect(await jar(context)).toEqual([]);
});

test('deleteCookies removes every cookie the tracker wrote; the next hit is a new visitor', async ({ page, context, hits }) => {
  await open(page, 'track=pageview');
  const [first] = await hits.waitFor(1);
  expect(await trackerCookieNames(context)).toEqual(TRACKER_COOKIES);
  await call(page, 'deleteCookies');
  expect(await jar(context)).toEqual([]);
  await call(page, 'trackEvent', 'After', 'Delete');
  const [next] = await hits.waitFor(1, { where: (h: HitRecord) => h.seq > first.seq });
  expect(hits.param(next, '_id')).toMatch(ID);
  expect(hits.param(next, '_id')).not.toBe(hits.param(first, '_id'));
  expect(hits.param(next, '_idn')).toBe('1');
});

test.describe('the consent banner of docs/privacy.md, with _paq', () => {
  const BANNER = '/e2e/pages/consent-paq.html';

  test('Accept: the held hits leave in order, and the consent holds on the next page', async ({ page, context, hits }) => {
    await page.goto(BANNER);
    await page.waitForFunction(() => !Array.isArray((window as unknown as { _paq: unknown })._paq));
    await hits.expectNone(QUIET_MS);
    expect(await jar(context)).toEqual([]);

    await page.click('#accept');
    const got = await hits.waitFor(3, { settle: 500 });
    expect(got.map((h) => h.kind)).toEqual(['pageview', 'event', 'ping']);
    expect(got.map((h) => hits.param(h, 'consent'))).toEqual(['1', '1', '1']);
    hits.expectNoViolations(got);
    expect(await names(context)).toContain('mtm_consent');

    await page.reload();
    const next = await hits.waitFor(2, { where: (h) => h.seq > got[2].seq, settle: 500 });
    expect(next.map((h) => h.kind)).toEqual(['pageview', 'event']);
    expect(hits.param(next[0], '_id')).toBe(hits.param(got[2], '_id'));
    expect(hits.param(next[0], 'consent')).toBe('1');
  });

  test('Decline: nothing is sent, on this page or the next', async ({ page, context, hits }) => {
    await page.goto(BANNER);
    await page.waitForFunction(() => !Array.isArray((window as unknown as { _paq: unknown })._paq));
    await page.click('#decline');
    await page.reload();
    await hits.expectNone(QUIET_MS);
    expect(await names(context)).toEqual(['mtm_consent_removed']);
  });
});
