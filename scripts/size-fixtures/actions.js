// Page views plus events, site search and goals: what most sites add.
import { createTracker, trackPageView, trackEvent, trackSiteSearch, trackGoal } from 'matomo-lite';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
trackPageView(tracker);
trackEvent(tracker, 'Video', 'Play');
trackSiteSearch(tracker, 'shoes');
trackGoal(tracker, 1, 10);
