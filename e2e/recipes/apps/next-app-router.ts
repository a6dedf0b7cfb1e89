// The Next.js recipe in an app: a page that sets its title after render, or
// redirects on the client (router.replace in an effect), and <PageViews />
// in the layout.
import { mount, useEffect } from 'react';
import { router, usePathname, useSearchParams } from 'next/navigation';
import { createTracker, trackPageView } from 'matomo-lite';
import { PageViews } from '../next-app-router';
import { expose, naive, route } from './shared';

function Page(): void {
  const pathname = usePathname();
  useEffect(() => {
    const target = route(pathname);
    if (target.redirect) router.replace(target.redirect);
    else document.title = target.title!;
  }, [pathname]);
}

// what the recipe warns against: a page view in the effect itself
const tracker = naive ? createTracker({ trackerUrl: '/matomo.php', siteId: 1 }) : undefined;
function NaivePageViews(): void {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  useEffect(() => trackPageView(tracker!), [pathname, search]);
}

mount(() => {
  Page();
  if (naive) NaivePageViews();
  else PageViews();
});
expose(router.push);
