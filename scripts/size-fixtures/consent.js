// Page views behind a consent banner: what the consent functions add.
import { createTracker, trackPageView, requireConsent, rememberConsentGiven, forgetConsentGiven } from 'matomo-lite';

const tracker = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 1 });
requireConsent(tracker);
trackPageView(tracker);
document.querySelector('#yes')?.addEventListener('click', () => rememberConsentGiven(tracker));
document.querySelector('#no')?.addEventListener('click', () => forgetConsentGiven(tracker));
