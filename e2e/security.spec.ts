import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Collector } from './fixtures';
import { allowVisibilityChanges, setVisibility } from './page-helpers';

// docs/reliability.md, Security: every build and every demo page run under a strict
// Content-Security-Policy with Trusted Types required, with no violation,
// and nothing in dist/ uses a string-to-code API. The demo pages are found,
// not listed, so pages added later are checked too.

declare const process: { cwd(): string };
const ROOT = process.cwd();

/** The policy of docs/reliability.md's Security section; `collector` is the tracker's origin when it is not the page's. */
export const policy = (collector = '') =>
  `default-src 'self'; script-src 'self'; connect-src 'self'${collector && ' ' + collector}; require-trusted-types-for 'script'`;

/** The other loopback name of the collector: a cross-origin Matomo. */
const otherOrigin = (collector: Collector) => collector.url.replace('127.0.0.1', 'localhost');

type Win = Window & { cspViolations: string[]; Matomo?: { getAsyncTracker(): unknown }; cspTracker?: unknown; exercise(t: unknown): Promise<void> };

/** Records violations and errors; the page is served with the policy by the collector's `csp` knob (see `under`). */
async function watch(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const w = window as unknown as Win;
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push('pageerror: ' + error.message));
  page.on('console', (message) => {
    // a policy refusal is logged as an error too, whatever its kind
    if (message.type() == 'error' && !/Failed to load resource/.test(message.text())) problems.push('console: ' + message.text());
  });
  return problems;
}

/** The page's address with the policy knob. */
const under = (pagePath: string, csp: string) => pagePath + (pagePath.includes('?') ? '&' : '?') + 'csp=' + encodeURIComponent(csp);

const violations = (page: Page) => page.evaluate(() => (window as unknown as Win).cspViolations);

const SCRIPT_BUILDS = ['dist/matomo-lite.js', 'dist/matomo-lite.debug.js', 'dist/matomo-lite.core.js', 'dist/matomo-lite.core.debug.js'];

for (const build of [...SCRIPT_BUILDS, 'dist/esm', 'dist/esm-debug']) {
  test(`${build} runs under the strict policy with Trusted Types: every hit and transport, 0 violations`, async ({ page, hits, collector }) => {
    const problems = await watch(page);
    await allowVisibilityChanges(page);
    const esm = build.startsWith('dist/esm');
    // the page loads dist/matomo-lite.js or dist/esm/: this build is served there
    const [from, to] = esm ? ['/dist/esm/', `/${build}/`] : ['/dist/matomo-lite.js', `/${build}`];
    if (from != to) {
      await page.route(`**${from}**`, async (route) => route.fulfill({ response: await route.fetch({ url: route.request().url().replace(from, to) }) }));
    }
    await page.goto(under(esm ? '/e2e/pages/csp-esm.html' : '/e2e/pages/csp.html', policy(otherOrigin(collector))));
    await page.waitForFunction(() => (window as unknown as Win).cspTracker || (window as unknown as Win).Matomo);
    await page.evaluate(() => {
      const w = window as unknown as Win;
      return w.exercise(w.cspTracker || w.Matomo!.getAsyncTracker());
    });
    await hits.waitFor(1, { where: (h) => h.params.e_a == 'done', timeout: 10_000 });
    // the retry path: a request Matomo answers 503, sent again on `online`
    collector.setFault({ status: 503, count: 1 });
    const event = (label: string) =>
      page.evaluate((label) => {
        const w = window as unknown as Win & { cspTracker?: { trackEvent(c: string, a: string): void } };
        ((w.cspTracker || w.Matomo!.getAsyncTracker()) as { trackEvent(c: string, a: string): void }).trackEvent('CSP', label);
      }, label);
    await event('retry');
    await expect.poll(() => collector.refused.length).toBe(1);
    await page.evaluate(() => dispatchEvent(new Event('online')));
    await hits.waitFor(1, { where: (h) => h.params.e_a == 'retry' });
    // and a beacon, when the page is hidden
    await event('hidden');
    await setVisibility(page, 'hidden');
    await hits.waitFor(1, { where: (h) => h.params.e_a == 'hidden', settle: 300 });
    expect(hits.all((h) => h.kind == 'pageview').length).toBeGreaterThan(0);
    hits.expectNoViolations(hits.all());
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test('the violation listener works: what the policy refuses is reported', async ({ page, collector }) => {
  await watch(page);
  await page.goto(under('/e2e/pages/csp.html', policy(otherOrigin(collector))));
  await page.evaluate(() => {
    // strings into an HTML sink and a script sink (Trusted Types): refused, and reported
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
    } catch {}
    try {
      document.createElement('script').textContent = 'window.inlineRan = true';
    } catch {}
  });
  await expect.poll(async () => (await violations(page)).map((v) => v.split(' ')[0]).sort()).toEqual(['require-trusted-types-for', 'require-trusted-types-for']);
});

// every page of the demo, and the apps in its folders (demo/spa/)
const DEMO_PAGES = fs
  .readdirSync(path.join(ROOT, 'demo'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.html'))
  .map((file) => '/demo/' + file.replace(/(^|\/)index\.html$/, '$1'));

test('the demo pages are found', () => {
  expect(DEMO_PAGES).toContain('/demo/');
  expect(DEMO_PAGES.length).toBeGreaterThanOrEqual(3);
});

for (const pagePath of DEMO_PAGES) {
  test(`demo page ${pagePath} runs under the strict policy with Trusted Types: every button, 0 violations`, async ({ page, hits }) => {
    const problems = await watch(page);
    page.on('dialog', (dialog) => dialog.dismiss());
    await page.goto(under(pagePath, policy()));
    await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    // every enabled button and form, as a visitor would use them (no navigation)
    const buttons = page.locator('button:enabled');
    for (let i = 0; i < (await buttons.count()); i++) {
      const button = buttons.nth(i);
      if ((await button.getAttribute('type')) == 'submit') await button.locator('xpath=ancestor::form//input').first().fill('shoes').catch(() => {});
      await button.click();
    }
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    hits.expectNoViolations(hits.all());
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
}

// API calls that turn a string into code or HTML: a page with Trusted Types or
// without 'unsafe-eval' refuses them, so the shipped files must not use any.
const FORBIDDEN: [string, RegExp][] = [
  ['eval', /\beval\s*\(/],
  ['new Function / Function()', /\bFunction\s*\(/],
  ['innerHTML / outerHTML', /\b(inner|outer)HTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['string setTimeout / setInterval', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
];

test('nothing in dist/ turns a string into code or HTML', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else files.push(file);
    }
  };
  walk(path.join(ROOT, 'dist'));
  // every build is there to be scanned
  for (const build of [...SCRIPT_BUILDS, 'dist/esm/index.js', 'dist/esm-debug/index.js']) expect(files).toContain(path.join(ROOT, build));
  const found = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([name]) => `${path.relative(ROOT, file)}: ${name}`);
  });
  expect(found).toEqual([]);
  // the patterns do find what they look for
  for (const [name, pattern] of FORBIDDEN) {
    const sample = { eval: 'eval(s)', 'new Function / Function()': 'new Function("x")', 'innerHTML / outerHTML': 'e.innerHTML=s', insertAdjacentHTML: 'e.insertAdjacentHTML(p,s)', 'document.write': 'document.write(s)', 'string setTimeout / setInterval': 'setTimeout("x()",1)' }[name]!;
    expect(pattern.test(sample), name).toBe(true);
  }
});
