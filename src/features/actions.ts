import { refuse, show } from '../core/config';
import { guard } from '../core/guard';
import { send } from '../core/send';
import { isTracker, type Tracker } from '../core/tracker';
import { isNumeric, isText } from '../core/validate';

/**
 * What a site records beyond the page view (§6.2–§6.4, §6.6, §6.8): events,
 * site search, goals, custom dimensions and the user id. Bad input is refused
 * with a warning that names the call, and no hit is sent.
 */

/** A trimmed non-empty string from a string or a number, else undefined. */
const text = (value: unknown): string | undefined =>
  (typeof value == 'string' || (typeof value == 'number' && isFinite(value))) && String(value).trim()
    ? String(value).trim()
    : undefined;

const nonEmpty = (call: string, what: string, value: unknown) =>
  refuse(call, what + ' must be a non-empty string, got ' + show(value));

/**
 * Tracks an event: `e_c`, `e_a`, `e_n`, `e_v`, `ca=1`. Category and action
 * are required; the value must be a number (or a numeric string). `customData`
 * as for trackPageView.
 *
 * ```ts
 * trackEvent(tracker, 'Video', 'Play', 'Intro', 12.5); // _paq.push(['trackEvent', 'Video', 'Play', 'Intro', 12.5])
 * ```
 */
export const trackEvent = guard(
  'trackEvent',
  (tracker: Tracker, category: string, action: string, name?: string, value?: number | string, customData?: Record<string, unknown>): void => {
    const call = 'trackEvent';
    if (!isTracker(tracker, call)) return;
    const c = text(category);
    const a = text(action);
    const v = typeof value == 'string' ? value.trim() : value;
    if (!c) return nonEmpty(call, 'category', category);
    if (!a) return nonEmpty(call, 'action', action);
    if (v != null && !isNumeric(v)) return refuse(call, 'value must be a number, got ' + show(value));
    send(tracker, [['e_c', c], ['e_a', a], ['e_n', text(name)], ['e_v', v], ['ca', 1]], call, 0, customData);
  },
);

/**
 * Tracks a search on the site: `search`, `search_cat` (when given),
 * `search_count` (results, 0 means none). No new page view id.
 *
 * ```ts
 * trackSiteSearch(tracker, 'rain jacket', 'Shop', 12);
 * ```
 */
export const trackSiteSearch = guard(
  'trackSiteSearch',
  (tracker: Tracker, keyword: string, category?: string | false, resultsCount?: number, customData?: Record<string, unknown>): void => {
    const call = 'trackSiteSearch';
    if (!isTracker(tracker, call)) return;
    const k = text(keyword);
    if (!k) return nonEmpty(call, 'keyword', keyword);
    if (resultsCount != null && !/^\d+$/.test(String(resultsCount))) {
      return refuse(call, 'resultsCount must be an integer >= 0, got ' + show(resultsCount));
    }
    send(tracker, [['search', k], ['search_cat', text(category)], ['search_count', resultsCount]], call, 0, customData);
  },
);

/**
 * Records a conversion of goal `idGoal` (an integer > 0): `idgoal`, and
 * `revenue` when it is given and not 0. Campaign attribution rides along.
 *
 * ```ts
 * trackGoal(tracker, 3, 9.99);
 * ```
 */
export const trackGoal = guard(
  'trackGoal',
  (tracker: Tracker, idGoal: number | string, customRevenue?: number | string, customData?: Record<string, unknown>): void => {
    const call = 'trackGoal';
    if (!isTracker(tracker, call)) return;
    const id = String(idGoal).trim();
    if (!/^[1-9]\d*$/.test(id)) return refuse(call, 'idGoal must be an integer > 0, got ' + show(idGoal));
    if (customRevenue && !isNumeric(customRevenue)) return refuse(call, 'revenue must be a number, got ' + show(customRevenue));
    send(tracker, [['idgoal', id], ['revenue', customRevenue || undefined]], call, 0, customData);
  },
);

/** The dimension id as the key of `_dims`, or undefined after a warning. */
function dimensionId(id: unknown, call: string): string | undefined {
  const key = String(id).trim();
  if (/^[1-9]\d*$/.test(key)) return key;
  refuse(call, 'id must be an integer > 0, got ' + show(id));
  return undefined;
}

/**
 * Sends `dimension<id>=<value>` on every later hit until deleted (§6.6).
 * A per-call `customData.dimension<id>` overrides it for one hit.
 *
 * ```ts
 * setCustomDimension(tracker, 1, 'member');
 * ```
 */
export const setCustomDimension = guard('setCustomDimension', (tracker: Tracker, id: number | string, value?: string | number): void => {
  const call = 'setCustomDimension';
  if (!isTracker(tracker, call)) return;
  const key = dimensionId(id, call);
  if (!key) return;
  if (value != null && !isText(value)) return refuse(call, 'value must be a string, got ' + show(value));
  tracker._dims[key] = value == null ? '' : String(value);
});

/** The value setCustomDimension gave this id, or undefined. */
export const getCustomDimension = guard('getCustomDimension', (tracker: Tracker, id: number | string): string | undefined => {
  const key = isTracker(tracker, 'getCustomDimension') && dimensionId(id, 'getCustomDimension');
  return key ? tracker._dims[key] : undefined;
});

/** Stops sending this dimension. */
export const deleteCustomDimension = guard('deleteCustomDimension', (tracker: Tracker, id: number | string): void => {
  const key = isTracker(tracker, 'deleteCustomDimension') && dimensionId(id, 'deleteCustomDimension');
  if (key) delete tracker._dims[key];
});

/**
 * Sends `uid=<userId>` on every later hit (§3.5): the site's own id of a
 * logged-in user. It does not change the visitor id.
 *
 * ```ts
 * setUserId(tracker, 'user@example.com');
 * ```
 */
export const setUserId = guard('setUserId', (tracker: Tracker, userId: string): void => {
  if (!isTracker(tracker, 'setUserId')) return;
  // sent as given, not trimmed: the same user keeps the same id as with matomo.js
  if (text(userId)) tracker._userId = String(userId);
  else refuse('setUserId', 'userId must be a non-empty string (resetUserId removes it), got ' + show(userId));
});

/** Stops sending `uid` (on logout). */
export const resetUserId = guard('resetUserId', (tracker: Tracker): void => {
  if (isTracker(tracker, 'resetUserId')) tracker._userId = undefined;
});

export const getUserId = guard('getUserId', (tracker: Tracker): string | undefined =>
  isTracker(tracker, 'getUserId') ? tracker._userId : undefined,
);
