// React Router: call usePageViews() in a component inside the router, above
// the routes (your layout). A page view per location, the first included.
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { trackPageView } from 'matomo-lite';
import { tracker } from './matomo';

export function usePageViews(): void {
  const { pathname, search } = useLocation();
  useEffect(() => {
    // after the effects of the route's components, which set its title; and a
    // moment later, so that a redirect (<Navigate>) moving on from this
    // location cancels it: one page view, of where the app landed
    const timer = setTimeout(() => trackPageView(tracker), 100);
    return () => clearTimeout(timer);
  }, [pathname, search]);
}
