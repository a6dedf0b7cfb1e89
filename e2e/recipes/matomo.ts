// The tracker of an app whose router sends the page views (the recipes
// beside this file): enableSpaTracking in manual mode gives each of them
// the previous page view's URL as urlref.
import { createTracker } from 'matomo-lite';
import { enableSpaTracking } from 'matomo-lite/spa';

export const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
enableSpaTracking(tracker, { manual: true });
