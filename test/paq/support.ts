// Shared by the `_paq` tests: a clean window (no Matomo, no queue), the hits
// sent (bulk bodies split) and the warnings printed.
import { vi, type MockInstance } from 'vitest';
import { api } from '../../src/paq/full';
import { COMING, FULL } from '../../src/paq/methods';
import { named, startPaq, type Api, type MatomoGlobal, type MatomoTracker } from '../../src/paq/index';
import { captureTransport, clearCookies, sentHits, setPage, type SentHit } from '../helpers';
import { forgetWarnings } from '../warnings';

export const URL = 'https://www.example.com/products?id=5';
export const MATOMO = 'https://matomo.example.com/matomo.php';

const GLOBALS = ['_paq', 'Matomo', 'Piwik', 'matomoAsyncInit', 'piwikAsyncInit', 'matomoPluginAsyncInit'];

export type { SentHit };

export const win = window as unknown as {
  _paq: any;
  Matomo?: MatomoGlobal;
  Piwik?: MatomoGlobal;
  matomoAsyncInit?: () => void;
  piwikAsyncInit?: () => void;
  matomoPluginAsyncInit?: (() => void)[];
};

/** Fake clock, page URL, no cookies, no globals; returns the recorder and a console.warn spy. */
export function setup() {
  vi.useFakeTimers({ now: 1894716309000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage(URL);
  clearCookies();
  forgetWarnings();
  for (const name of GLOBALS) delete (window as unknown as Record<string, unknown>)[name];
  const sent = captureTransport();
  const warn: MockInstance = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const hits = () => sentHits(sent);
  const warnings = () => warn.mock.calls.map((c) => String(c[0]).replace('[matomo-lite] ', ''));
  return { sent, hits, warnings };
}

/** Runs the drop-in as the script-tag builds do; any FULL or COMING method `functions` lacks says "not in this build". */
export const start = (functions: object = named(api)) => startPaq(functions as Api, FULL + ' ' + COMING);

export type { MatomoTracker };

export function teardown(): void {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const name of GLOBALS) delete (window as unknown as Record<string, unknown>)[name];
}
