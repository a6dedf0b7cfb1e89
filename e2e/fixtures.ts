// Playwright fixtures for tracker tests: one collector per worker, and a `hits`
// helper that only ever shows the current test's hits.
//
//   import { test, expect } from './fixtures';
//   test('…', async ({ page, hits }) => {
//     await page.goto('/e2e/pages/basic.html?siteId=7');
//     const [hit] = await hits.waitFor(1, { where: (h) => h.kind === 'pageview' });
//     expect(hits.param(hit, 'idsite')).toBe('7');
//   });

import { test as base, expect } from '@playwright/test';
import { startCollector, TAG_COOKIE } from './collector/server.mjs';
import type { Collector, HitRecord } from './collector/server.mjs';

export { expect };
export type { Collector, HitRecord };
export { TAG_COOKIE };

export type HitFilter = (hit: HitRecord) => boolean;

export interface WaitOptions {
  /** ms before giving up; default 5000. */
  timeout?: number;
  /** only hits for which this returns true count (and are returned). */
  where?: HitFilter;
  /** once `count` is reached, wait this many ms more and return everything that matched by then (default 0). */
  settle?: number;
}

export interface Hits {
  /** Forget every hit received so far (by this worker's collector). */
  clear(): void;
  /** This test's hits so far, oldest first. */
  all(where?: HitFilter): HitRecord[];
  /** Resolves with the matching hits once at least `count` arrived; on timeout fails listing everything that did arrive. */
  waitFor(count: number, options?: WaitOptions): Promise<HitRecord[]>;
  /** Waits `ms` and fails if any (matching) hit arrived meanwhile or before. */
  expectNone(ms: number, where?: HitFilter): Promise<void>;
  /** Fails with a readable list unless every given hit has zero violations. */
  expectNoViolations(hits: HitRecord | HitRecord[]): void;
  /** The decoded value of a parameter (Matomo's view of it), or undefined. */
  param(hit: HitRecord, name: string): string | undefined;
}

const POLL_MS = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One line per hit plus its raw query and violations: what a failing test needs to see. */
export function describeHits(list: HitRecord[]): string {
  if (list.length === 0) return '  (no hits arrived)';
  return list
    .map((h) => {
      const where = h.bulkSize ? ` [bulk ${h.bulkIndex! + 1}/${h.bulkSize}]` : '';
      const head = `  #${h.seq} ${h.method} ${h.transport}${where} ${h.kind} idsite=${h.params.idsite ?? '-'} outcome=${h.outcome}`;
      const bad = h.violations.map((v) => `\n      ✗ ${v}`).join('');
      return `${head}\n      ${h.raw}${bad}`;
    })
    .join('\n');
}

export const test = base.extend<{ hits: Hits }, { collector: Collector }>({
  collector: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      // matomoUrl '' keeps test traffic away from a real Matomo even when MATOMO_URL is set.
      const collector = await startCollector({ port: 0, matomoUrl: '' });
      await use(collector);
      await collector.close();
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ collector }, use) => {
    await use(collector.url);
  },

  hits: async ({ collector, context }, use, testInfo) => {
    // Tests in one worker run one after another, so clearing is almost enough; the
    // tag cookie (HttpOnly, so tracker code never sees it) rules out a late beacon
    // from the previous test's page.
    const tag = `${testInfo.testId}.${testInfo.retry}`;
    await context.addCookies([{ name: TAG_COOKIE, value: tag, url: collector.url, httpOnly: true, sameSite: 'Lax' }]);
    collector.clear();
    const mine = (h: HitRecord) => h.testTag === tag || h.testTag === undefined;
    const all = (where?: HitFilter) => collector.hits.filter((h) => mine(h) && (!where || where(h)));

    const hits: Hits = {
      clear: () => collector.clear(),
      all,
      async waitFor(count, { timeout = 5000, where, settle = 0 } = {}) {
        const deadline = Date.now() + timeout;
        for (;;) {
          if (all(where).length >= count) {
            if (settle > 0) await sleep(settle);
            return all(where);
          }
          if (Date.now() >= deadline) break;
          await sleep(POLL_MS);
        }
        const filtered = where ? ` matching the filter` : '';
        throw new Error(
          `expected ${count} hit(s)${filtered} within ${timeout} ms, got ${all(where).length}. Everything this test received:\n${describeHits(all())}`,
        );
      },
      async expectNone(ms, where) {
        await sleep(ms);
        const got = all(where);
        if (got.length > 0) throw new Error(`expected no hits${where ? ' matching the filter' : ''} within ${ms} ms, got ${got.length}:\n${describeHits(got)}`);
      },
      expectNoViolations(list) {
        const bad = [list].flat().filter((h) => h.violations.length > 0);
        if (bad.length > 0) throw new Error(`expected no violations, but:\n${describeHits(bad)}`);
      },
      param: (hit, name) => (Object.prototype.hasOwnProperty.call(hit.params, name) ? hit.params[name] : undefined),
    };
    await use(hits);
  },
});
