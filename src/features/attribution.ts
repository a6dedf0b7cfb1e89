import { readAttribution } from '../core/campaign.js';
import type { Tracker } from '../core/tracker.js';
import { api, must } from '../core/api.js';

/**
 * Campaign and referrer attribution settings and getters (§5.1, §5.2). The
 * detection itself runs in core/campaign.ts on every hit; these functions
 * only configure it and read the `_pk_ref` cookie it writes.
 */

// `set` writes the field in code, not by a name in a string: the script-tag
// build renames `_` properties, and a string would miss the new name
/*@__NO_SIDE_EFFECTS__*/
function keySetter(call: string, set: (tracker: Tracker, keys: string[]) => void) {
  return api(call, (tracker, keys: string | string[]): void => {
    // a copy: the caller's array may change later
    const list = ([] as unknown[]).concat(keys);
    if (list.length && list.every((key) => typeof key == 'string' && key)) set(tracker, list as string[]);
    else must(call, keys, __DEBUG__ && 'keys must be a parameter name or a list of them');
  });
}

/**
 * Replaces the URL parameters a campaign name is read from (default
 * `pk_campaign`, `mtm_campaign`, `piwik_campaign`, `matomo_campaign`,
 * `utm_campaign`, `utm_source`, `utm_medium`; the first non-empty one wins).
 *
 * ```ts
 * setCampaignNameKey(tracker, ['cmp', 'utm_campaign']);
 * ```
 */
export const setCampaignNameKey = keySetter('setCampaignNameKey', (tracker, keys) => (tracker._names = keys));

/** Replaces the URL parameters a campaign keyword is read from (default `pk_kwd`, `mtm_kwd`, `piwik_kwd`, `matomo_kwd`, `utm_term`). */
export const setCampaignKeywordKey = keySetter('setCampaignKeywordKey', (tracker, keys) => (tracker._kwds = keys));

/**
 * `true`: conversions are credited to the first campaign or referrer the
 * visitor came from (kept in `_pk_ref` for 6 months); default `false`: to the
 * latest one.
 */
export const setConversionAttributionFirstReferrer = api('setConversionAttributionFirstReferrer', (tracker, enable: boolean): void => {
  tracker._firstReferrer = !!enable;
});

/*@__NO_SIDE_EFFECTS__*/
function reader<T>(call: string, pick: (info: [string, string, number, string]) => T) {
  return api(call, (tracker): T => pick(readAttribution(tracker)));
}

/**
 * `[campaignName, campaignKeyword, referrerTimestamp, referrerUrl]` as stored
 * in `_pk_ref` (`['', '', 0, '']` when none), as goals will be attributed.
 *
 * ```ts
 * const [campaign] = getAttributionInfo(tracker);
 * ```
 */
export const getAttributionInfo = reader('getAttributionInfo', (info) => info);
/** The campaign name goals will be attributed to; '' when none. */
export const getAttributionCampaignName = reader('getAttributionCampaignName', (info) => info[0]);
/** The campaign keyword goals will be attributed to; '' when none. */
export const getAttributionCampaignKeyword = reader('getAttributionCampaignKeyword', (info) => info[1]);
/** Unix seconds when the campaign or referrer was recorded; 0 when none. */
export const getAttributionReferrerTimestamp = reader('getAttributionReferrerTimestamp', (info) => info[2]);
/** The referrer URL goals will be attributed to; '' when none. */
export const getAttributionReferrerUrl = reader('getAttributionReferrerUrl', (info) => info[3]);
