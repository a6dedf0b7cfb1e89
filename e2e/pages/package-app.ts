// The page-view app as a user writes it, compiled and bundled by the tarball
// e2e (e2e/package.spec.ts) in a project that installed the packed package:
// one refused call (a title that is not a string) shows which build a
// bundler picked, by the words of its warning; the page view still goes,
// with document.title.
import { createTracker, trackPageView, type TrackerConfig } from 'matomo-lite';

const config: TrackerConfig = { trackerUrl: '/matomo.php', siteId: 1 };
const tracker = createTracker(config);
// @ts-expect-error a title is a string (and this line fails to compile if the types were lost)
trackPageView(tracker, { not: 'a title' });
