import { afterEach, describe, expect, it } from 'vitest';
import { appendToTrackingUrl, enableFileTracking, requireConsent, setConsentGiven, trackEvent, trackPageView, trackRequest } from '../../src/index';
import { setPage } from '../helpers';
import { actionPart, setup, teardown, tracker } from './support';
import { said } from '../warnings';

afterEach(teardown);

describe('appendToTrackingUrl (§6.9, §2.1 #25)', () => {
  it('adds the string verbatim to every later hit, after pv_id and before page-view pf_* and consent', async () => {
    const { hits } = setup();
    const t = tracker();
    requireConsent(t);
    setConsentGiven(t);
    appendToTrackingUrl(t, '&new_visit=1&lang=fr%2Dch');
    trackPageView(t);
    trackEvent(t, 'c', 'a');
    const all = await hits();
    expect(all).toHaveLength(2);
    for (const hit of all) expect(hit.raw).toMatch(/&pv_id=\w{6}&new_visit=1&lang=fr%2Dch(&pf_[^&]+)*&consent=1&/);
  });

  it('replaces the previous string, removes it with "", and refuses what is not an encoded query', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    appendToTrackingUrl(t, 'a=1');
    appendToTrackingUrl(t, '?bots=1');
    appendToTrackingUrl(t, 'a b=1');
    appendToTrackingUrl(t, 7 as never);
    trackEvent(t, 'c', 'a');
    appendToTrackingUrl(t, '');
    trackEvent(t, 'c', 'b');
    const [first, second] = await hits();
    expect(first.get('bots')).toBe('1');
    expect(first.keys).not.toContain('a');
    expect(second.keys).not.toContain('bots');
    expect(warnings()).toEqual(said([
      'appendToTrackingUrl: queryString must be an encoded query string like "a=1&b=2", got "a b=1"; ignored',
      'appendToTrackingUrl: queryString must be an encoded query string like "a=1&b=2", got 7; ignored',
    ]));
  });
});

describe('trackRequest (§6.9)', () => {
  it('sends the query as the action part, then the standard part with customData', async () => {
    const { hits } = setup();
    const t = tracker();
    trackRequest(t, '?e_c=Shop&e_a=Open%20cart&ca=1', { dimension2: 'b', k: 1 });
    const [hit] = await hits();
    expect(actionPart(hit)).toBe('e_c=Shop&e_a=Open%20cart&ca=1');
    expect(hit.get('dimension2')).toBe('b');
    expect(hit.get('data')).toBe('{"k":1}');
  });

  it('refuses an empty or unencoded query and a hit the server would reject', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    trackRequest(t, '');
    trackRequest(t, 'a=ü');
    trackRequest(t, 'e_c=x');
    expect(await hits()).toEqual([]);
    expect(warnings()).toEqual(said([
      'trackRequest: queryString must be an encoded query string like "a=1&b=2", got ""; ignored',
      'trackRequest: queryString must be an encoded query string like "a=1&b=2", got "a=ü"; ignored',
      'trackRequest: e_a must be a non-empty string; hit not sent',
    ]));
  });
});

describe('enableFileTracking (§1.10)', () => {
  it('sends nothing from a file: page, warning once per call, until enableFileTracking', async () => {
    const { hits, warnings } = setup();
    setPage('file:///home/me/site/index.html');
    const t = tracker();
    trackPageView(t);
    trackPageView(t);
    expect(await hits()).toEqual([]);
    expect(warnings()).toEqual(said(['trackPageView: file: page; hit not sent without enableFileTracking']));
    enableFileTracking(t);
    trackPageView(t);
    const [hit] = await hits();
    expect(hit.get('url')).toBe('file:///home/me/site/index.html');
  });
});
