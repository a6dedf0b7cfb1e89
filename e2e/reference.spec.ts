// `npm start` serves the API reference TypeDoc builds from the code's TSDoc
// comments (`npm run docs`, which `npm test` runs with every warning an error,
// so every export is documented) at /docs/, beside /demo/ and /inspector,
// with the guides of docs/ and their links between each other.
import { existsSync, readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

test.beforeAll(() => {
  // npm test builds it after the build's own clean-up (which removes .build/)
  expect(existsSync('.build/reference/index.html'), 'the API reference is not built: run npm run docs').toBe(true);
});

test('/docs/ is the API reference: every exported function has its page, with its comment', async ({ page }) => {
  await page.goto('/docs/');
  await expect(page).toHaveTitle('matomo-lite');
  // README is the reference's front page
  await expect(page.getByRole('heading', { name: 'Three ways to use it' })).toBeVisible();
  // the package's functions, as built (npm test builds before the e2e tests)
  const api: Record<string, unknown> = await import('../dist/esm/index.js' as string);
  const functions = Object.keys(api).filter((name) => typeof api[name] == 'function');
  expect(functions.length).toBeGreaterThan(100);
  const links = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('a')].map((a) => [a.textContent!.trim(), a.href])));
  expect(functions.filter((name) => !links[name])).toEqual([]);

  await page.goto(links.trackPageView!);
  await expect(page.locator('h1')).toContainText('trackPageView');
  await expect(page.locator('body')).toContainText("_paq.push(['trackPageView'])");
});

test('/docs/ carries the guides: the migration guide, its links to the other guides working', async ({ page }) => {
  await page.goto('/docs/');
  await page.getByRole('link', { name: 'docs/migration.md' }).first().click();
  await expect(page.getByRole('heading', { name: 'Moving a site from matomo.js' })).toBeVisible();
  // its first link to the method table, followed
  await page.getByRole('link', { name: 'paq.md' }).first().click();
  await expect(page.locator('table').filter({ hasText: 'setCustomDimension' })).toHaveCount(1);
  expect(readFileSync('docs/paq.md', 'utf8')).toContain('| `setCustomDimension` |');
});
