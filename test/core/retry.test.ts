import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  createTracker,
  disableCookies,
  disableRetry,
  forgetConsentGiven,
  ping,
  requireConsent,
  requireCookieConsent,
  setConsentGiven,
  trackEvent,
  trackPageView,
  type TrackerConfig,
} from '../../src/index';
import { MAX_AGE_MS, STORE_MAX_CHARS, STORE_MAX_HITS } from '../../src/core/retry';
import { captureTransport, clearCookies, hitOf, setPage, type Sent } from '../helpers';
import { forgetWarnings, said } from '../warnings';

const NOW = 1894716309000;
const URL = 'https://matomo.example.com/matomo.php';
const KEY = 'matomo-lite:' + URL;
const DELAY = 5000;

let status = 204;
let sent: Sent[];
let warn: MockInstance;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/');
  clearCookies();
  localStorage.clear();
  forgetWarnings();
  status = 204;
  sent = captureTransport({ answer: () => status });
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  // the back-off's jitter at its top: delays are exact
  vi.spyOn(Math, 'random').mockReturnValue(1);
});
afterEach(() => {
  // leave no listener or timer behind for the next test's trackers
  window.dispatchEvent(new Event('pagehide'));
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

const tracker = (options: TrackerConfig = {}) => createTracker({ trackerUrl: URL, siteId: 1, ...options })!;
const warnings = () => warn.mock.calls.map((c) => String(c[0]).replace('[matomo-lite] ', ''));

/** Lets timers run for `ms`, and the answers (promises) of the requests made meanwhile arrive. */
async function run(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  await vi.advanceTimersByTimeAsync(0);
}

/** Each hit sent, in order: bulk bodies split. */
const hits = (list = sent) =>
  list.flatMap((s) => (s.body.startsWith('{') ? (JSON.parse(s.body).requests as string[]).map((q) => q.slice(1)) : [hitOf(s)]));
const param = (hit: string, name: string) => new URLSearchParams(hit).get(name);
const stored = (): [string, number][] => JSON.parse(localStorage.getItem(KEY) || '[]');

describe('failed sends', () => {
  for (const [what, answer] of [
    ['a 503', 503],
    ['a 429', 429],
    ['a network error', 0],
  ] as const) {
    it(`${what} keeps the hit in localStorage and sends it again after the back-off, with cdo`, async () => {
      status = answer;
      const t = tracker();
      trackPageView(t, 'first');
      await run();
      expect(sent).toHaveLength(1);
      expect(stored()).toHaveLength(1);
      expect(stored()[0][1]).toBe(NOW);
      // the hit as sent, its send-time tail included
      expect(stored()[0][0]).toBe(hitOf(sent[0]));

      status = 204;
      await run(DELAY - 1);
      expect(sent).toHaveLength(1);
      await run(1);
      expect(sent).toHaveLength(2);
      expect(hitOf(sent[1])).toBe(hitOf(sent[0]) + '&cdo=5');
      expect(localStorage.getItem(KEY)).toBeNull();
      expect(warnings()).toEqual([]);
    });
  }

  it('a 4xx other than 429 is a hit Matomo refuses: dropped, never retried, reported', async () => {
    status = 400;
    trackEvent(tracker(), 'Bad', 'hit');
    await run(10 * DELAY);
    expect(sent).toHaveLength(1);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(warnings()).toEqual(said(['send: Matomo answered 400: 1 hit(s) dropped, not retried']));
  });

  it('backs off exponentially with jitter, up to 64 times retryDelay', async () => {
    status = 503;
    const t = tracker({ retryDelay: 1 });
    trackPageView(t);
    await run();
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = sent.length;
      const start = Date.now();
      while (sent.length == before) await run(100);
      times.push(Date.now() - start);
    }
    expect(times).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 64000, 64000]);
    // the jitter takes up to half of each delay off
    vi.mocked(Math.random).mockReturnValue(0);
    status = 204;
    await run(64000);
    expect(sent).toHaveLength(11);
  });

  it('retries at once when the browser is back online', async () => {
    status = 0;
    const t = tracker();
    trackPageView(t);
    await run(1500);
    status = 204;
    window.dispatchEvent(new Event('online'));
    await run();
    expect(sent).toHaveLength(2);
    expect(param(hitOf(sent[1]), 'cdo')).toBe('1');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('while Matomo fails, new hits wait in the store and leave with the next retry, in order', async () => {
    status = 503;
    const t = tracker();
    trackPageView(t, 'first');
    await run(2000);
    // made during the back-off: no request of their own
    trackEvent(t, 'During', 'outage');
    ping(t);
    await run(FIRST_GAP);
    expect(sent).toHaveLength(1);
    expect(stored().map(([hit]) => param(hit, 'action_name') ?? param(hit, 'e_c') ?? 'ping')).toEqual(['first', 'During', 'ping']);
    status = 204;
    await run(DELAY);
    expect(sent).toHaveLength(2);
    expect(hits([sent[1]]).map((h) => [param(h, 'action_name') ?? param(h, 'e_c') ?? 'ping', param(h, 'cdo')])).toEqual([
      ['first', '5'],
      ['During', '3'],
      ['ping', '3'],
    ]);
    expect(localStorage.getItem(KEY)).toBeNull();
    // through again: new hits leave at once
    ping(t);
    await run();
    expect(sent).toHaveLength(3);
  });

  it('a sendBeacon that returns false (leaving) is a failure: the hits are stored', async () => {
    sent = captureTransport({ beacon: false });
    const t = tracker();
    trackPageView(t);
    await run();
    window.dispatchEvent(new Event('pagehide'));
    sent.length = 0;
    trackEvent(t, 'On', 'exit');
    expect(sent.map((s) => s.via)).toEqual(['beacon']);
    expect(stored().map(([hit]) => param(hit, 'e_c'))).toEqual(['On']);
  });

  it('while the page is hidden stored hits wait; they leave when it is shown again', async () => {
    status = 503;
    const t = tracker();
    trackPageView(t);
    await run();
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      status = 204;
      await run(10 * DELAY);
      expect(sent).toHaveLength(1);
      expect(stored()).toHaveLength(1);
    } finally {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    }
    document.dispatchEvent(new Event('visibilitychange'));
    await run();
    expect(sent).toHaveLength(2);
    expect(param(hitOf(sent[1]), 'cdo')).toBe(String(10 * DELAY / 1000));
  });

  it('leaving while Matomo fails: the last hits go to the store, not into a beacon that would be lost', async () => {
    status = 503;
    const t = tracker();
    trackPageView(t, 'one');
    await run();
    window.dispatchEvent(new Event('pagehide'));
    sent.length = 0;
    trackPageView(t, 'two');
    expect(sent).toHaveLength(0);
    expect(stored().map(([hit]) => param(hit, 'action_name'))).toEqual(['one', 'two']);
  });
});

const FIRST_GAP = 800;

describe('the next page load', () => {
  it('sends the stored hits first, with the first hit, in one bulk, each with cdo', async () => {
    const old = 'action_name=old&idsite=1&rec=1&send_image=0';
    localStorage.setItem(KEY, JSON.stringify([[old, NOW - 3000 * 1000 - 400], [old + '&x=1', NOW - 60 * 1000]]));
    trackPageView(tracker(), 'new');
    await run();
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0].body).requests.map((q: string) => q.slice(1))).toEqual([
      old + '&cdo=3000',
      old + '&x=1&cdo=60',
      expect.stringMatching(/^action_name=new&/),
    ]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('drops hits older than 23 hours: Matomo would refuse them', async () => {
    const old = 'action_name=old&idsite=1&rec=1&send_image=0';
    localStorage.setItem(KEY, JSON.stringify([[old, NOW - MAX_AGE_MS], [old + '&kept=1', NOW - MAX_AGE_MS + 1000]]));
    trackPageView(tracker(), 'new');
    await run();
    expect(hits().map((h) => param(h, 'kept') ?? param(h, 'action_name'))).toEqual(['1', 'new']);
  });

  it('shares one store per tracker URL, whatever way the URL is written', async () => {
    localStorage.setItem(KEY, JSON.stringify([['action_name=old&idsite=1&rec=1&send_image=0', NOW - 5000]]));
    trackPageView(createTracker({ trackerUrl: '//matomo.example.com/matomo.php', siteId: 1 })!, 'new');
    await run();
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['old', 'new']);
  });

  it('sends stored hits only with consent', async () => {
    localStorage.setItem(KEY, JSON.stringify([['action_name=old&idsite=1&rec=1&send_image=0', NOW - 5000]]));
    const t = tracker();
    requireConsent(t);
    trackPageView(t, 'new');
    await run(10 * DELAY);
    expect(sent).toHaveLength(0);
    setConsentGiven(t);
    await run();
    // then the cookie-consent ping (TV-25)
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['old', 'new', null]);
  });
});

describe('bounds', () => {
  it(`keeps at most ${STORE_MAX_HITS} hits under 1,000 failing ones, the newest; warns once`, async () => {
    status = 503;
    const t = tracker();
    for (let i = 0; i < 1000; i++) {
      trackEvent(t, 'Load', 'hit', String(i));
      if (i % 100 == 99) await run(FIRST_GAP);
    }
    await run(FIRST_GAP);
    const list = stored();
    expect(list).toHaveLength(STORE_MAX_HITS);
    expect(list.map(([hit]) => param(hit, 'e_n'))).toEqual(Array.from({ length: STORE_MAX_HITS }, (_, i) => String(800 + i)));
    expect(warnings()).toEqual(said(['retry: the retry store is full; its oldest hits were dropped']));
    status = 204;
    sent.length = 0;
    window.dispatchEvent(new Event('online'));
    await run();
    expect(hits().map((hit) => param(hit, 'e_n'))).toEqual(list.map(([hit]) => param(hit, 'e_n')));
  });

  it(`keeps at most about ${STORE_MAX_CHARS / 1024} KB`, async () => {
    status = 503;
    const t = tracker();
    for (let i = 0; i < 40; i++) trackEvent(t, 'Big', 'x'.repeat(10000), String(i));
    await run();
    const json = localStorage.getItem(KEY)!;
    expect(json.length).toBeLessThanOrEqual(STORE_MAX_CHARS);
    expect(json.length).toBeGreaterThan(STORE_MAX_CHARS - 11000);
    expect(stored().at(-1)![0]).toContain('e_n=39');
  });
});

describe('storage that fails', () => {
  const corrupt = ['{not json', '"a string"', '{"a":1}', '[1,2,3]', '[["hit"],[null,1],{"0":"x","1":2}]', 'null', '[[123, "abc"]]'];
  for (const value of corrupt) {
    it(`resets a corrupted entry: ${value}`, async () => {
      localStorage.setItem(KEY, value);
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error);
      window.addEventListener('error', onError);
      status = 503;
      const t = tracker();
      trackPageView(t, 'after');
      await run();
      window.removeEventListener('error', onError);
      expect(errors).toEqual([]);
      expect(hits().map((h) => param(h, 'action_name'))).toEqual(['after']);
      expect(stored().map(([hit]) => param(hit, 'action_name'))).toEqual(['after']);
    });
  }

  it('keeps the entries that are well formed', async () => {
    localStorage.setItem(KEY, JSON.stringify([['action_name=kept&idsite=1&rec=1&send_image=0', NOW - 2000], ['x'], 7]));
    trackPageView(tracker(), 'new');
    await run();
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['kept', 'new']);
  });

  for (const [name, install] of [
    [
      'setItem throwing QuotaExceededError',
      () =>
        vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
          throw new DOMException('full', 'QuotaExceededError');
        }),
    ],
    [
      'localStorage throwing SecurityError',
      () =>
        vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
          throw new DOMException('denied', 'SecurityError');
        }),
    ],
  ] as const) {
    it(`${name}: nothing throws, the hits are retried from memory while the page is open`, async () => {
      install();
      status = 503;
      const t = tracker();
      trackPageView(t, 'kept');
      await run();
      status = 204;
      await run(DELAY);
      expect(hits().map((h) => param(h, 'action_name'))).toEqual(['kept', 'kept']);
      expect(param(hits()[1], 'cdo')).toBe('5');
    });
  }
});

describe('consent', () => {
  it('disableCookies: nothing in localStorage, the hits are retried from memory', async () => {
    status = 503;
    const t = tracker();
    disableCookies(t);
    trackPageView(t, 'cookieless');
    await run();
    expect(localStorage.length).toBe(0);
    status = 204;
    await run(DELAY);
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['cookieless', 'cookieless']);
  });

  it('requireCookieConsent without it: nothing stored; disableCookies deletes what was stored', async () => {
    localStorage.setItem(KEY, JSON.stringify([['action_name=old&idsite=1&rec=1&send_image=0', NOW - 5000]]));
    const t = tracker();
    requireCookieConsent(t);
    expect(localStorage.getItem(KEY)).toBeNull();
    status = 503;
    trackPageView(t);
    await run();
    expect(localStorage.length).toBe(0);
  });

  it('no consent: nothing is sent, so nothing is stored', async () => {
    status = 503;
    const t = tracker();
    requireConsent(t);
    trackPageView(t);
    await run(DELAY);
    expect(sent).toHaveLength(0);
    expect(localStorage.length).toBe(0);
  });

  it('forgetConsentGiven deletes the stored hits and the ones in memory: they never leave', async () => {
    status = 503;
    const t = tracker();
    trackPageView(t, 'stored');
    await run();
    trackEvent(t, 'Kept', 'during the back-off');
    await run(FIRST_GAP);
    expect(stored()).toHaveLength(2);
    forgetConsentGiven(t);
    expect(localStorage.getItem(KEY)).toBeNull();
    status = 204;
    window.dispatchEvent(new Event('online'));
    await run(10 * DELAY);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['stored']);
  });
});

describe('disableRetry', () => {
  it('sends by sendBeacon, unseen, stores nothing; hits stored before still leave once', async () => {
    localStorage.setItem(KEY, JSON.stringify([['action_name=old&idsite=1&rec=1&send_image=0', NOW - 5000]]));
    const t = tracker();
    disableRetry(t);
    status = 503;
    trackPageView(t, 'new');
    await run(10 * DELAY);
    expect(sent.map((s) => s.via)).toEqual(['beacon']);
    expect(hits().map((h) => param(h, 'action_name'))).toEqual(['old', 'new']);
    expect(localStorage.length).toBe(0);
  });

  it('is an option too', async () => {
    status = 0;
    sent = captureTransport({ beacon: undefined, answer: () => status });
    trackPageView(tracker({ disableRetry: true }));
    await run(10 * DELAY);
    expect(sent.map((s) => [s.via, s.init?.mode])).toEqual([['fetch', 'no-cors']]);
    expect(localStorage.length).toBe(0);
  });
});
