// Production and debug builds from one source (issue #10): a site's bundler
// picks the debug build under the `development` export condition (Vite and
// webpack in dev mode), the production build otherwise. Both do the same;
// only the words of the warnings differ, and production carries none.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { terse } from './page-helpers';
import { bundleApp } from './bundle';

/** e2e/pages/esm-app.js bundled and minified as a site's build would, under these extra export conditions. */
const bundle = (conditions: string[]) => bundleApp('e2e/pages/esm-app.js', conditions);

// a few of the debug build's sentences, from the core every app carries
const SENTENCES = [
  'customTitle must be a string',
  'first argument must be a tracker from createTracker()',
  'an integer > 0',
  'an http(s) URL',
  'is not set',
  'must be JSON-serialisable',
];

for (const [flavour, conditions] of [
  ['production', []],
  ['development', ['development']],
] as const) {
  test(`npm app bundled for ${flavour}: the warning words ${flavour == 'production' ? 'left out' : 'kept and printed'}, the same hit`, async ({ page, hits }) => {
    const code = await bundle([...conditions]);
    for (const sentence of SENTENCES) {
      if (flavour == 'production') expect(code, sentence).not.toContain(sentence);
      else expect(code, sentence).toContain(sentence);
    }

    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() == 'warning') warnings.push(message.text());
    });
    await page.route('**/esm-app.bundle.js', (route) => route.fulfill({ body: code, contentType: 'text/javascript' }));
    await page.goto('/e2e/pages/esm-app.html');
    const [hit] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
    expect(hits.param(hit, 'action_name')).toBe('matomo-lite npm app fixture');
    expect(hits.param(hit, 'idsite')).toBe('1');
    hits.expectNoViolations(hit);
    expect(warnings).toEqual([
      flavour == 'production'
        ? terse('trackPageView')
        : '[matomo-lite] trackPageView: customTitle must be a string, got [object Object]; ignored',
    ]);
  });
}

test('the production scripts carry none of the sentences, the debug scripts all of them', () => {
  for (const [file, debug] of [
    ['dist/matomo-lite.js', false],
    ['dist/matomo-lite.core.js', false],
    ['dist/matomo-lite.debug.js', true],
    ['dist/matomo-lite.core.debug.js', true],
  ] as const) {
    const code = readFileSync(file, 'utf8');
    for (const sentence of [...SENTENCES, 'not in this build', 'unknown command']) {
      expect(code.includes(sentence), `${file}: ${sentence}`).toBe(debug);
    }
  }
});
