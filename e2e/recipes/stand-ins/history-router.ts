// The part React Router and the Next.js App Router share in these stand-ins
// (see README.md here): the location a render sees, changed by pushState or
// replaceState and popstate, each followed by a render.
import { scheduleRender } from './react';

export interface RouterLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

let keys = 0;
const read = (): RouterLocation => ({ pathname: location.pathname, search: location.search, hash: location.hash, state: history.state, key: String(++keys) });

export let current = read();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  history[options.replace ? 'replaceState' : 'pushState'](null, '', to);
  current = read();
  scheduleRender();
}

addEventListener('popstate', () => {
  current = read();
  scheduleRender();
});
