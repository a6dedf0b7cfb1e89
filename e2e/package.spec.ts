// The published package, proven as users get it (issue #16): the tarball
// `npm pack` makes, installed into a consumer project (e2e/package-consumer.ts),
// type-checked there with tsc under moduleResolution bundler and node16,
// bundled there by Vite, esbuild, rollup and webpack for production and for
// development, each bundle run in Chromium against the collector; and the
// script a CDN serves from the package's `unpkg` and `jsdelivr` fields.
//
// One pack and one install for the whole file: its tests run in order in one
// worker (the other worker runs the other specs meanwhile).
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type HitRecord, type Hits } from './fixtures';
import { terse } from './page-helpers';
import { BUNDLERS, createConsumer, specifier, typeCheck, type Consumer, type TypeCheck } from './package-consumer';

test.describe.configure({ mode: 'default' });

let consumer: Consumer;
const checks = new Map<string, TypeCheck>();
/** tsc's verdict for a resolution mode, computed once (the bundle tests compare with its declared exports). */
const checked = (mode: 'bundler' | 'node16') => checks.get(mode) ?? checks.set(mode, typeCheck(consumer, mode)).get(mode)!;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  consumer = await createConsumer();
});

test.afterAll(() => consumer?.remove());

/** Serves the files of `dir` at `path` on the collector's origin, as a site's server would. */
async function serve(page: Page, path: string, dir: string): Promise<void> {
  await page.route(`**${path}/**`, async (route) => {
    const file = normalize(join(dir, decodeURIComponent(new URL(route.request().url()).pathname.slice(path.length + 1))));
    if (!file.startsWith(dir)) return route.fulfill({ status: 404 });
    try {
      await route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
}

/** The page's console warnings and errors (a CSP or Trusted Types violation is an error). */
function consoleOf(page: Page): { warnings: string[]; errors: string[] } {
  const seen = { warnings: [] as string[], errors: [] as string[] };
  page.on('console', (message) => {
    if (message.type() == 'warning') seen.warnings.push(message.text());
    if (message.type() == 'error') seen.errors.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  return seen;
}

/** The page view a fresh visitor's first page sends, checked parameter by parameter. */
async function expectPageView(page: Page, hits: Hits, siteId: string, title: string): Promise<HitRecord> {
  const pageviews = await hits.waitFor(1, { where: (h) => h.kind == 'pageview', settle: 300 });
  expect(pageviews).toHaveLength(1);
  const [hit] = pageviews;
  expect(hits.param(hit, 'idsite')).toBe(siteId);
  expect(hits.param(hit, 'rec')).toBe('1');
  expect(hits.param(hit, 'action_name')).toBe(title);
  expect(hits.param(hit, 'url')).toBe(page.url());
  expect(hits.param(hit, 'urlref')).toBeUndefined();
  expect(hits.param(hit, 'send_image')).toBe('0');
  expect(hits.param(hit, '_id')).toMatch(/^[0-9a-f]{16}$/);
  expect(hits.param(hit, 'pv_id')).toMatch(/^[0-9A-Za-z]{6}$/);
  expect(hits.param(hit, '_idn')).toBe('1');
  expect(hits.param(hit, 'r')).toMatch(/^\d{6}$/);
  expect([hits.param(hit, 'h'), hits.param(hit, 'm'), hits.param(hit, 's')]).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
  expect(hits.param(hit, 'cookie')).toBe('1');
  expect(hits.param(hit, 'res')).toMatch(/^\d+x\d+$/);
  hits.expectNoViolations(hit);
  return hit;
}

test('the exports map: each module entry has types, then development (the debug twin), then default, all in the tarball', () => {
  const { exports } = consumer.manifest;
  expect(consumer.modules).toContain('.');
  expect(consumer.scripts.length).toBeGreaterThan(0);
  for (const entry of consumer.modules) {
    const target = exports[entry] as Record<string, string>;
    expect(Object.keys(target), entry).toEqual(['types', 'development', 'default']);
    expect(target.default, entry).toMatch(/^\.\/dist\/esm\/.+\.js$/);
    expect(target.development, entry).toBe(target.default.replace('./dist/esm/', './dist/esm-debug/'));
    expect(target.types, entry).toBe(target.default.replace(/\.js$/, '.d.ts'));
  }
  for (const target of Object.values(exports).flatMap((t) => (typeof t == 'string' ? [t] : Object.values(t)))) {
    expect(() => readFileSync(join(consumer.packageDir, target)), `${target} is in the tarball`).not.toThrow();
  }
});

for (const mode of ['bundler', 'node16'] as const) {
  test(`tsc, moduleResolution ${mode}: the page-view app, every entry, test/types.ts and docs/paq.md's _paq snippet compile against the packed .d.ts files`, () => {
    test.setTimeout(90_000);
    const { errors, exports } = checked(mode);
    expect(errors).toBe('');
    for (const entry of consumer.modules) expect(exports[entry], `${entry} declares its functions`).not.toEqual([]);
    if (mode == 'node16') expect(exports).toEqual(checked('bundler').exports);
  });
}

for (const bundler of BUNDLERS) {
  for (const flavour of ['production', 'development'] as const) {
    const build = flavour == 'production' ? 'production' : 'debug';
    const scripts = flavour == 'development' ? '; script-build imports kept' : '';
    test(`${bundler.name}, ${flavour}: the page-view app from the tarball sends its page view, with the ${build} build; every entry exports what its types declare${scripts}`, async ({ page, hits }) => {
      test.setTimeout(90_000);
      const out = join(consumer.dir, 'out', `${bundler.name}-${flavour}`);
      await bundler.bundle(consumer, flavour, out);

      // a side-effect import of a script build is kept (the sideEffects list; development bundles only, see package-consumer.ts)
      for (const [entry, input] of flavour == 'development' ? Object.entries(consumer.scriptInputs) : []) {
        const code = readFileSync(join(out, input + '.js'), 'utf8');
        expect(code, `import '${specifier(consumer.manifest.name, entry)}' kept`).toContain('_paq');
      }

      const seen = consoleOf(page);
      await serve(page, '/e2e/pages/package-app', out);
      await page.goto('/e2e/pages/package-app.html');
      await expectPageView(page, hits, '1', 'matomo-lite package fixture');
      expect(seen.warnings).toEqual([
        flavour == 'production'
          ? terse('trackPageView')
          : '[matomo-lite] trackPageView: customTitle must be a string, got [object Object]; ignored',
      ]);

      await page.waitForFunction(() => 'packageEntries' in window);
      const offered = await page.evaluate(() => (window as unknown as { packageEntries: Record<string, string[]> }).packageEntries);
      expect(offered).toEqual(checked('bundler').exports);
      expect(seen.errors).toEqual([]);
    });
  }
}

for (const field of ['unpkg', 'jsdelivr'] as const) {
  test(`a CDN's script tag: the file the ${field} field names, from the tarball, runs Matomo's snippet`, async ({ page, hits }) => {
    const file = consumer.manifest[field];
    expect(file, `package.json has ${field}`).toEqual(expect.any(String));
    const seen = consoleOf(page);
    // what https://<cdn>/matomo-lite@<version> serves: the file the field names
    await page.route('**/cdn/matomo-lite', (route) =>
      route.fulfill({ body: readFileSync(join(consumer.packageDir, file!)), contentType: 'text/javascript' }),
    );
    await page.goto('/e2e/pages/package-cdn.html');
    await expectPageView(page, hits, '2', 'matomo-lite CDN fixture');
    // the full production build: window.MatomoLite, no warning
    expect(await page.evaluate(() => typeof (window as unknown as { MatomoLite?: unknown }).MatomoLite)).toBe('object');
    expect(seen.warnings).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

test('the documentation travels with the package: every file README.md links to is in the tarball', () => {
  const readme = readFileSync(join(consumer.packageDir, 'README.md'), 'utf8');
  const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
  expect(targets.length).toBeGreaterThan(10);
  expect(targets.filter((target) => !existsSync(join(consumer.packageDir, target)))).toEqual([]);
});
