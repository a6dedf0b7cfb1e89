// The Angular recipe in an app: routes with titles (the title strategy) and
// a redirectTo.
import { NavigationEnd, Router } from '@angular/router';
import { trackPageView } from 'matomo-lite';
import { trackRouter } from '../angular-router';
import { tracker } from '../matomo';
import { expose, naive, ROUTES } from './shared';

const router = new Router(ROUTES.map(({ path, title, redirect }) => ({ path, title, redirectTo: redirect })));
// what the recipe warns against: a page view at NavigationEnd itself
if (naive) router.events.subscribe((event) => event instanceof NavigationEnd && trackPageView(tracker));
else trackRouter(router);
router.navigateByUrl(location.pathname + location.search);
expose((path: string) => router.navigateByUrl(path));
