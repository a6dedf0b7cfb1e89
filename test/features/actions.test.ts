import { afterEach, describe, expect, it } from 'vitest';
import {
  addTracker,
  deleteCustomDimension,
  getCustomDimension,
  getUserId,
  getVisitorId,
  resetUserId,
  setCustomDimension,
  setUserId,
  trackEvent,
  trackGoal,
  trackPageView,
  trackSiteSearch,
  type Tracker,
} from '../../src/index';
import { actionPart, setup, teardown, tracker } from './support';
import { said } from '../warnings';

afterEach(teardown);

// bad input from untyped callers (the _paq queue, plain JavaScript)
const any = (value: unknown) => value as never;

describe('trackEvent (§6.2)', () => {
  it('sends e_c, e_a, e_n, e_v, ca=1 in order, on the page view (TV-03)', async () => {
    const { hits } = setup();
    const t = tracker();
    trackPageView(t);
    trackEvent(t, 'Videos', 'Play', 'Intro', 12.5);
    const [view, event] = await hits();
    expect(event.raw).toMatch(/^e_c=Videos&e_a=Play&e_n=Intro&e_v=12\.5&ca=1&idsite=1&rec=1&r=\d+&h=\d+&m=\d+&s=\d+&url=/);
    expect(event.raw).toContain(
      '&url=https%3A%2F%2Fwww.example.com%2Fproducts%3Fid%3D5&urlref=https%3A%2F%2Fwww.google.com%2F&_id=' +
        view.get('_id') +
        '&_idn=0&send_image=0&_refts=1894716309&_ref=https%3A%2F%2Fwww.google.com%2F',
    );
    expect(event.get('pv_id')).toBe(view.get('pv_id'));
    expect(event.keys).not.toContain('action_name');
  });

  it('leaves out a missing name or value, never sends null (TV-04)', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    trackEvent(t, 'Videos', 'Play', any(null));
    trackEvent(t, 'Videos', 'Play');
    trackEvent(t, 'Videos', 'Play', undefined, 0);
    const sent = await hits();
    expect(sent.map(actionPart)).toEqual(['e_c=Videos&e_a=Play&ca=1', 'e_c=Videos&e_a=Play&ca=1', 'e_c=Videos&e_a=Play&e_v=0&ca=1']);
    expect(warnings()).toEqual([]);
  });

  it('trims white space and accepts numbers and numeric strings', async () => {
    const { hits } = setup();
    const t = tracker();
    trackEvent(t, '  Videos ', '\tPlay\n', ' Intro ', ' 1.5 ');
    trackEvent(t, any(2024), any(7), any(3), '1e3');
    trackEvent(t, 'A', 'B', 'é & ü', -2);
    expect((await hits()).map(actionPart)).toEqual([
      'e_c=Videos&e_a=Play&e_n=Intro&e_v=1.5&ca=1',
      'e_c=2024&e_a=7&e_n=3&e_v=1e3&ca=1',
      'e_c=A&e_a=B&e_n=%C3%A9%20%26%20%C3%BC&e_v=-2&ca=1',
    ]);
  });

  it('refuses an empty category or action and a non-numeric value: warning, no hit (TV-04)', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    trackEvent(t, '', 'Play');
    trackEvent(t, '   ', 'Play');
    trackEvent(t, 'Videos', '');
    trackEvent(t, any({}), 'Play');
    trackEvent(t, 'Videos', any(undefined));
    trackEvent(t, 'Videos', 'Play', 'Intro', 'twelve');
    trackEvent(t, 'Videos', 'Play', 'Intro', NaN);
    trackEvent(t, 'Videos', 'Play', 'Intro', any(true));
    trackEvent(any(undefined), 'Videos', 'Play');
    expect(await hits()).toEqual([]);
    expect(warnings()).toEqual(said([
      'trackEvent: category must be a non-empty string, got ""; ignored',
      'trackEvent: category must be a non-empty string, got "   "; ignored',
      'trackEvent: action must be a non-empty string, got ""; ignored',
      'trackEvent: category must be a non-empty string, got [object Object]; ignored',
      'trackEvent: action must be a non-empty string, got undefined; ignored',
      'trackEvent: value must be a number, got "twelve"; ignored',
      'trackEvent: value must be a number, got NaN; ignored',
      'trackEvent: value must be a number, got true; ignored',
      'trackEvent: first argument must be a tracker from createTracker(), got undefined; ignored',
    ]));
  });

  it('sends customData: dimensionN for this hit, the rest as data', async () => {
    const { hits } = setup();
    const t = tracker();
    setCustomDimension(t, 2, 'kept');
    trackEvent(t, 'C', 'A', undefined, undefined, { dimension2: 'once', plan: 'pro' });
    trackEvent(t, 'C', 'A');
    const [first, second] = await hits();
    expect(first.raw).toContain('&dimension2=once&data=%7B%22plan%22%3A%22pro%22%7D&');
    expect(second.raw).toContain('&dimension2=kept&');
    expect(second.keys).not.toContain('data');
  });
});

describe('trackSiteSearch (§6.3, TV-05)', () => {
  it('sends search, search_cat when truthy, search_count when a number; no ca, no new pv_id', async () => {
    const { hits } = setup();
    const t = tracker();
    trackPageView(t);
    trackSiteSearch(t, 'No result keyword éà', 'Search cat', 0);
    trackSiteSearch(t, 'kw', false, 10);
    trackSiteSearch(t, 'search Keyword');
    const [view, ...searches] = await hits();
    expect(searches.map(actionPart)).toEqual([
      'search=No%20result%20keyword%20%C3%A9%C3%A0&search_cat=Search%20cat&search_count=0',
      'search=kw&search_count=10',
      'search=search%20Keyword',
    ]);
    for (const s of searches) {
      expect(s.keys).not.toContain('ca');
      expect(s.keys).not.toContain('action_name');
      expect(s.get('pv_id')).toBe(view.get('pv_id'));
    }
  });

  it('refuses an empty keyword or a bad result count', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    trackSiteSearch(t, '');
    trackSiteSearch(t, any(undefined));
    trackSiteSearch(t, 'kw', 'cat', -1);
    trackSiteSearch(t, 'kw', 'cat', any('many'));
    expect(await hits()).toEqual([]);
    expect(warnings()).toEqual(said([
      'trackSiteSearch: keyword must be a non-empty string, got ""; ignored',
      'trackSiteSearch: keyword must be a non-empty string, got undefined; ignored',
      'trackSiteSearch: resultsCount must be an integer >= 0, got -1; ignored',
      'trackSiteSearch: resultsCount must be an integer >= 0, got "many"; ignored',
    ]));
  });
});

describe('trackGoal (§6.4, TV-06)', () => {
  it('sends idgoal and a non-zero revenue', async () => {
    const { hits } = setup();
    const t = tracker();
    trackGoal(t, 42, 69);
    trackGoal(t, 3, 0);
    trackGoal(t, '7', '12.50', { dimension1: 'x' });
    const sent = await hits();
    expect(sent.map(actionPart)).toEqual(['idgoal=42&revenue=69', 'idgoal=3', 'idgoal=7&revenue=12.50']);
    expect(sent[2].raw).toContain('&dimension1=x&');
    expect(sent[0].keys).not.toContain('ca');
  });

  it('refuses a goal id that is not an integer > 0 and a non-numeric revenue', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    trackGoal(t, 0);
    trackGoal(t, any(undefined));
    trackGoal(t, 1.5);
    trackGoal(t, 'abc');
    trackGoal(t, 1, 'lots');
    expect(await hits()).toEqual([]);
    expect(warnings()).toEqual(said([
      'trackGoal: idGoal must be an integer > 0, got 0; ignored',
      'trackGoal: idGoal must be an integer > 0, got undefined; ignored',
      'trackGoal: idGoal must be an integer > 0, got 1.5; ignored',
      'trackGoal: idGoal must be an integer > 0, got "abc"; ignored',
      'trackGoal: revenue must be a number, got "lots"; ignored',
    ]));
  });
});

describe('custom dimensions (§6.6)', () => {
  it('are sent on every later hit in ascending id order until deleted', async () => {
    const { hits } = setup();
    const t = tracker();
    setCustomDimension(t, 10, 'ten');
    setCustomDimension(t, '2', 'two');
    setCustomDimension(t, 1, 'my custom value with éàç&*() EOL');
    setCustomDimension(t, 3);
    expect(getCustomDimension(t, 2)).toBe('two');
    expect(getCustomDimension(t, '3')).toBe('');
    expect(getCustomDimension(t, 4)).toBeUndefined();
    trackPageView(t);
    deleteCustomDimension(t, 10);
    trackPageView(t);
    const [first, second] = await hits();
    expect(first.raw).toContain(
      '&dimension1=my%20custom%20value%20with%20%C3%A9%C3%A0%C3%A7%26*()%20EOL&dimension2=two&dimension3=&dimension10=ten&pv_id=',
    );
    expect(second.keys.filter((k) => k.startsWith('dimension'))).toEqual(['dimension1', 'dimension2', 'dimension3']);
    expect(getCustomDimension(t, 10)).toBeUndefined();
  });

  it('refuses ids that are not integers > 0 and object values', () => {
    const { warnings } = setup();
    const t = tracker();
    setCustomDimension(t, 0, 'x');
    setCustomDimension(t, any('one'), 'x');
    setCustomDimension(t, 1, any({ a: 1 }));
    setCustomDimension(t, 1, NaN);
    getCustomDimension(t, -1);
    deleteCustomDimension(t, any(null));
    expect(t._dims).toEqual({});
    expect(warnings()).toEqual(said([
      'setCustomDimension: id must be an integer > 0, got 0; ignored',
      'setCustomDimension: id must be an integer > 0, got "one"; ignored',
      'setCustomDimension: value must be a string, got [object Object]; ignored',
      'setCustomDimension: value must be a string, got NaN; ignored',
      'getCustomDimension: id must be an integer > 0, got -1; ignored',
      'deleteCustomDimension: id must be an integer > 0, got null; ignored',
    ]));
  });
});

describe('user id (§3.5, §6.8)', () => {
  it('sends uid on every later hit until reset, without changing the visitor id', async () => {
    const { hits, warnings } = setup();
    const t = tracker();
    const visitor = getVisitorId(t);
    setUserId(t, 'user@example.com');
    expect(getUserId(t)).toBe('user@example.com');
    trackEvent(t, 'C', 'A');
    resetUserId(t);
    trackEvent(t, 'C', 'A');
    setUserId(t, '');
    setUserId(t, any({}));
    const [withUid, without] = await hits();
    expect(withUid.raw).toContain('&uid=user%40example.com&_id=' + visitor + '&');
    expect(without.keys).not.toContain('uid');
    expect(getUserId(t)).toBeUndefined();
    expect(warnings()).toEqual(said([
      'setUserId: userId must be a non-empty string, got ""; ignored',
      'setUserId: userId must be a non-empty string, got [object Object]; ignored',
    ]));
  });
});

describe('addTracker (§11.4)', () => {
  it('sends every later hit to the added site too, with its own id and cookies, the same pv_id', async () => {
    const { hits } = setup();
    const t = tracker();
    trackPageView(t);
    const second = addTracker(t, 'https://other.example.net/matomo.php', 7) as Tracker;
    const same = addTracker(t, undefined, '3') as Tracker;
    trackEvent(t, 'Videos', 'Play');
    const sent = await hits();
    const events = sent.filter((h) => h.get('e_c'));
    expect(sent).toHaveLength(4);
    expect(events.map((h) => [h.url.split('?')[0], h.get('idsite')]).sort()).toEqual([
      ['https://matomo.example.com/matomo.php', '1'],
      ['https://matomo.example.com/matomo.php', '3'],
      ['https://other.example.net/matomo.php', '7'],
    ]);
    for (const h of events) {
      expect(actionPart(h)).toBe('e_c=Videos&e_a=Play&ca=1');
      expect(h.get('pv_id')).toBe(sent[0].get('pv_id'));
    }
    const ids = new Set(events.map((h) => h.get('_id')));
    expect(ids.size).toBe(3);
    expect(getVisitorId(second)).toBe(events.find((h) => h.get('idsite') == '7')!.get('_id'));
    expect(document.cookie).toMatch(/_pk_id\.7\.2a0b=/);
    expect(document.cookie).toMatch(/_pk_id\.3\.2a0b=/);
    // the added trackers keep their own state
    setUserId(same, 'only-on-3');
    trackGoal(t, 1);
    const goals = (await hits()).filter((h) => h.get('idgoal'));
    expect(goals.map((h) => h.get('uid') ?? '-').sort()).toEqual(['-', '-', 'only-on-3']);
  });

  it('refuses a bad site id or tracker URL', () => {
    const { warnings } = setup();
    const t = tracker();
    expect(addTracker(t, undefined, 0)).toBeUndefined();
    expect(addTracker(t, 'ftp://x/', 2)).toBeUndefined();
    expect(t._also).toBeUndefined();
    expect(warnings()).toEqual(said([
      'addTracker: siteId must be an integer > 0, got 0; ignored',
      'addTracker: trackerUrl must be an http(s) URL, got "ftp://x/"; ignored',
    ]));
  });
});
