// links-esm.html: the commands of links-paq.js through the ESM API.
import { createTracker, setDomains, trackPageView } from '/dist/esm/index.js';
import { enableLinkTracking } from '/dist/esm/features/links.js';

const q = new URLSearchParams(location.search);
const tracker = (window.tracker = createTracker({ trackerUrl: '/matomo.php', siteId: 1 }));
if (q.get('domains')) setDomains(tracker, q.get('domains').split(','));
trackPageView(tracker);
window.stopLinks = enableLinkTracking(tracker, q.get('pseudo') ? true : undefined);
document.documentElement.setAttribute('data-tracker', '1');
