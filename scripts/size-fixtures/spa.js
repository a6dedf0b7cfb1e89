// Page views plus SPA tracking: what the spa entry adds.
import { createTracker, trackPageView } from 'matomo-lite';
import { enableSpaTracking } from 'matomo-lite/spa';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
enableSpaTracking(tracker);
trackPageView(tracker);
