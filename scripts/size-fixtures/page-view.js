// The smallest real app: one tracker, one page view. Bundled from dist/esm by
// scripts/size.mjs to prove that everything else tree-shakes away.
import { createTracker, trackPageView } from '../../dist/esm/index.js';

trackPageView(createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 }));
