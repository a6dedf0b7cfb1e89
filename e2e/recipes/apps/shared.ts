// What every recipe app has (e2e/recipes.spec.ts): the routes, the `naive`
// knob (the app tracks the way the recipe warns against, so the test sees
// the stand-ins make that go wrong) and `window.app.go(path)`.

export interface AppRoute {
  path: string;
  title?: string;
  redirect?: string;
}

const BASE = '/e2e/pages/recipes/';

export const ROUTES: AppRoute[] = [
  { path: '/e2e/pages/recipes.html', title: 'Recipes · Home' },
  { path: BASE + 'a', title: 'Recipes · A' },
  { path: BASE + 'old', redirect: BASE + 'new' },
  { path: BASE + 'new', title: 'Recipes · New' },
];

export const route = (path: string): AppRoute => ROUTES.find((r) => r.path == path.split('?')[0]) || { path, title: 'Recipes · Not found' };

export const naive = new URLSearchParams(location.search).has('naive');

export function expose(go: (path: string) => unknown): void {
  (window as unknown as { app: unknown }).app = { go };
}
