// The React Router recipe in an app: a route component that sets its title
// in an effect, or redirects in one (<Navigate replace>), and the layout above
// it that calls usePageViews().
import { mount, useEffect } from 'react';
import { navigate, useLocation } from 'react-router-dom';
import { trackPageView } from 'matomo-lite';
import { usePageViews } from '../react-router';
import { tracker } from '../matomo';
import { expose, naive, route } from './shared';

function RouteView(): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const target = route(pathname);
    if (target.redirect) navigate(target.redirect, { replace: true });
    else document.title = target.title!;
  }, [pathname]);
}

// what the recipe warns against: a page view in the effect itself
function useNaivePageViews(): void {
  const { pathname, search } = useLocation();
  useEffect(() => trackPageView(tracker), [pathname, search]);
}

mount(() => {
  RouteView();
  if (naive) useNaivePageViews();
  else usePageViews();
});
expose(navigate);
