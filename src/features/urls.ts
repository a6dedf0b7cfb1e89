import { CAMPAIGN_KEYWORD_KEYS, CAMPAIGN_NAME_KEYS } from '../core/campaign';
import { refuse, show } from '../core/config';
import { guard } from '../core/guard';
import { isTracker, type Tracker } from '../core/tracker';

/**
 * What reported URLs (`url`, `urlref`, `_ref`) leave out (§2.8): campaign
 * parameters and the fragment. core/campaign.ts `purify` applies both.
 */

declare module '../core/tracker' {
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
export const disableCampaignParameters = guard('disableCampaignParameters', (tracker: Tracker): void => {
  if (isTracker(tracker, 'disableCampaignParameters')) {
    // §5.1's known list: the default keys and these
    tracker._noCampaign = CAMPAIGN_NAME_KEYS.concat(
      CAMPAIGN_KEYWORD_KEYS,
      ['mtm_', 'pk_'].flatMap((prefix) => 'cpn keyword source medium content cid group placement'.split(' ').map((name) => prefix + name)),
      ['utm_content', 'utm_id', 'mtm_clid'],
    );
  }
});

/**
 * `true`: reported URLs (`url`, `urlref`, `_ref`) lose everything from `#`;
 * `false` (the default) keeps the fragment.
 *
 * ```ts
 * discardHashTag(tracker, true);
 * ```
 */
export const discardHashTag = guard('discardHashTag', (tracker: Tracker, enable: boolean): void => {
  if (!isTracker(tracker, 'discardHashTag')) return;
  if (typeof enable == 'boolean') tracker._noHash = enable;
  else refuse('discardHashTag', 'enable must be true or false, got ' + show(enable));
});
