import type { Page } from '@playwright/test';
import { test, expect, type HitRecord } from './fixtures';
import { terse, useBuild, waitForLoadEnd } from './page-helpers';
import { COMING, CORE, FULL, NOOP, UNSUPPORTED } from '../src/paq/methods';

// The `_paq` drop-in in real Chromium: Matomo's standard snippet with only
// the file name changed (paq.html), the data- tag under a strict CSP
// (paq-tag.html) and the tag-manager block injected after load
// (paq-tag-manager.html).

const SNIPPET = '/e2e/pages/paq.html';
// FUZZ_SEED=n npx playwright test e2e/paq.spec.ts -g fuzz tries another sequence, FUZZ_N=n a longer one
declare const process: { env: Record<string, string | undefined> };
const FUZZ_SEED = Number(process.env.FUZZ_SEED) || 7;
const FUZZ_N = Number(process.env.FUZZ_N) || 3000;

type Win = Window & Record<string, any>;

/** Queues commands (or defines globals) before the page's own scripts run, as inline code above the snippet would. */
async function before(page: Page, script: () => void): Promise<void> {
  await page.addInitScript(script);
}

const byOrder = (a: HitRecord, b: HitRecord) => a.seq - b.seq;
const where = (params: Record<string, string>) => (h: HitRecord) => Object.entries(params).every(([k, v]) => h.params[k] === v);

// Values that differ between two page loads by nature: random, clock, ids, visit state, timing.
const VARYING = ['r', 'h', 'm', 's', 'pv_id', '_id', '_idn', 'pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'];

/** A hit as keys in wire order and values, with the varying values masked (their presence still counts). */
const comparable = (h: HitRecord) => h.keys.map((k) => (VARYING.includes(k) ? `${k}=<${k}>` : `${k}=${h.params[k]}`));

test("Matomo's standard snippet with the file name changed sends the same hits as the ESM-style API", async ({ page, context, hits }) => {
  const run = async (push: () => void) => {
    await page.goto(SNIPPET);
    await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    // the event etc. go out after load in both runs, so both carry the same pf_* set
    await waitForLoadEnd(page);
    await page.evaluate(push);
    const got = (await hits.waitFor(4, { settle: 500 })).sort(byOrder);
    hits.expectNoViolations(got);
    return got;
  };

  const snippet = await run(() => {
    const w = window as Win;
    w._paq.push(['trackEvent', 'Video', 'Play', 'Intro', 3]);
    w._paq.push(['trackSiteSearch', 'shoes', 'Catalog', 4], ['trackGoal', 2, 10.5]);
  });

  // the same URL and commands, through window.MatomoLite: paq-esm.html served at paq.html's address
  await context.clearCookies();
  hits.clear();
  await page.route('**' + SNIPPET, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('paq.html', 'paq-esm.html') });
    await route.fulfill({ response });
  });
  const esm = await run(() => {
    const w = window as Win;
    const M = w.MatomoLite;
    M.trackEvent(w.tracker, 'Video', 'Play', 'Intro', 3);
    M.trackSiteSearch(w.tracker, 'shoes', 'Catalog', 4);
    M.trackGoal(w.tracker, 2, 10.5);
  });

  expect(snippet.map((h) => h.kind)).toEqual(['pageview', 'event', 'search', 'goal']);
  expect(snippet.map(comparable)).toEqual(esm.map(comparable));
  // same visitor and page view within each run
  for (const got of [snippet, esm]) {
    expect(new Set(got.map((h) => h.params._id)).size).toBe(1);
    expect(new Set(got.map((h) => h.params.pv_id)).size).toBe(1);
  }
  expect(hits.param(snippet[0], 'url')).toBe(page.url());
});

test('commands pushed before and after the script loaded', async ({ page, hits }) => {
  await before(page, () => {
    const w = window as Win;
    w._paq = [['setDocumentTitle', 'Queued before the snippet'], ['setCustomData', { queued: 'before' }]];
  });
  await page.goto(SNIPPET);
  const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  expect(hits.param(view, 'action_name')).toBe('Queued before the snippet');
  expect(hits.param(view, 'data')).toBe('{"queued":"before"}');
  expect(hits.param(view, 'idsite')).toBe('3');

  // once the script ran, _paq is no longer an array and a push runs at once
  expect(await page.evaluate(() => Array.isArray((window as Win)._paq))).toBe(false);
  await page.evaluate(() => (window as Win)._paq.push(['setCustomData', null], ['trackEvent', 'After', 'load']));
  const [event] = await hits.waitFor(1, { where: (h) => h.kind == 'event' });
  expect([hits.param(event, 'e_c'), hits.param(event, 'e_a'), hits.param(event, 'data')]).toEqual(['After', 'load', undefined]);
  hits.expectNoViolations(hits.all());
});

test('function commands run with the tracker object as this; getters return values', async ({ page, hits }) => {
  await before(page, () => {
    const w = window as Win;
    w._paq = [
      [
        function (this: Win, label: string) {
          w.queuedSite = label + this.getSiteId();
        },
        'site ',
      ],
    ];
  });
  await page.goto(SNIPPET);
  const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  expect(await page.evaluate(() => (window as Win).queuedSite)).toBe('site 3');

  const visitor = await page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        (window as Win)._paq.push([
          function (this: Win) {
            this.trackEvent('Function', 'command');
            resolve(this.getVisitorId());
          },
        ]),
      ),
  );
  const [event] = await hits.waitFor(1, { where: (h) => h.kind == 'event' });
  expect(hits.param(event, 'e_c')).toBe('Function');
  expect(visitor).toMatch(/^[0-9a-f]{16}$/);
  expect(hits.param(event, '_id')).toBe(visitor);
  expect(hits.param(view, '_id')).toBe(visitor);
});

test('matomoAsyncInit runs with window.Matomo ready, before the queue', async ({ page, hits }) => {
  await before(page, () => {
    const w = window as Win;
    w.matomoAsyncInit = () => {
      const standalone = w.Matomo.getTracker('/matomo.php', 9);
      standalone.trackPageView('From matomoAsyncInit');
      w.initSaw = [typeof w.Matomo.getAsyncTracker, w.Matomo.initialized, w.Piwik === w.Matomo];
    };
  });
  await page.goto(SNIPPET);
  const views = await hits.waitFor(2, { where: (h) => h.kind == 'pageview', settle: 300 });
  expect(views.map((h) => [hits.param(h, 'idsite'), hits.param(h, 'action_name')]).sort()).toEqual([
    ['3', 'matomo-lite _paq snippet fixture'],
    ['9', 'From matomoAsyncInit'],
  ]);
  expect(await page.evaluate(() => (window as Win).initSaw)).toEqual(['function', false, true]);
  expect(await page.evaluate(() => (window as Win).Matomo.initialized)).toBe(true);
  hits.expectNoViolations(views);
});

test('Matomo.getAsyncTracker().trackEvent(…) sends an event from the snippet’s tracker', async ({ page, hits }) => {
  await page.goto(SNIPPET);
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  const siteId = await page.evaluate(() => {
    const tracker = (window as Win).Matomo.getAsyncTracker();
    tracker.trackEvent('Async', 'tracker', 'name', 7);
    return tracker.getSiteId();
  });
  expect(siteId).toBe('3');
  const [event] = await hits.waitFor(1, { where: where({ e_c: 'Async' }) });
  expect([hits.param(event, 'e_a'), hits.param(event, 'e_n'), hits.param(event, 'e_v'), hits.param(event, 'idsite')]).toEqual(['tracker', 'name', '7', '3']);
  hits.expectNoViolations(event);
});

test('two trackers (addTracker): every command runs on both, setSiteId on the first only', async ({ page, hits }) => {
  await before(page, () => {
    (window as Win)._paq = [['addTracker', '//' + location.host + '/matomo.php', 5]];
  });
  await page.goto(SNIPPET);
  const views = await hits.waitFor(2, { where: (h) => h.kind == 'pageview', settle: 300 });
  expect(views.map((h) => hits.param(h, 'idsite')).sort()).toEqual(['3', '5']);
  // each tracker has its own page view id and, with the site id in the cookie name, its own visitor
  expect(hits.param(views[0], 'pv_id')).not.toBe(hits.param(views[1], 'pv_id'));

  await page.evaluate(() => (window as Win)._paq.push(['setSiteId', 8], ['trackEvent', 'Both', 'trackers']));
  const events = await hits.waitFor(2, { where: (h) => h.kind == 'event', settle: 300 });
  expect(events.map((h) => hits.param(h, 'idsite')).sort()).toEqual(['5', '8']);
  expect(await page.evaluate(() => (window as Win).Matomo.getAsyncTrackers().length)).toBe(2);
  hits.expectNoViolations([...views, ...events]);
});

test("the data- tag configures and tracks with no inline code, under CSP script-src 'self'", async ({ page, hits }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push('pageerror: ' + error.message));
  page.on('console', (message) => {
    if (message.type() == 'error') problems.push('console: ' + message.text());
  });
  await page.addInitScript(() => {
    const w = window as Win;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  await page.goto('/e2e/pages/paq-tag.html');
  const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview', settle: 300 });
  expect(hits.param(view, 'idsite')).toBe('4');
  expect(hits.param(view, 'action_name')).toBe('matomo-lite data- tag fixture');
  expect(hits.param(view, 'url')).toBe(page.url());
  hits.expectNoViolations(view);
  expect(await page.evaluate(() => (window as Win).Matomo.getAsyncTracker().getTrackerUrl())).toBe('/matomo.php');
  expect(await page.evaluate(() => (window as Win).cspViolations)).toEqual([]);
  expect(problems).toEqual([]);

  // the listener does catch what the policy blocks: an inline script is refused
  await page.evaluate(() => {
    const inline = document.createElement('script');
    inline.text = 'window.inlineRan = true';
    document.body.appendChild(inline);
  });
  await expect.poll(() => page.evaluate(() => (window as Win).cspViolations.length)).toBe(1);
  expect(await page.evaluate(() => (window as Win).inlineRan)).toBeUndefined();
});

test('the tag-manager block works when injected after load', async ({ page, hits }) => {
  await page.goto('/e2e/pages/paq-tag-manager.html');
  await expect(page.locator('body')).toHaveAttribute('data-injected', '1');
  const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview', settle: 300 });
  expect(hits.param(view, 'idsite')).toBe('6');
  expect(hits.param(view, 'url')).toBe(page.url());
  expect(hits.param(view, 'action_name')).toBe('matomo-lite tag manager fixture');
  hits.expectNoViolations(view);
  // the tag came after load: the page's metrics are known and ride on the page view
  expect(view.keys.filter((k) => k.startsWith('pf_')).length).toBeGreaterThan(0);
  await page.evaluate(() => (window as Win)._paq.push(['trackEvent', 'Tag', 'manager']));
  const [event] = await hits.waitFor(1, { where: (h) => h.kind == 'event' });
  expect(hits.param(event, 'idsite')).toBe('6');
});

const list = (names: string) => names.split(' ');

for (const [build, implemented] of [
  ['dist/matomo-lite.js', CORE + ' ' + FULL],
  ['dist/matomo-lite.core.js', CORE],
]) {
  test(`${build}: a tracker object has every matomo.js method; an unavailable one warns once with its name`, async ({ page, hits }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() == 'warning') warnings.push(message.text());
    });
    // paq.html with this build in place of dist/matomo-lite.js
    await useBuild(page, build);
    await page.goto(SNIPPET);
    await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    const all = list([CORE, FULL, COMING, NOOP, UNSUPPORTED].join(' '));
    const unavailable = all.filter((name) => !list(implemented).includes(name) && !list(NOOP).includes(name));
    const calls = list(NOOP).concat(unavailable);
    const found = await page.evaluate(
      ([all, calls]) => {
        const tracker = (window as Win).Matomo.getAsyncTracker();
        const types = all.map((name) => typeof tracker[name]);
        // twice: the warning comes once
        const thrown = calls.concat(calls).flatMap((name) => {
          try {
            tracker[name]('x');
            return [];
          } catch (error) {
            return [name + ': ' + error];
          }
        });
        return { types, thrown };
      },
      [all, calls],
    );
    expect(found.types).toEqual(all.map(() => 'function'));
    expect(found.thrown).toEqual([]);
    await expect.poll(() => warnings.length).toBeGreaterThanOrEqual(unavailable.length);
    // production builds: one short line per method, the debug build's words left out
    expect(warnings.sort()).toEqual(unavailable.map(terse).sort());
    expect(errors).toEqual([]);
  });
}

test(`fuzz: ${FUZZ_N} random _paq commands and random DOM (links, content blocks, media) throw nothing into the page and send no hit with a violation (seed ${FUZZ_SEED})`, async ({ page, hits }) => {
  test.setTimeout(60_000 + FUZZ_N * 20);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // the random media sources and links name made-up hosts: nothing leaves this machine
  await page.route((url) => !['127.0.0.1', 'localhost'].includes(url.hostname), (route) => route.abort());
  await page.goto(SNIPPET);
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  const { thrown, features } = await page.evaluate(
    async ([seed, count]) => {
      const w = window as Win;
      const { fuzz, domFuzzer, FEATURES } = await import('/e2e/pages/paq-fuzz.mjs' as string);
      const names = Object.keys(w.Matomo.getAsyncTracker());
      // the tracking features this build has (window.MatomoLite lists only what is built), switched on throughout
      const features = (FEATURES as string[]).filter((name) => typeof w.MatomoLite[name] == 'function');
      const caught: string[] = [];
      const paq = {
        push: (...commands: unknown[]) => {
          try {
            w._paq.push(...commands);
          } catch (error) {
            caught.push(String(error));
          }
        },
      };
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 50)));
      await fuzz(paq, { seed, count, names, trackerUrl: '/matomo.php', siteId: 3, pause, hugeLength: 5000, dom: domFuzzer(seed, document), features });
      return { thrown: caught, features };
    },
    [FUZZ_SEED, FUZZ_N],
  );
  expect(thrown).toEqual([]);
  test.info().annotations.push({ type: 'features fuzzed', description: features.join(', ') || 'none built yet' });
  // the tracker still works after all that: the generator's last command is this event
  await hits.waitFor(1, { where: where({ e_c: 'Fuzz', e_a: 'end' }), timeout: 10_000 });
  const fuzzed = await hits.waitFor(10, { settle: 1000 });
  hits.expectNoViolations(fuzzed);
  expect(errors).toEqual([]);
});

test('what a page does to window.MatomoLite never reaches the _paq layer', async ({ page, hits }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(SNIPPET);
  await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  hits.clear();
  const found = await page.evaluate(() => {
    const win = window as Win;
    win.MatomoLite.version = '1.0';
    win.MatomoLite.trackEvent = () => {
      throw new Error('replaced');
    };
    // made after the changes: a tracker object binds its methods when it is made
    const tracker = win.Matomo.getTracker();
    const version = typeof tracker.version;
    tracker.trackEvent('Kept', 'ours');
    win._paq.push(['trackEvent', 'Queue', 'ours']);
    return version;
  });
  expect(found).toBe('undefined');
  const got = await hits.waitFor(2, { settle: 300 });
  hits.expectNoViolations(got);
  expect(got.map((h) => h.params.e_c).sort()).toEqual(['Kept', 'Queue']);
  expect(errors).toEqual([]);
});
