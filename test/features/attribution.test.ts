import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAttributionCampaignKeyword,
  getAttributionCampaignName,
  getAttributionInfo,
  getAttributionReferrerTimestamp,
  getAttributionReferrerUrl,
  setCampaignKeywordKey,
  setCampaignNameKey,
  setConversionAttributionFirstReferrer,
  trackGoal,
  trackPageView,
} from '../../src/index';
import { setPage } from '../helpers';
import { NOW, setup, teardown, tracker } from './support';
import { said } from '../warnings';

afterEach(teardown);

const LANDING = 'https://www.example.com/?utm_campaign=Spring%20Sale&utm_term=Shoes&utm_source=news';
/** A new session: the session cookie expired, the others stay. */
const endSession = () => (document.cookie = '_pk_ses.1.2a0b=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/');

describe('campaign landing and the getters (§5.2, TV-09)', () => {
  it('sends _rcn/_rck on landing, stores _pk_ref, and the getters read it', async () => {
    const { hits } = setup(LANDING, '');
    const t = tracker();
    expect(getAttributionInfo(t)).toEqual(['', '', 0, '']);
    trackPageView(t);
    const [hit] = await hits();
    expect(hit.raw).toMatch(
      /^action_name=Products%20%26%20Co&idsite=1&rec=1&r=\d+&h=\d+&m=\d+&s=\d+&url=https%3A%2F%2Fwww\.example\.com%2F%3Futm_campaign%3DSpring%2520Sale%26utm_term%3DShoes%26utm_source%3Dnews&_id=[0-9a-f]{16}&_idn=1&send_image=0&_rcn=Spring%20Sale&_rck=Shoes&_refts=1894716309&pv_id=\w{6}&/,
    );
    expect(getAttributionInfo(t)).toEqual(['Spring Sale', 'Shoes', 1894716309, '']);
    expect(getAttributionCampaignName(t)).toBe('Spring Sale');
    expect(getAttributionCampaignKeyword(t)).toBe('Shoes');
    expect(getAttributionReferrerTimestamp(t)).toBe(1894716309);
    expect(getAttributionReferrerUrl(t)).toBe('');
  });

  it('credits a goal on a later page of the same visit to the landing campaign', async () => {
    const { hits } = setup(LANDING, '');
    trackPageView(tracker());
    await hits();
    vi.setSystemTime(NOW + 60_000);
    setPage('https://www.example.com/checkout', { referrer: 'https://www.example.com/?utm_campaign=Spring%20Sale' });
    const later = tracker();
    trackGoal(later, 2, 30);
    const goal = (await hits())[1];
    expect(goal.raw).toContain('&send_image=0&_rcn=Spring%20Sale&_rck=Shoes&_refts=1894716309&');
    expect(goal.keys).not.toContain('_ref');
  });

  it('reads the referrer URL and timestamp of an external referrer', async () => {
    const { hits } = setup('https://www.example.com/', 'https://news.example.org/story?id=1');
    const t = tracker();
    trackPageView(t);
    await hits();
    expect(getAttributionInfo(t)).toEqual(['', '', 1894716309, 'https://news.example.org/story?id=1']);
    expect(getAttributionReferrerUrl(t)).toBe('https://news.example.org/story?id=1');
  });

  it('stores the referrer purified once and reports it purified twice, as matomo.js', async () => {
    // the first pass leaves `#pk_vid=1` (the `?` went with the last parameter), the second removes it
    const { hits } = setup('https://www.example.com/', 'https://news.example.org/#pk_vid=1?pk_vid=2');
    const t = tracker();
    trackPageView(t);
    const [hit] = await hits();
    expect(hit.get('_ref')).toBe('https://news.example.org/');
    expect(getAttributionReferrerUrl(t)).toBe('https://news.example.org/#pk_vid=1');
  });

  it('finds campaign parameters in a hash-routed URL', async () => {
    const { hits } = setup('https://www.example.com/#/landing?pk_campaign=Hash&pk_kwd=Route', '');
    trackPageView(tracker());
    const [hit] = await hits();
    expect([hit.get('_rcn'), hit.get('_rck')]).toEqual(['Hash', 'Route']);
  });
});

describe('setCampaignNameKey / setCampaignKeywordKey (§5.1)', () => {
  it('replace the parameter lists, a string or an array', async () => {
    const { hits } = setup('https://www.example.com/?cmp=Custom&utm_campaign=Ignored&k2=kw&utm_term=no', '');
    const t = tracker();
    setCampaignNameKey(t, ['nothere', 'cmp']);
    setCampaignKeywordKey(t, 'k2');
    trackPageView(t);
    const [hit] = await hits();
    expect([hit.get('_rcn'), hit.get('_rck')]).toEqual(['Custom', 'kw']);
  });

  it('refuse anything but a name or a list of names', () => {
    const { warnings } = setup();
    const t = tracker();
    setCampaignNameKey(t, []);
    setCampaignNameKey(t, ['ok', 3 as never]);
    setCampaignKeywordKey(t, '');
    expect(t._names).toBeUndefined();
    expect(t._kwds).toBeUndefined();
    expect(warnings()).toEqual(said([
      'setCampaignNameKey: keys must be a parameter name or a list of them, got ; ignored',
      'setCampaignNameKey: keys must be a parameter name or a list of them, got ok,3; ignored',
      'setCampaignKeywordKey: keys must be a parameter name or a list of them, got ""; ignored',
    ]));
  });
});

describe('setConversionAttributionFirstReferrer (§5.2)', () => {
  it('last referrer (default): a new session with another campaign replaces it, one without clears it', async () => {
    const { hits } = setup(LANDING, '');
    trackPageView(tracker());
    await hits();
    endSession();
    vi.setSystemTime(NOW + 3_600_000);
    setPage('https://www.example.com/?pk_campaign=Autumn', { referrer: '' });
    const second = tracker();
    trackPageView(second);
    await hits();
    expect(getAttributionInfo(second)).toEqual(['Autumn', '', 1894719909, '']);
    endSession();
    setPage('https://www.example.com/', { referrer: 'https://search.example.net/' });
    trackPageView(tracker());
    await hits();
    expect(getAttributionInfo(second)).toEqual(['', '', 1894719910, 'https://search.example.net/']); // the clock moved 1 s
  });

  it('first referrer: the stored campaign and referrer are kept', async () => {
    const { hits } = setup(LANDING, 'https://first.example.net/');
    const t = tracker();
    setConversionAttributionFirstReferrer(t, true);
    trackPageView(t);
    await hits();
    endSession();
    vi.setSystemTime(NOW + 3_600_000);
    setPage('https://www.example.com/?pk_campaign=Autumn', { referrer: 'https://second.example.net/' });
    const later = tracker();
    setConversionAttributionFirstReferrer(later, true);
    trackGoal(later, 1);
    const [, goal] = await hits();
    expect(goal.get('_rcn')).toBe('Spring Sale');
    expect(goal.get('_ref')).toBe('https://first.example.net/');
    setConversionAttributionFirstReferrer(later, false);
    expect(later._firstReferrer).toBe(false);
  });
});
