// Page views plus media tracking: what the media entry adds.
import { createTracker, trackPageView } from 'matomo-lite';
import { enableMediaTracking } from 'matomo-lite/media';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
trackPageView(tracker);
enableMediaTracking(tracker);
