import { readCookie, writeCookie } from './cookies.js';
import { isSiteUrl, matchesAlias } from './domains.js';
import { cookieName, cookieScope, cookiesOn } from './identity.js';
import type { Tracker } from './tracker.js';
import { parseUrl, stripParams, urlParam } from './url.js';
import type { Params } from '../context/params.js';
import { pageReferrer } from '../context/page.js';

// short names: the ESM build is not property-mangled
declare module './tracker.js' {
  interface Tracker {
    /** setCampaignNameKey's parameters, instead of CAMPAIGN_NAME_KEYS */
    _names?: string[];
    /** setCampaignKeywordKey's parameters, instead of CAMPAIGN_KEYWORD_KEYS */
    _kwds?: string[];
  }
}

/**
 * Referrer and campaign attribution (§5): what `urlref`, `_rcn`, `_rck`,
 * `_refts` and `_ref` say, and the `_pk_ref` cookie that remembers the
 * campaign or external referrer a visit came from, for goal attribution.
 */

export const CAMPAIGN_NAME_KEYS = 'pk_campaign mtm_campaign piwik_campaign matomo_campaign utm_campaign utm_source utm_medium'.split(' ');
export const CAMPAIGN_KEYWORD_KEYS = 'pk_kwd mtm_kwd piwik_kwd matomo_kwd utm_term'.split(' ');

/** disableCampaignParameters' extra names, unless consent is required: then it has no effect (§5.5). */
const campaignsOff = (tracker: Tracker) => (tracker._consentRequired ? undefined : tracker._noCampaign);

/**
 * A URL as Matomo should see it (§2.8): without pk_vid, ignore_referrer, the
 * excluded parameters, the campaign parameters when they are disabled, and
 * the fragment when discardHashTag asked.
 */
export function purify(tracker: Tracker, url: string): string {
  return stripParams(
    // the fragment goes first: the query is cleaned alike with or without it
    tracker._noHash ? url.split('#')[0] : url,
    // what is not set adds `undefined`, which no parameter name equals
    ['pk_vid', 'ignore_referrer', 'ignore_referer'].concat(
      tracker._cfg.excludedQueryParams,
      campaignsOff(tracker)?.concat(tracker._names!, tracker._kwds!)!,
    ),
  );
}

/** The referrer hits report: setReferrerUrl's, else the page's. */
export function referrerOf(tracker: Tracker): string {
  return tracker._referrer ?? pageReferrer();
}

/** Is the URL from an excluded referrer (default `.paypal.com`)? A leading `www.` is ignored on both sides (§5.4); undefined (falsy) when it does not parse. */
export function isExcludedReferrer(tracker: Tracker, url: string): boolean | undefined {
  const parsed = parseUrl(url);
  return (
    parsed &&
    tracker._cfg.excludedReferrers.some((alias) =>
      matchesAlias(alias.replace(/^(\*?\.)?www\./i, '$1'), parsed.hostname.replace(/^www\./i, ''), parsed.pathname),
    )
  );
}

const ignoresReferrer = (url: string) => /[?&#]ignore_refer+er=1(&|#|$)/.test(url);

/** `urlref`: the referrer, unless empty, excluded, or the URL says `ignore_referrer=1`. */
export function referrerParam(tracker: Tracker, currentUrl: string): Params {
  const referrer = referrerOf(tracker);
  return [['urlref', referrer && !isExcludedReferrer(tracker, referrer) && !ignoresReferrer(currentUrl) ? purify(tracker, referrer) : undefined]];
}

/**
 * `_rcn`, `_rck`, `_refts`, `_ref` for this hit, updating `_pk_ref` at the
 * start of a session (no `_pk_ses` cookie) as matomo.js does (§5.2).
 */
export function attributionParams(tracker: Tracker, currentUrl: string, nowMs: number): Params {
  const cookies = cookiesOn(tracker);
  let [name, keyword, time, url] = readAttribution(tracker);
  if (!(cookies && readCookie(cookieName(tracker, 'ses'))) && !ignoresReferrer(currentUrl)) {
    // setConversionAttributionFirstReferrer: a stored campaign, or foreign referrer, is kept
    const first = tracker._firstReferrer;
    if (!(first && name) && !campaignsOff(tracker)) {
      name = urlParam(currentUrl, tracker._names || CAMPAIGN_NAME_KEYS);
      keyword = urlParam(currentUrl, tracker._kwds || CAMPAIGN_KEYWORD_KEYS);
    }
    const referrer = referrerOf(tracker);
    const foreign = (u: string) => parseUrl(u)?.hostname && !isSiteUrl(tracker._cfg.domains, u) && !isExcludedReferrer(tracker, u);
    if (foreign(referrer) && !(first && foreign(url))) url = referrer;
    if (url || name) {
      time = Math.round(nowMs / 1000);
      url = purify(tracker, url.slice(0, 1024));
      if (cookies) {
        writeCookie(
          cookieName(tracker, 'ref'),
          JSON.stringify([name, keyword, time, url]),
          nowMs + tracker._cfg.referralCookieTimeout * 1000,
          cookieScope(tracker),
        );
      }
    }
  }
  return [
    ['_rcn', name || undefined],
    ['_rck', keyword || undefined],
    ['_refts', time],
    // purified again, as matomo.js: not a no-op for `#a=1?a=2` (the first pass leaves `#a=1`)
    ['_ref', url ? purify(tracker, url.slice(0, 1024)) : undefined],
  ];
}

/**
 * The `_pk_ref` cookie, JSON `[name, keyword, seconds, url]`; none (cookies
 * off) or anything unreadable counts as empty.
 */
export function readAttribution(tracker: Tracker): [string, string, number, string] {
  try {
    // no cookie is no attribution, not an exception (slow on every hit of a
    // new visitor); a broken one that is no list still throws
    const [name, keyword, time, url] = JSON.parse((cookiesOn(tracker) && readCookie(cookieName(tracker, 'ref'))) || '[]');
    return [String(name || ''), String(keyword || ''), +time || 0, String(url || '')];
  } catch {
    return ['', '', 0, ''];
  }
}
