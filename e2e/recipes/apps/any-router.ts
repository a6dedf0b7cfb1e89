// The "any router" recipe with a router of a few lines: pushState, the title
// 30 ms later, a redirect by replaceState 40 ms later.
import '../any-router';
import { expose, route } from './shared';

function go(path: string, replace?: boolean): void {
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  const target = route(path);
  if (target.redirect) setTimeout(() => go(target.redirect!, true), 40);
  else setTimeout(() => (document.title = target.title!), 30);
}

expose(go);
