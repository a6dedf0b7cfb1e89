// Page views plus content tracking: what the content entry adds.
import { createTracker, trackPageView } from 'matomo-lite';
import { trackVisibleContentImpressions } from 'matomo-lite/content';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
trackPageView(tracker);
trackVisibleContentImpressions(tracker);
