import { createTracker, setOption, type Tracker } from '../core/tracker.js';
import { send } from '../core/send.js';
import { api } from '../core/api.js';
import { requireConsentNow } from '../core/consent.js';

/**
 * Sends everything `tracker` sends to a second Matomo site (or server) as
 * well, from now on (§11.4), and returns the new tracker. It starts with a
 * copy of `tracker`'s options; its site id, cookies and visitor id are its
 * own, and its hits carry the first tracker's page-view id. Like a matomo.js
 * tracker, it keeps its own state: call setUserId, setCustomDimension … on it
 * too. Consent is the visitor's: the consent functions called on `tracker`
 * act on the added trackers too. `trackerUrl` null or undefined: the same
 * server.
 *
 * ```ts
 * const rollup = addTracker(tracker, 'https://stats.example.net/matomo.php', 7);
 * ```
 */
export const addTracker = api(
  'addTracker',
  (tracker, trackerUrl: string | null | undefined, siteId: number | string): Tracker | undefined => {
    const call = 'addTracker';
    const other = createTracker()!;
    other._cfg = { ...tracker._cfg };
    if (!setOption(other, 'siteId', siteId, call) || (trackerUrl != null && !setOption(other, 'trackerUrl', trackerUrl, call))) {
      return undefined;
    }
    // consent decided on the first tracker binds the added one too: a site
    // waiting for consent must not send to a second server meanwhile
    if (tracker._consentRequired) requireConsentNow(other);
    other._consent = tracker._consent;
    other._dnt = tracker._dnt;
    (tracker._also ||= [tracker]).push(other);
    // a gate before the consent gate (the last), after those of the trackers
    // added before: the added tracker gets the same action for its own site,
    // cookies and visitor, within this page view, whatever this tracker's
    // consent decides; it has its own gates
    tracker._gates.splice(-1, 0, (_build, name, action, kind, customData, own) => {
      if (!own) {
        other._pvId = tracker._pvId;
        send(other, action, name, kind, customData);
      }
    });
    return other;
  },
);
