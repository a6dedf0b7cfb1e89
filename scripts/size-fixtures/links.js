// Page views plus outlink and download clicks: what the links entry adds.
import { createTracker, trackPageView } from 'matomo-lite';
import { enableLinkTracking } from 'matomo-lite/links';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
trackPageView(tracker);
enableLinkTracking(tracker);
