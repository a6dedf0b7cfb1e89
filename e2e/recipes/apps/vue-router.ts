// The Vue Router recipe in an app: routes with a title in their meta (the
// route's component sets it when it renders) and a redirect.
import { createRouter } from 'vue-router';
import { trackPageView } from 'matomo-lite';
import { trackRouter } from '../vue-router';
import { tracker } from '../matomo';
import { expose, naive, ROUTES } from './shared';

const router = createRouter({ routes: ROUTES.map(({ path, title, redirect }) => ({ path, redirect, meta: { title } })) });
// what the recipe warns against: a page view in afterEach itself
if (naive) router.afterEach(() => trackPageView(tracker));
else trackRouter(router);
router.push(location.pathname + location.search);
expose(router.push);
