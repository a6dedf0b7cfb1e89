// The smallest real app: one tracker, one page view. Bundled through the
// package's exports map (dist/esm, or dist/esm-debug under `development`) by
// scripts/size.mjs to prove that everything else tree-shakes away.
import { createTracker, trackPageView } from 'matomo-lite';

trackPageView(createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 }));
