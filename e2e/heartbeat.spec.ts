// The heartbeat (enableHeartBeatTimer) in a real Chromium: pings while the
// visitor is active, none while idle, and a final one when the page is left or
// hidden. The 5 s delay is matomo.js's floor, so these tests take ~6 s each.
import { test, expect, type HitRecord } from './fixtures';
import { allowVisibilityChanges, beActiveUntil, isPageView, isPing, setVisibility } from './page-helpers';

const HEARTBEAT_PAGE = '/e2e/pages/core.html?heartbeat=5';

function expectPingOf(view: HitRecord, ping: HitRecord) {
  expect(ping.params.ping).toBe('1');
  expect(ping.keys[0]).toBe('ping');
  expect(ping.keys).not.toContain('ca');
  expect(ping.keys).not.toContain('action_name');
  expect(ping.params.pv_id).toBe(view.params.pv_id);
  expect(ping.params._id).toBe(view.params._id);
  expect(ping.params.idsite).toBe(view.params.idsite);
  expect(ping.params.url).toBe(view.params.url);
}

test('an active visitor gets one ping after the delay, with the page view id', async ({ page, hits }) => {
  await page.goto(`${HEARTBEAT_PAGE}&track=onload`);
  const [view] = await hits.waitFor(1, { where: isPageView });
  const [ping] = await beActiveUntil(page, hits.waitFor(1, { where: isPing, timeout: 9000 }));
  expectPingOf(view, ping);
  // not before the delay
  expect(ping.receivedAt - view.receivedAt).toBeGreaterThanOrEqual(5000);
  await hits.expectNone(500, (h) => isPing(h) && h.seq > ping.seq);
  hits.expectNoViolations(hits.all());
});

test('an idle visitor gets no ping', async ({ page, hits }) => {
  await page.goto(`${HEARTBEAT_PAGE}&track=onload`);
  await hits.waitFor(1, { where: isPageView });
  await hits.expectNone(7000, isPing);
  expect(hits.all()).toHaveLength(1);
});

test('leaving the page after a few seconds of activity sends one final ping', async ({ page, hits }) => {
  // the page view goes out during load, so the final ping also carries the pending pf_*
  await page.goto(`${HEARTBEAT_PAGE}&track=now`);
  const [view] = await hits.waitFor(1, { where: isPageView });
  await beActiveUntil(page, new Promise((r) => setTimeout(r, 2000)));
  await hits.expectNone(0, isPing);

  await page.goto('/e2e/pages/raw-hit.html');
  const pings = await hits.waitFor(1, { where: isPing, settle: 500 });
  expect(pings).toHaveLength(1);
  expectPingOf(view, pings[0]);
  expect(pings[0].keys).toContain('pf_onl');
  hits.expectNoViolations(hits.all());
});

test('hiding the page after a few seconds sends one final ping; showing it again sends none', async ({ page, hits }) => {
  await allowVisibilityChanges(page);
  await page.goto(`${HEARTBEAT_PAGE}&track=onload`);
  const [view] = await hits.waitFor(1, { where: isPageView });
  await beActiveUntil(page, new Promise((r) => setTimeout(r, 1500)));

  await setVisibility(page, 'hidden');
  const [ping] = await hits.waitFor(1, { where: isPing });
  expectPingOf(view, ping);
  // the page view carried pf_*: the ping does not repeat them
  expect(ping.keys.some((k) => k.startsWith('pf_'))).toBe(false);
  await setVisibility(page, 'visible');
  await hits.expectNone(500, (h) => h.seq > ping.seq);
  hits.expectNoViolations(hits.all());
});

test('leaving right after the page view sends no final ping', async ({ page, hits }) => {
  await page.goto(`${HEARTBEAT_PAGE}&track=none`);
  // the page leaves 200 ms after its page view, by its own clock, whatever the load on the test machine
  await page.evaluate(() => {
    const w = window as unknown as { MatomoLite: Record<string, (t: unknown) => void>; tracker: unknown };
    w.MatomoLite.trackPageView(w.tracker);
    setTimeout(() => (location.href = '/e2e/pages/raw-hit.html'), 200);
  });
  await page.waitForURL(/raw-hit/);
  await hits.waitFor(1, { where: isPageView });
  await hits.expectNone(500, isPing);
  expect(hits.all()).toHaveLength(1);
});
