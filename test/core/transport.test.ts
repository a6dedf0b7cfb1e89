import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker, trackPageView, setRequestMethod, ping } from '../../src/index';
import { captureTransport, clearCookies, setPage } from '../helpers';
import { CLIENT_HINTS_WAIT_MS, FIRST_REQUEST_GAP_MS, MAX_URL_HIT } from '../../src/core/transport';
import { said } from '../warnings';

const NOW = 1894716309000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/');
  clearCookies();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Object.defineProperty(navigator, 'userAgentData', { value: undefined, configurable: true });
});

const tracker = () => createTracker({ trackerUrl: 'https://matomo.example.com/matomo.php', siteId: 1 });
const settled = (sent: unknown) => (sent as { settled(): Promise<void> }).settled();

describe('batching', () => {
  it('sends hits queued in one task as one bulk POST, in order', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t, 'one');
    trackPageView(t, 'two');
    ping(t);
    await vi.advanceTimersByTimeAsync(0);
    await settled(sent);
    expect(sent).toHaveLength(1);
    expect(sent[0].via).toBe('fetch');
    expect(sent[0].url).toBe('https://matomo.example.com/matomo.php');
    const body = JSON.parse(sent[0].body);
    expect(body.send_image).toBe(0);
    expect(body.requests.map((r: string) => new URLSearchParams(r.slice(1)).get('action_name') ?? 'ping')).toEqual(['one', 'two', 'ping']);
    for (const request of body.requests) expect(request.startsWith('?')).toBe(true);
  });

  it('schedules one dispatch however many hits a task queues', async () => {
    const sent = captureTransport();
    const t = tracker();
    const before = vi.getTimerCount();
    for (let i = 0; i < 200; i++) ping(t);
    expect(vi.getTimerCount() - before).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    await settled(sent);
    expect(sent.flatMap((s) => JSON.parse(s.body).requests)).toHaveLength(200);
  });

  it("still sends when the page's setTimeout wrapper drops extra arguments", async () => {
    const sent = captureTransport();
    const original = setTimeout;
    vi.stubGlobal('setTimeout', (fn: () => void, ms?: number) => original(() => fn(), ms));
    const t = tracker();
    trackPageView(t);
    await vi.advanceTimersByTimeAsync(0);
    ping(t);
    await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS);
    await settled(sent);
    expect(sent).toHaveLength(2);
  });

  it('holds hits after the first request until the gap ends, then sends them together', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    ping(t);
    await vi.advanceTimersByTimeAsync(100);
    ping(t);
    await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS - 300);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toHaveLength(2);
    await settled(sent);
    expect(JSON.parse(sent[1].body).requests).toHaveLength(2);
    // after the window, hits go at once again
    ping(t);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(3);
  });

  it('flushes held hits at once when the page is hidden or left', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    await vi.advanceTimersByTimeAsync(0);
    ping(t);
    expect(sent).toHaveLength(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent).toHaveLength(2);
    // while leaving, a new hit goes out synchronously
    ping(t);
    expect(sent).toHaveLength(3);
    window.dispatchEvent(new Event('pageshow'));
    ping(t);
    expect(sent).toHaveLength(3);
  });
});

describe('transport choice', () => {
  it('puts a hit longer than 2000 characters in the POST body', async () => {
    const sent = captureTransport();
    trackPageView(tracker(), 'x'.repeat(MAX_URL_HIT));
    await vi.advanceTimersByTimeAsync(0);
    await settled(sent);
    expect(sent[0].url).toBe('https://matomo.example.com/matomo.php');
    expect(sent[0].body.startsWith('action_name=xxx')).toBe(true);
    expect(sent[0].type?.toLowerCase()).toBe('application/x-www-form-urlencoded; charset=utf-8');
  });

  it('always uses a body with setRequestMethod(POST)', async () => {
    const sent = captureTransport();
    const t = tracker();
    setRequestMethod(t, 'POST');
    trackPageView(t, 'short');
    await vi.advanceTimersByTimeAsync(0);
    await settled(sent);
    expect(sent[0].url).toBe('https://matomo.example.com/matomo.php');
    expect(sent[0].body.startsWith('action_name=short&idsite=1')).toBe(true);
  });

  it('sends by fetch in CORS mode while the page is shown, so the answer is seen', async () => {
    const sent = captureTransport();
    trackPageView(tracker(), 'shown');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.via)).toEqual(['fetch']);
    expect(sent[0].init).toEqual({ mode: 'cors', credentials: 'include', keepalive: true });
    expect(sent[0].url).toContain('matomo.php?action_name=shown&');
  });

  it('keeps keepalive requests under the 64 KiB the browser lets fly together: beyond, without keepalive, until they settle', async () => {
    const sent = captureTransport();
    // answers that wait: the requests stay in flight
    const answers: (() => void)[] = [];
    const recorded = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      recorded(url, init);
      return new Promise<Response>((resolve) => answers.push(() => resolve(new Response(null, { status: 204 }))));
    });
    const t = tracker();
    // three bodies of about 30 KB, one after the other
    for (let i = 0; i < 3; i++) {
      trackPageView(t, 'x'.repeat(30_000));
      await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS);
    }
    expect(sent.map((s) => s.init?.keepalive)).toEqual([true, false, false]);
    answers.splice(0).forEach((answer) => answer());
    await vi.advanceTimersByTimeAsync(0);
    trackPageView(t, 'x'.repeat(30_000));
    await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS);
    expect(sent.at(-1)!.init?.keepalive).toBe(true);
  });

  it('falls back to sendBeacon where fetch is missing', async () => {
    const sent = captureTransport({ fetch: false });
    trackPageView(tracker(), 'fallback');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.via)).toEqual(['beacon']);
    expect(sent[0].url).toContain('matomo.php?action_name=fallback&');
  });

  it('sends by sendBeacon when the page is left, by fetch keepalive (no CORS) where it is missing', async () => {
    for (const beacon of [true, undefined]) {
      const sent = captureTransport({ beacon });
      const t = tracker();
      trackPageView(t, 'first');
      await vi.advanceTimersByTimeAsync(0);
      window.dispatchEvent(new Event('pagehide'));
      sent.length = 0;
      trackPageView(t, 'leaving');
      expect(sent.map((s) => s.via)).toEqual([beacon ? 'beacon' : 'fetch']);
      if (!beacon) expect(sent[0].init).toEqual({ mode: 'no-cors', credentials: 'include', keepalive: true });
      expect(sent[0].url).toContain('matomo.php?action_name=leaving&');
      window.dispatchEvent(new Event('pageshow'));
    }
  });

  it('falls back to an image GET with send_image=1 when neither exists', async () => {
    const sent = captureTransport({ beacon: undefined, fetch: false });
    trackPageView(tracker(), 'img');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(sent[0].via).toBe('image');
    expect(sent[0].url).toContain('&send_image=1&');
    expect(sent[0].url).not.toContain('send_image=0');
  });

  it('falls back to the image GET when a page replaced fetch with one that throws', async () => {
    const sent = captureTransport({ beacon: undefined });
    vi.stubGlobal('fetch', () => {
      throw new TypeError('blocked');
    });
    trackPageView(tracker(), 'img');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.via)).toEqual(['image']);
    expect(sent[0].url).toContain('action_name=img&');
  });

  it("does not send again as an image what a page's fetch wrapper sent without returning a promise", async () => {
    const sent = captureTransport({ beacon: undefined });
    const calls: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      calls.push(url);
      return {};
    });
    trackPageView(tracker(), 'once');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    expect(sent).toHaveLength(0);
  });

  it('sends image GETs with setRequestMethod(GET), as matomo.js (TV-16)', async () => {
    const sent = captureTransport();
    const t = tracker();
    setRequestMethod(t, 'GET');
    trackPageView(t);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.via)).toEqual(['image']);
    expect(sent[0].url).toMatch(/^https:\/\/matomo\.example\.com\/matomo\.php\?action_name=.*&send_image=1/);
  });

  it('joins with & when the tracker URL already has a query', async () => {
    const sent = captureTransport();
    trackPageView(createTracker({ trackerUrl: 'https://m.example.org/js/?x=1', siteId: 2 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[0].url.startsWith('https://m.example.org/js/?x=1&action_name=')).toBe(true);
  });

  it('warns and sends nothing without a tracker URL or site id', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sent = captureTransport();
    trackPageView(createTracker({ siteId: 1 }));
    trackPageView(createTracker({ trackerUrl: '/matomo.php' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(0);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(said([
      '[matomo-lite] trackPageView: trackerUrl is not set; hit not sent',
      '[matomo-lite] trackPageView: siteId is not set; hit not sent',
    ]));
  });
});

describe('client hints', () => {
  const hints = (delay: number) =>
    Object.defineProperty(navigator, 'userAgentData', {
      configurable: true,
      value: {
        brands: [],
        platform: 'Linux',
        getHighEntropyValues: () =>
          new Promise((resolve) => setTimeout(resolve, delay, { platform: 'Linux', fullVersionList: [], brands: [] })),
      },
    });

  it('waits for them and sends uadata before the feature flags', async () => {
    hints(50);
    const sent = captureTransport();
    trackPageView(tracker());
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toContain('&uadata=%7B%22platform%22%3A%22Linux%22%2C%22fullVersionList%22%3A%5B%5D%7D&cookie=1&res=');
  });

  it('sends without uadata after the time limit, and keeps it that way for the page', async () => {
    hints(CLIENT_HINTS_WAIT_MS * 4);
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    await vi.advanceTimersByTimeAsync(CLIENT_HINTS_WAIT_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).not.toContain('uadata');
    await vi.advanceTimersByTimeAsync(CLIENT_HINTS_WAIT_MS * 4);
    ping(t);
    await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS);
    expect(sent.at(-1)!.url).not.toContain('uadata');
  });

  it('sends no uadata when the API is missing', async () => {
    const sent = captureTransport();
    trackPageView(tracker());
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[0].url).not.toContain('uadata');
  });
});

describe('prerendering', () => {
  it('waits until a prerendered page is shown', async () => {
    const sent = captureTransport();
    Object.defineProperty(document, 'prerendering', { configurable: true, value: true });
    trackPageView(tracker(), 'later');
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(0);
    Object.defineProperty(document, 'prerendering', { configurable: true, value: false });
    document.dispatchEvent(new Event('prerenderingchange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toContain('action_name=later');
  });
});

describe('background tabs', () => {
  it('a pageshow in a hidden tab is no departure: hits keep batching', async () => {
    const sent = captureTransport();
    const t = tracker();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      trackPageView(t, 'bg');
      window.dispatchEvent(new Event('pageshow'));
      ping(t);
      expect(sent).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(0);
      expect(sent).toHaveLength(1);
      await settled(sent);
      expect(JSON.parse(sent[0].body).requests).toHaveLength(2);
    } finally {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    }
  });
});
