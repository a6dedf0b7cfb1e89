// Page views plus the heartbeat: what the heartbeat entry adds.
import { createTracker, trackPageView, enableHeartBeatTimer } from 'matomo-lite';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
trackPageView(tracker);
enableHeartBeatTimer(tracker);
