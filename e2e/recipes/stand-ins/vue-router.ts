// Stand-in for 'vue-router' (see README.md here): createRouter, push,
// afterEach.
//
// Modelled after Vue Router 4: a route's `redirect` is followed before the
// navigation is made (one history entry, of the last route); a navigation
// to where the app already is fails as duplicated; afterEach runs after the
// URL and the current route changed, with the failure as third argument,
// and before the new route renders (its component sets the title then).
import { queueRender } from './vue';

export interface RouteLocationNormalized {
  path: string;
  fullPath: string;
  meta: Record<string, unknown>;
}

export interface NavigationFailure extends Error {
  type: number;
  from: RouteLocationNormalized;
  to: RouteLocationNormalized;
}

export type NavigationHookAfter = (to: RouteLocationNormalized, from: RouteLocationNormalized, failure?: NavigationFailure | void) => unknown;

export interface RouteRecord {
  path: string;
  redirect?: string;
  meta?: Record<string, unknown>;
}

export interface Router {
  afterEach(guard: NavigationHookAfter): () => void;
  push(to: string): Promise<NavigationFailure | void | undefined>;
}

const DUPLICATED = 16;

export function createRouter(options: { routes: RouteRecord[] }): Router {
  const hooks: NavigationHookAfter[] = [];
  const start: RouteLocationNormalized = { path: '/', fullPath: '/', meta: {} };
  let current = start;
  const find = (path: string) => options.routes.find((route) => route.path == path.split('?')[0]);
  const resolve = (path: string): RouteLocationNormalized => {
    const record = find(path);
    return record?.redirect ? resolve(record.redirect) : { path, fullPath: path, meta: record?.meta || {} };
  };
  return {
    afterEach(guard) {
      hooks.push(guard);
      return () => hooks.splice(hooks.indexOf(guard), 1);
    },
    async push(to) {
      const target = resolve(to);
      const from = current;
      if (current != start && target.fullPath == current.fullPath) {
        const failure = Object.assign(new Error('duplicated'), { type: DUPLICATED, from, to: target });
        hooks.forEach((hook) => hook(target, from, failure));
        return failure;
      }
      if (current == start) history.replaceState(null, '', target.fullPath);
      else history.pushState(null, '', target.fullPath);
      current = target;
      queueRender(() => {
        document.title = String(target.meta.title);
      });
      hooks.forEach((hook) => hook(target, from));
      return undefined;
    },
  };
}
