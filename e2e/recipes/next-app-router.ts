'use client';
// Next.js App Router: render <PageViews /> once in the root layout, inside
// <Suspense> (useSearchParams asks for it). A page view per route, the first
// included. The tracker is made in the browser: this module runs on the
// server too.
import { useEffect } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { createTracker, trackPageView, type Tracker } from 'matomo-lite';
import { enableSpaTracking } from 'matomo-lite/spa';

let tracker: Tracker | undefined;

export function PageViews(): null {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  useEffect(() => {
    if (!tracker) {
      tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
      enableSpaTracking(tracker, { manual: true });
    }
    const current = tracker;
    // after the route's metadata title is in; a redirect moving on from this route cancels it
    const timer = setTimeout(() => trackPageView(current), 100);
    return () => clearTimeout(timer);
  }, [pathname, search]);
  return null;
}
