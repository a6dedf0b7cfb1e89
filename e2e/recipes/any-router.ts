// Any router, or none: every client-side navigation is a pushState, a
// replaceState or the back button, and enableSpaTracking sees them all.
import { createTracker, trackPageView } from 'matomo-lite';
import { enableSpaTracking } from 'matomo-lite/spa';

export const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
enableSpaTracking(tracker);
trackPageView(tracker);
