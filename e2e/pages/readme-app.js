// README's npm snippet as it is, with the collector's tracker URL:
// test/docs.test.ts keeps the two the same, e2e/readme.spec.ts bundles and runs it.
import { createTracker, trackPageView, enableHeartBeatTimer } from 'matomo-lite';

const tracker = createTracker({ trackerUrl: '/matomo.php', siteId: 3 });
trackPageView(tracker); // _paq.push(['trackPageView'])
enableHeartBeatTimer(tracker); // _paq.push(['enableHeartBeatTimer'])
