// README's three ways to use it, each as a newcomer copies it (test/docs.test.ts
// checks that these fixtures are README's snippets; the `_paq` snippet and the
// tag-manager block also run in paq.spec.ts and extras.spec.ts with more to say).
import { test, expect } from './fixtures';
import { bundleApp } from './bundle';
import { beActiveUntil } from './page-helpers';

test("README's npm snippet, bundled: a page view, then the heartbeat's ping when the page is left", async ({ page, hits }) => {
  const code = await bundleApp('e2e/pages/readme-app.js');
  await page.route('**/esm-app.bundle.js', (route) => route.fulfill({ body: code, contentType: 'text/javascript' }));
  await page.goto('/e2e/pages/esm-app.html');
  const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview' });
  expect(hits.param(view, 'idsite')).toBe('3');
  expect(hits.param(view, 'action_name')).toBe('matomo-lite npm app fixture');
  // the heartbeat's last ping needs a second of the page in use
  await beActiveUntil(page, new Promise((r) => setTimeout(r, 1500)));
  await page.goto('/e2e/pages/raw-hit.html');
  const [ping] = await hits.waitFor(1, { where: (h) => h.kind == 'ping' });
  expect(hits.param(ping, 'pv_id')).toBe(hits.param(view, 'pv_id'));
  hits.expectNoViolations(hits.all());
});

for (const [name, path, idsite] of [
  ["Matomo's snippet", '/e2e/pages/paq.html', '3'],
  ['the data- tag', '/e2e/pages/paq-tag.html', '4'],
  ['the tag-manager block, injected after load', '/e2e/pages/paq-tag-manager.html', '6'],
] as const) {
  test(`README's ${name}: one clean page view`, async ({ page, hits }) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(path);
    const [view] = await hits.waitFor(1, { where: (h) => h.kind == 'pageview', settle: 300 });
    expect(hits.param(view, 'idsite')).toBe(idsite);
    expect(hits.all().filter((h) => h.kind == 'pageview')).toHaveLength(1);
    hits.expectNoViolations(hits.all());
    expect(errors).toEqual([]);
  });
}
