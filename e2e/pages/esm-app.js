// The page-view app as a site bundles it from npm (e2e/builds.spec.ts bundles
// this file with and without the `development` condition), plus one refused
// call: a title that is not a string is refused with a warning, and the page
// view still goes, with document.title.
import { createTracker, trackPageView } from 'matomo-lite';

const tracker = createTracker({ trackerUrl: '/matomo.php', siteId: 1 });
trackPageView(tracker, { not: 'a title' });
