// docs/spa.md's recipes (e2e/recipes/), run in Chromium in small apps on the
// framework stand-ins (e2e/recipes/stand-ins/README.md): each sends one page
// view per route with the route's title and the previous URL as urlref, one
// for a redirect, none for a navigation to the same URL. The same app
// tracking the way each recipe warns against goes wrong on the same
// stand-ins, so they do model what the recipes get right.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { test, expect, type HitRecord } from './fixtures';
import { isPageView } from './page-helpers';
import type { Page } from '@playwright/test';

const LANDING = '/e2e/pages/recipes.html';
const BASE = '/e2e/pages/recipes/';

// what the bare imports of a recipe are in the page: matomo-lite's ESM build, the stand-ins
const MODULES: Record<string, string> = {
  'matomo-lite': '/dist/esm/index.js',
  'matomo-lite/spa': '/dist/esm/features/spa.js',
  react: '/e2e/recipes/stand-ins/react.ts',
  'react-router-dom': '/e2e/recipes/stand-ins/react-router-dom.ts',
  'next/navigation': '/e2e/recipes/stand-ins/next-navigation.ts',
  vue: '/e2e/recipes/stand-ins/vue.ts',
  'vue-router': '/e2e/recipes/stand-ins/vue-router.ts',
  '@angular/router': '/e2e/recipes/stand-ins/angular-router.ts',
  rxjs: '/e2e/recipes/stand-ins/rxjs.ts',
};

/** A recipe, an app or a stand-in as the browser runs it: transpiled, its imports made URLs, its tracker sending to the collector. */
function servable(file: string): string {
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ES2020, target: ts.ScriptTarget.ES2020, verbatimModuleSyntax: true },
  });
  return outputText
    .replace(/(from |import )'([^']+)'/g, (_, head: string, name: string) => {
      if (name.startsWith('.')) return `${head}'${name}.ts'`;
      if (!MODULES[name]) throw new Error(`${file}: no stand-in for '${name}'`);
      return `${head}'${MODULES[name]}'`;
    })
    .replace('https://stats.example.org/matomo.php', '/matomo.php');
}

async function serveRecipes(page: Page): Promise<void> {
  await page.route('**/e2e/recipes/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    await route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: servable(path.slice(1)) });
  });
}

const path = (url?: string) => url?.replace(/^https?:\/\/[^/]+/, '');
const summary = (hit: HitRecord) => [path(hit.params.url), path(hit.params.urlref), hit.params.action_name];

/** Lands on the app, follows a route, a redirect, then the same route again; the page views that made. */
async function run(page: Page, hits: { waitFor(n: number, o?: object): Promise<HitRecord[]>; all(where?: (h: HitRecord) => boolean): HitRecord[] }, query: string) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await serveRecipes(page);
  await page.goto(LANDING + '?' + query);
  await page.waitForFunction(() => 'app' in window);
  const go = (to: string) => page.evaluate((p) => (window as unknown as { app: { go(p: string): unknown } }).app.go(p), to);
  await hits.waitFor(1, { where: isPageView });
  await go(BASE + 'a');
  await expect(page).toHaveTitle('Recipes · A');
  await hits.waitFor(2, { where: isPageView });
  await go(BASE + 'old');
  await expect(page).toHaveTitle('Recipes · New');
  await hits.waitFor(3, { where: isPageView });
  await go(BASE + 'new');
  await page.waitForTimeout(600);
  expect(errors).toEqual([]);
  return hits.all(isPageView);
}

for (const recipe of ['any-router', 'react-router', 'next-app-router', 'vue-router', 'angular-router']) {
  test(`recipe ${recipe}: a page view per route with its title and urlref, one for a redirect, none for the same URL`, async ({ page, hits }) => {
    const query = 'recipe=' + recipe;
    const views = await run(page, hits, query);
    expect(views.map(summary)).toEqual([
      [LANDING + '?' + query, undefined, 'Recipes · Home'],
      [BASE + 'a', LANDING + '?' + query, 'Recipes · A'],
      [BASE + 'new', BASE + 'a', 'Recipes · New'],
    ]);
    hits.expectNoViolations(views);
  });
}

test('tracking in the router hook itself goes wrong on the same stand-ins: the old title (Vue, Angular), a page view twice (React, Next.js)', async ({ page, hits }) => {
  for (const recipe of ['vue-router', 'angular-router']) {
    hits.clear();
    const views = await run(page, hits, `recipe=${recipe}&naive`);
    expect(views.map(summary)[1], recipe).toEqual([BASE + 'a', expect.anything(), 'Recipes · Home']);
  }
  for (const recipe of ['react-router', 'next-app-router']) {
    hits.clear();
    const views = await run(page, hits, `recipe=${recipe}&naive`);
    expect(views.filter((hit) => path(hit.params.url) == BASE + 'new').length, recipe).toBe(2);
  }
});
