// Shared by the feature tests: a tracker on TV page "E", the hits it sent
// (bulk bodies split), and the warnings printed meanwhile.
import { vi, type MockInstance } from 'vitest';
import { createTracker } from '../../src/index';
import { captureTransport, sentHits, setPage, clearCookies, type SentHit } from '../helpers';
import { forgetWarnings } from '../warnings';

export const NOW = 1894716309000;
export const URL_E = 'https://www.example.com/products?id=5';

export type { SentHit };

/** Fake clock at TV time, page E, no cookies; returns the hit recorder and a console.warn spy. */
export function setup(url = URL_E, referrer = 'https://www.google.com/') {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage(url, { referrer });
  clearCookies();
  forgetWarnings();
  const sent = captureTransport();
  const warn: MockInstance = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const hits = () => sentHits(sent);
  /** The warnings printed so far, without the prefix. */
  const warnings = () => warn.mock.calls.map((c) => String(c[0]).replace('[matomo-lite] ', ''));
  return { sent, hits, warnings };
}

export const tracker = (extra = {}) =>
  createTracker({ trackerUrl: 'https://matomo.example.com/matomo.php', siteId: 1, ...extra })!;

/** The action part: everything before `&idsite=`. */
export const actionPart = (hit: SentHit) => hit.raw.slice(0, hit.raw.indexOf('&idsite='));

export function teardown(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
}
