import { CAMPAIGN_KEYWORD_KEYS, CAMPAIGN_NAME_KEYS } from '../core/campaign.js';
import { api, must } from '../core/api.js';

/**
 * What reported URLs (`url`, `urlref`, `_ref`) leave out (§2.8): campaign
 * parameters and the fragment. core/campaign.ts `purify` applies both.
 */

declare module '../core/tracker.js' {
  interface Tracker {
    /** set by disableCampaignParameters: §5.1's known campaign parameters, stripped (with any custom keys) unless consent is required */
    _noCampaign?: string[];
    /** discardHashTag(true): reported URLs end before `#` */
    _noHash?: boolean;
  }
}

/**
 * Turns campaign detection off and strips campaign parameters (§5.1's known
 * list, plus the name and keyword keys) from `url`, `urlref` and `_ref`, so
 * Matomo never sees them. No effect while consent is required, as matomo.js.
 *
 * ```ts
 * disableCampaignParameters(tracker);
 * ```
 */
export const disableCampaignParameters = api('disableCampaignParameters', (tracker): void => {
  // §5.1's known list: the default keys and these
  tracker._noCampaign = CAMPAIGN_NAME_KEYS.concat(
    CAMPAIGN_KEYWORD_KEYS,
    ('cpn keyword source medium content cid group placement'.replace(/\w+/g, 'mtm_$& pk_$&') + ' utm_content utm_id mtm_clid').split(' '),
  );
});

/**
 * `true`: reported URLs (`url`, `urlref`, `_ref`) lose everything from `#`;
 * `false` (the default) keeps the fragment.
 *
 * ```ts
 * discardHashTag(tracker, true);
 * ```
 */
export const discardHashTag = api('discardHashTag', (tracker, enable: boolean): void => {
  if (typeof enable == 'boolean') tracker._noHash = enable;
  else must('discardHashTag', enable, __DEBUG__ && 'enable must be true or false');
});
