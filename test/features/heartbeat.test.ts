import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker, trackPageView, enableHeartBeatTimer, disableHeartBeatTimer } from '../../src/index';
import { captureTransport, clearCookies, setPage } from '../helpers';
import { saidLine } from '../warnings';

const NOW = 1894716309000;
let focused = true;
let visibility: DocumentVisibilityState = 'visible';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/');
  clearCookies();
  focused = true;
  visibility = 'visible';
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

// earlier tests' trackers keep their page listeners: count only this tracker's pings
let current = '';
async function pings(sent: { url: string; body: string }[]): Promise<number> {
  await vi.advanceTimersByTimeAsync(0);
  return sent.filter((s) => /(^|[?&])ping=1/.test(s.url) && s.url.includes('pv_id=' + current)).length;
}

async function setup(seconds?: number) {
  const sent = captureTransport();
  const t = createTracker({ trackerUrl: 'https://m.example.org/matomo.php', siteId: 1 });
  const stop = enableHeartBeatTimer(t, seconds);
  trackPageView(t);
  current = t._pvId!;
  await vi.advanceTimersByTimeAsync(0);
  return { sent, t, stop };
}

describe('enableHeartBeatTimer', () => {
  it('pings every delay while the visitor is active, carrying pv_id and no ca', async () => {
    const { sent, t } = await setup();
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(14_000);
    expect(await pings(sent)).toBe(0);
    await vi.advanceTimersByTimeAsync(1_100);
    expect(await pings(sent)).toBe(1);
    const ping = sent.at(-1)!.url;
    expect(ping).toContain('?ping=1&idsite=1&');
    expect(ping).toContain('&pv_id=' + t._pvId);
    expect(ping).not.toContain('ca=1');
    // no activity since: no more pings
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await pings(sent)).toBe(1);
    window.dispatchEvent(new Event('keydown'));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pings(sent)).toBe(2);
  });

  it('times each page view on its own: the activity that led to a page view is not activity on it', async () => {
    const { sent, t } = await setup();
    await vi.advanceTimersByTimeAsync(20_000);
    // a click on a route's link, and the page view a single-page app sends for it, in one millisecond
    window.dispatchEvent(new Event('pointerdown'));
    trackPageView(t);
    current = t._pvId!;
    await vi.advanceTimersByTimeAsync(40_000);
    expect(await pings(sent)).toBe(0);
    // activity on the new page view counts
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await pings(sent)).toBe(1);
  });

  it('stop() takes its page-view hook off the tracker', async () => {
    const { t, stop } = await setup();
    expect(t._onPageView).toHaveLength(1);
    stop();
    expect(t._onPageView).toHaveLength(0);
  });

  it('does not ping while the page is hidden or unfocused', async () => {
    const { sent } = await setup();
    window.dispatchEvent(new Event('scroll'));
    focused = false;
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await pings(sent)).toBe(0);
  });

  it('sends a final ping when the page is hidden after activity, once', async () => {
    const { sent } = await setup();
    await vi.advanceTimersByTimeAsync(3_000);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await pings(sent)).toBe(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(await pings(sent)).toBe(1);
  });

  it('sends no final ping right after a hit', async () => {
    const { sent } = await setup();
    await vi.advanceTimersByTimeAsync(200);
    window.dispatchEvent(new Event('pagehide'));
    expect(await pings(sent)).toBe(0);
  });

  it('pings on blur after a long focus (TV-24), with a 5 s floor', async () => {
    const { sent } = await setup(3);
    await vi.advanceTimersByTimeAsync(4_000);
    window.dispatchEvent(new Event('blur'));
    expect(await pings(sent)).toBe(0);
    window.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(6_000);
    window.dispatchEvent(new Event('blur'));
    expect(await pings(sent)).toBe(1);
  });

  it('stops with stop() and with disableHeartBeatTimer', async () => {
    const { sent, t, stop } = await setup();
    stop();
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(40_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(await pings(sent)).toBe(0);
    window.dispatchEvent(new Event('pageshow'));
    enableHeartBeatTimer(t, 5);
    disableHeartBeatTimer(t);
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await pings(sent)).toBe(0);
  });

  it('a stale stop() of a replaced heartbeat leaves disableHeartBeatTimer able to stop the new one', async () => {
    const { sent, t, stop } = await setup(5);
    enableHeartBeatTimer(t, 5);
    stop();
    disableHeartBeatTimer(t);
    window.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await pings(sent)).toBe(0);
  });

  it('warns about a bad delay and uses the default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await setup('often' as never);
    expect(warn.mock.calls[0][0]).toBe(saidLine('[matomo-lite] enableHeartBeatTimer: seconds must be a number > 0, got "often"; ignored'));
  });
});

describe('an idle page', () => {
  it('checks once per delay, not every second', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await setup(5);
    spy.mockClear();
    // no activity: nothing is due, the timer only re-arms
    await vi.advanceTimersByTimeAsync(60_000);
    const rearms = spy.mock.calls.filter((call) => call[1] == 5_000 || call[1] == 1_000).length;
    expect(rearms).toBeLessThanOrEqual(13);
    expect(spy.mock.calls.filter((call) => call[1] == 1_000)).toHaveLength(0);
  });
});
