// Angular Router: call trackRouter(inject(Router)) once, e.g. in
// provideAppInitializer or the root component's constructor. A page view per
// completed navigation, the first included.
import { NavigationEnd, type Event, type Router } from '@angular/router';
import { filter } from 'rxjs';
import { trackPageView } from 'matomo-lite';
import { tracker } from './matomo';

export function trackRouter(router: Router): void {
  router.events.pipe(filter((event: Event): event is NavigationEnd => event instanceof NavigationEnd)).subscribe(() => {
    // the router sets the route's title just after NavigationEnd, and the
    // components render after it: both are in by the next frame
    requestAnimationFrame(() => trackPageView(tracker));
  });
}
