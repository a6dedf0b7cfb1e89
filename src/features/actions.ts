import { send } from '../core/send.js';
import { api, must } from '../core/api.js';
import { runHooks } from '../core/guard.js';
import { isNumeric, isText, text } from '../core/validate.js';

/**
 * What a site records beyond the page view (§6.2–§6.4, §6.6, §6.8): events,
 * site search, goals, custom dimensions and the user id. Bad input is refused
 * with a warning that names the call, and no hit is sent.
 */

/**
 * Tracks an event: `e_c`, `e_a`, `e_n`, `e_v`, `ca=1`. Category and action
 * are required; the value must be a number (or a numeric string). `customData`
 * as for trackPageView.
 *
 * ```ts
 * trackEvent(tracker, 'Video', 'Play', 'Intro', 12.5); // _paq.push(['trackEvent', 'Video', 'Play', 'Intro', 12.5])
 * ```
 */
export const trackEvent = api(
  'trackEvent',
  (tracker, category: string, action: string, name?: string, value?: number | string, customData?: Record<string, unknown>): void => {
    const call = 'trackEvent';
    const c = text(category);
    const a = text(action);
    const v = typeof value == 'string' ? value.trim() : value;
    if (!c) must(call, category, __DEBUG__ && 'category must be a non-empty string');
    else if (!a) must(call, action, __DEBUG__ && 'action must be a non-empty string');
    else if (v != null && !isNumeric(v)) must(call, value, __DEBUG__ && 'value must be a number');
    else send(tracker, [['e_c', c], ['e_a', a], ['e_n', text(name)], ['e_v', v], ['ca', 1]], call, 0, customData);
  },
);

/**
 * Tracks a search on the site: `search`, `search_cat` (when given),
 * `search_count` (results, 0 means none). No new page view id. As in
 * matomo.js, content impressions may be sent again afterwards (the hooks of
 * `_onSiteSearch`).
 *
 * ```ts
 * trackSiteSearch(tracker, 'rain jacket', 'Shop', 12);
 * ```
 */
export const trackSiteSearch = api(
  'trackSiteSearch',
  (tracker, keyword: string, category?: string | false, resultsCount?: number, customData?: Record<string, unknown>): void => {
    const call = 'trackSiteSearch';
    const k = text(keyword);
    if (!k) must(call, keyword, __DEBUG__ && 'keyword must be a non-empty string');
    else if (resultsCount != null && !/^\d+$/.test(String(resultsCount))) must(call, resultsCount, __DEBUG__ && 'resultsCount must be an integer >= 0');
    else {
      runHooks(tracker, tracker._onSiteSearch, call);
      send(tracker, [['search', k], ['search_cat', text(category)], ['search_count', resultsCount]], call, 0, customData);
    }
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
export const trackGoal = api(
  'trackGoal',
  (tracker, idGoal: number | string, customRevenue?: number | string, customData?: Record<string, unknown>): void => {
    const call = 'trackGoal';
    const id = String(idGoal).trim();
    if (!/^[1-9]\d*$/.test(id)) must(call, idGoal, __DEBUG__ && 'idGoal must be an integer > 0');
    else if (customRevenue && !isNumeric(customRevenue)) must(call, customRevenue, __DEBUG__ && 'revenue must be a number');
    else send(tracker, [['idgoal', id], ['revenue', customRevenue || undefined]], call, 0, customData);
  },
);

/** The dimension id as the key of `_dims`, or undefined after a warning. */
function dimensionId(id: unknown, call: string): string | undefined {
  const key = String(id).trim();
  if (/^[1-9]\d*$/.test(key)) return key;
  must(call, id, __DEBUG__ && 'id must be an integer > 0');
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
export const setCustomDimension = api('setCustomDimension', (tracker, id: number | string, value?: string | number): void => {
  const call = 'setCustomDimension';
  const key = dimensionId(id, call);
  if (!key) return;
  if (value != null && !isText(value)) must(call, value, __DEBUG__ && 'value must be a string');
  else tracker._dims[key] = String(value ?? '');
});

/** The value setCustomDimension gave this id, or undefined. */
export const getCustomDimension = api('getCustomDimension', (tracker, id: number | string): string | undefined => {
  const key = dimensionId(id, 'getCustomDimension');
  return key ? tracker._dims[key] : undefined;
});

/** Stops sending this dimension. */
export const deleteCustomDimension = api('deleteCustomDimension', (tracker, id: number | string): void => {
  const key = dimensionId(id, 'deleteCustomDimension');
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
export const setUserId = api('setUserId', (tracker, userId: string): void => {
  // sent as given, not trimmed: the same user keeps the same id as with matomo.js
  if (text(userId)) tracker._userId = String(userId);
  else must('setUserId', userId, __DEBUG__ && 'userId must be a non-empty string');
});

/** Stops sending `uid` (on logout). */
export const resetUserId = api('resetUserId', (tracker): void => {
  tracker._userId = undefined;
});

/** The user id hits carry as `uid`, or undefined. */
export const getUserId = api('getUserId', (tracker): string | undefined => tracker._userId);
