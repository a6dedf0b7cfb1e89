import { afterEach, describe, expect, it } from 'vitest';
import {
  disableCampaignParameters,
  discardHashTag,
  requireConsent,
  setCampaignNameKey,
  setReferrerUrl,
  trackEvent,
  trackPageView,
} from '../../src/index';
import { setup, teardown, tracker } from './support';
import { said } from '../warnings';

afterEach(teardown);

const LANDING = 'https://www.example.com/?utm_campaign=Spring&mtm_cid=7&cmp=x&pk_vid=1&id=5#?pk_kwd=k&b=2';
const REFERRER = 'https://blog.example.org/post?utm_source=mail&q=1#top';

describe('disableCampaignParameters (§5.5)', () => {
  it('strips campaign parameters from url, urlref and _ref and detects no campaign', async () => {
    const { hits } = setup(LANDING, REFERRER);
    const t = tracker();
    setCampaignNameKey(t, ['cmp']);
    disableCampaignParameters(t);
    trackPageView(t);
    const [hit] = await hits();
    expect(hit.get('url')).toBe('https://www.example.com/?id=5#?b=2');
    expect(hit.get('urlref')).toBe('https://blog.example.org/post?q=1#top');
    expect(hit.get('_ref')).toBe('https://blog.example.org/post?q=1#top');
    expect(hit.keys).not.toContain('_rcn');
    expect(hit.keys).not.toContain('_rck');
    expect(document.cookie).not.toContain('Spring');
  });

  it('has no effect while consent is required', async () => {
    const { hits } = setup(LANDING, REFERRER);
    const t = tracker();
    disableCampaignParameters(t);
    requireConsent(t);
    trackPageView(t);
    expect(await hits()).toEqual([]);
    // the held hit is built as without disableCampaignParameters
    const held = t._held![0];
    expect(new URLSearchParams(held).get('url')).toBe('https://www.example.com/?utm_campaign=Spring&mtm_cid=7&cmp=x&id=5#?pk_kwd=k&b=2');
    expect(new URLSearchParams(held).get('_rcn')).toBe('Spring');
  });

  it('refuses a call without a tracker', () => {
    const { warnings } = setup();
    disableCampaignParameters({} as never);
    expect(warnings()).toEqual(said(['disableCampaignParameters: first argument must be a tracker from createTracker(), got [object Object]; ignored']));
  });
});

describe('discardHashTag (§2.8 step 4)', () => {
  it('drops the fragment from url, urlref and _ref, and keeps it again after false', async () => {
    const { hits, warnings } = setup('https://www.example.com/a?x=1#section', 'https://blog.example.org/p#c');
    const t = tracker();
    discardHashTag(t, true);
    trackPageView(t);
    setReferrerUrl(t, 'https://other.example.net/#x');
    discardHashTag(t, false);
    trackEvent(t, 'c', 'a');
    discardHashTag(t, 'yes' as never);
    const [view, event] = await hits();
    expect([view.get('url'), view.get('urlref'), view.get('_ref')]).toEqual(['https://www.example.com/a?x=1', 'https://blog.example.org/p', 'https://blog.example.org/p']);
    expect([event.get('url'), event.get('urlref')]).toEqual(['https://www.example.com/a?x=1#section', 'https://other.example.net/#x']);
    expect(warnings()).toEqual(said(['discardHashTag: enable must be true or false, got "yes"; ignored']));
  });
});
