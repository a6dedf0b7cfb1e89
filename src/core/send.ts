import { buildHit } from './hit.js';
import { warn, warnOnce } from './log.js';
import type { Tracker } from './tracker.js';
import { brokenRule } from './validate.js';
import type { Params } from '../context/params.js';

/**
 * The one path every hit takes (ARCHITECTURE.md): a feature gives the
 * action part, the tracker adds the standard part, the consent gate
 * (consent, opt-out, Do Not Track) holds, drops or sends it to the
 * transport. `call` names the public function for warnings. The gates get
 * send's arguments: the one addTracker installs before the consent gate
 * sends the same action to the added tracker, unless `own` (for this
 * tracker only).
 */
export function send(tracker: Tracker, action: Params, call: string, kind = 0, customData?: unknown, own?: 1): void {
  const cfg = tracker._cfg;
  const missing = (['trackerUrl', 'siteId'] as const).find((key) => !cfg[key]);
  // matomo.js sends nothing from a saved page unless told to (§1.10)
  if (!missing && location.protocol == 'file:' && !tracker._fileOk) {
    return warnOnce(call, __DEBUG__ && 'file: page; hit not sent without enableFileTracking');
  }
  const rule = missing ? __DEBUG__ && missing + ' is not set' : brokenRule(action);
  if (missing || rule) return warn(call, __DEBUG__ && rule + '; hit not sent');
  // a page prerendered by the browser may never be shown: count it only when
  // it is (matomo.js's own prerender check misses Chrome's speculation rules)
  if ((document as Document & { prerendering?: boolean }).prerendering) {
    return document.addEventListener('prerenderingchange', () => send(tracker, action, call, kind, customData, own), { once: true });
  }
  // data JSON cannot write (a cycle, a BigInt, a hostile getter) is refused
  // here, not halfway through building the hit, which would lose it
  try {
    JSON.stringify(customData);
  } catch {
    warn(call, __DEBUG__ && 'customData must be JSON-serialisable; left out');
    customData = undefined;
  }
  const build = () => buildHit(tracker, action, kind, customData);
  for (const gate of tracker._gates) gate(build, call, action, kind, customData, own);
}

/** A `ping=1` hit (heartbeat, ping, cookie consent); `own` as for send. */
export const sendPing = (tracker: Tracker, call: string, own?: 1) => send(tracker, [['ping', 1]], call, 0, undefined, own);
