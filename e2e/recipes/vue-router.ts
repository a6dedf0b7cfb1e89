// Vue Router: call trackRouter(router) once, after createRouter. A page
// view per completed navigation, the first included.
import { nextTick } from 'vue';
import type { Router } from 'vue-router';
import { trackPageView } from 'matomo-lite';
import { tracker } from './matomo';

export function trackRouter(router: Router): void {
  router.afterEach((_to, _from, failure) => {
    // a guard stopped it, or the app is there already: no new page
    if (failure) return;
    // afterEach runs before the new route renders (and sets its title)
    nextTick(() => trackPageView(tracker));
  });
}
