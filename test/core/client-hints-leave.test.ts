import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTracker, trackPageView, ping } from '../../src/index';
import { captureTransport, clearCookies, setPage } from '../helpers';
import { FIRST_REQUEST_GAP_MS } from '../../src/core/transport';

// Found by e2e/core.spec.ts in Chromium: a page hidden or left in the same task
// as its first hit flushed while the client hints were still pending, and sent
// `uadata=[object Promise]`.

beforeEach(() => {
  vi.useFakeTimers({ now: 1894716309000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/');
  clearCookies();
  Object.defineProperty(navigator, 'userAgentData', {
    configurable: true,
    value: {
      brands: [],
      platform: 'Linux',
      getHighEntropyValues: () => new Promise((resolve) => setTimeout(resolve, 50, { platform: 'Linux', fullVersionList: [] })),
    },
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  Object.defineProperty(navigator, 'userAgentData', { value: undefined, configurable: true });
});

it('leaving before the client hints arrive sends the hit at once, without uadata, and keeps it so for the page', async () => {
  const sent = captureTransport();
  const t = createTracker({ trackerUrl: 'https://matomo.example.com/matomo.php', siteId: 1 });
  trackPageView(t);
  window.dispatchEvent(new Event('pagehide'));
  expect(sent).toHaveLength(1);
  expect(sent[0].url).toContain('action_name=');
  expect(sent[0].url).not.toContain('uadata');
  expect(sent[0].url).toMatch(/&cookie=1&res=\d+x\d+$/);

  // the hints arriving later change nothing: uadata stays constant for the page
  window.dispatchEvent(new Event('pageshow'));
  await vi.advanceTimersByTimeAsync(100);
  expect(sent).toHaveLength(1);
  ping(t);
  await vi.advanceTimersByTimeAsync(FIRST_REQUEST_GAP_MS);
  expect(sent).toHaveLength(2);
  expect(sent[1].url).toContain('ping=1');
  expect(sent[1].url).not.toContain('uadata');
});
