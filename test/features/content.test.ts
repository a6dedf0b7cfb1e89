// Content tracking (PROTOCOL.md §8.3–§8.6, TV-21–TV-23) in happy-dom, with a
// stand-in IntersectionObserver the tests drive; e2e/content.spec.ts checks
// the real one in Chromium.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  clearTrackedContentImpressions,
  logAllContentBlocksOnPage,
  trackAllContentImpressions,
  trackContentImpression,
  trackContentImpressionsWithinNode,
  trackContentInteraction,
  trackContentInteractionNode,
  trackPageView,
  trackSiteSearch,
  trackVisibleContentImpressions,
  type Tracker,
} from '../../src/index';
import { actionPart, setup, teardown, tracker } from './support';
import { said } from '../warnings';

/** An IntersectionObserver whose reports the test makes: `enter(...elements)`. */
class FakeObserver {
  static all: FakeObserver[] = [];
  targets = new Set<Element>();
  constructor(readonly callback: (entries: { isIntersecting: boolean; target: Element; boundingClientRect: DOMRectReadOnly }[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
}

/** Reports these elements as intersecting (or not) to every observer watching them, in one callback each. */
function enter(elements: Element[], isIntersecting = true) {
  for (const observer of FakeObserver.all) {
    const entries = elements
      .filter((e) => observer.targets.has(e))
      .map((target) => ({ isIntersecting, target, boundingClientRect: target.getBoundingClientRect() }));
    if (entries.length) observer.callback(entries);
  }
}

const watched = () => FakeObserver.all.flatMap((o) => [...o.targets]);
const $ = (id: string) => document.getElementById(id)!;
const $$ = (...ids: string[]) => ids.map($);
const any = (value: unknown) => value as never;

/** The mutation observer's callbacks run as microtasks. */
const mutations = () => vi.advanceTimersByTimeAsync(0);

let page: ReturnType<typeof setup>;
let t: Tracker;
const stops: (() => void)[] = [];

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  page = setup('https://www.example.com/');
  // the impressions of one task are built for at most a few ms: a frozen clock leaves only the bulk limit
  vi.useFakeTimers({ now: Date.now(), toFake: ['Date', 'setTimeout', 'clearTimeout', 'performance'] });
  t = tracker();
});
afterEach(() => {
  // each test's tracker leaves the document as it found it
  for (const stop of stops.splice(0)) stop();
  document.body.innerHTML = '';
  teardown();
});

/** TV-21's markup, with ids. */
const TV21 =
  '<img id="b1" src="/banner.jpg" data-track-content data-content-name="Spring banner">' +
  '<a id="b2" href="https://ads.example.net/land" data-track-content><img id="img2" src="img2-en.jpg" data-content-piece="img.jpg"></a>' +
  '<div id="b3" data-track-content data-content-name="My Ad"><img src="https://cdn.example.net/x.jpg" data-content-piece><a id="go" href="/anylink" data-content-target>go</a><span id="other">x</span></div>' +
  '<div id="b4" data-track-content><p id="text">text</p></div>';

const IMPRESSIONS = [
  'c_n=Spring%20banner&c_p=https%3A%2F%2Fwww.example.com%2Fbanner.jpg&ca=1',
  'c_n=img.jpg&c_p=img.jpg&c_t=https%3A%2F%2Fads.example.net%2Fland&ca=1',
  'c_n=My%20Ad&c_p=https%3A%2F%2Fcdn.example.net%2Fx.jpg&c_t=https%3A%2F%2Fwww.example.com%2Fanylink&ca=1',
  'c_n=Unknown&c_p=Unknown&ca=1',
];

const visible = () => stops[stops.push(trackVisibleContentImpressions(t)) - 1]!;
const all = () => stops[stops.push(trackAllContentImpressions(t)) - 1]!;

/** The action parts of the hits sent since the last call. */
let seen = 0;
async function sent(): Promise<string[]> {
  const hits = await page.hits();
  return hits.slice(seen, (seen = hits.length)).map(actionPart);
}
beforeEach(() => {
  seen = 0;
});

describe('trackAllContentImpressions (§8.4, TV-21)', () => {
  it('sends every block at once, in one bulk request, in document order', async () => {
    document.body.innerHTML = TV21;
    all();
    const hits = await page.hits();
    expect(hits.map(actionPart)).toEqual(IMPRESSIONS);
    expect(page.sent).toHaveLength(1);
    expect(JSON.parse(page.sent[0]!.body).requests).toHaveLength(4);
    for (const hit of hits) expect(hit.keys.slice(hit.keys.indexOf('ca'), hit.keys.indexOf('ca') + 2)).toEqual(['ca', 'idsite']);
  });

  it('splits many blocks at the bulk limit, 50 hits per request', async () => {
    for (let i = 0; i < 120; i++) {
      const div = document.createElement('div');
      div.setAttribute('data-track-content', '');
      div.setAttribute('data-content-name', 'B' + i);
      document.body.append(div);
    }
    all();
    expect(await page.hits()).toHaveLength(120);
    expect(page.sent.map((s) => JSON.parse(s.body).requests.length)).toEqual([50, 50, 20]);
  });

  it('sends a block once per page view: not on a second scan, again after trackPageView, trackSiteSearch or clearTrackedContentImpressions', async () => {
    document.body.innerHTML = TV21;
    all();
    all();
    expect(await sent()).toEqual(IMPRESSIONS);
    // the same (name, piece, target) in another block counts as seen
    document.body.insertAdjacentHTML('beforeend', '<p data-track-content data-content-name="My Ad" data-content-piece="https://cdn.example.net/x.jpg" data-content-target="https://www.example.com/anylink"></p>');
    all();
    expect(await sent()).toEqual([]);
    trackPageView(t);
    all();
    expect((await sent()).slice(1)).toEqual(IMPRESSIONS);
    trackSiteSearch(t, 'ads');
    all();
    expect((await sent()).slice(1)).toEqual(IMPRESSIONS);
    clearTrackedContentImpressions(t);
    all();
    expect(await sent()).toEqual(IMPRESSIONS);
  });

  it('waits for the document to be parsed', async () => {
    Object.defineProperty(document, 'readyState', { configurable: true, value: 'loading' });
    document.body.innerHTML = TV21;
    all();
    expect(await sent()).toEqual([]);
    delete (document as { readyState?: string }).readyState;
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(await sent()).toEqual(IMPRESSIONS);
  });

  it('carries the page view id of the current page view', async () => {
    document.body.innerHTML = TV21;
    trackPageView(t);
    all();
    const [view, ...impressions] = await page.hits();
    for (const hit of impressions) expect(hit.get('pv_id')).toBe(view!.get('pv_id'));
  });
});

describe('trackVisibleContentImpressions (§8.4, §8.5)', () => {
  it('watches every block and sends those that enter the viewport, once each, those of one report in one request', async () => {
    document.body.innerHTML = TV21;
    visible();
    expect(watched()).toEqual($$('b1', 'b2', 'b3', 'b4'));
    expect(await sent()).toEqual([]);
    enter($$('b3', 'b1'));
    expect(await sent()).toEqual([IMPRESSIONS[2], IMPRESSIONS[0]]);
    expect(page.sent).toHaveLength(1);
    // done with them
    expect(watched()).toEqual($$('b2', 'b4'));
    enter($$('b2', 'b4'), false);
    expect(await sent()).toEqual([]);
    enter($$('b4'));
    expect(await sent()).toEqual([IMPRESSIONS[3]]);
  });

  it('impresses many blocks entering at once a bulk body\'s worth per task: the first right after the report, the others each in a task of its own', async () => {
    for (let i = 0; i < 120; i++) {
      const div = document.createElement('div');
      div.setAttribute('data-track-content', '');
      div.setAttribute('data-content-name', 'B' + i);
      document.body.append(div);
    }
    visible();
    enter(watched());
    expect(t._queue).toHaveLength(0);
    await Promise.resolve();
    // built in the report's task, after it
    expect(t._queue).toHaveLength(50);
    expect(await sent()).toHaveLength(120);
    expect(page.sent.map((s) => JSON.parse(s.body).requests.length)).toEqual([50, 50, 20]);
  });

  it('builds impressions for at most 10 ms a task, at least one: a slow page makes no long task', async () => {
    for (let i = 0; i < 12; i++) {
      const div = document.createElement('div');
      div.setAttribute('data-track-content', '');
      div.setAttribute('data-content-name', 'B' + i);
      document.body.append(div);
    }
    visible();
    // every look at the clock finds 2 ms more
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 2));
    enter(watched());
    await Promise.resolve();
    // the report's task built a 10 ms slice, the rest waits for later tasks
    expect(t._queue).toHaveLength(5);
    expect(await sent()).toHaveLength(12);
  });

  it('never sends a block that is not drawn when it enters: display none, visibility hidden, opacity 0, zero size with overflow hidden', async () => {
    document.body.innerHTML =
      '<div id="h1" data-track-content data-content-name="h1" style="display:none"></div>' +
      '<div style="opacity:0"><div id="h2" data-track-content data-content-name="h2"></div></div>' +
      '<div id="h3" data-track-content data-content-name="h3" style="visibility:hidden"></div>' +
      '<div id="h4" data-track-content data-content-name="h4" style="overflow:hidden"></div>' +
      '<div id="v1" data-track-content data-content-name="v1"></div>';
    visible();
    enter($$('h1', 'h2', 'h3', 'h4', 'v1'));
    // happy-dom lays nothing out: every box is 0×0, so only overflow decides for size
    expect(await sent()).toEqual(['c_n=v1&c_p=Unknown&ca=1']);
    expect(watched()).toEqual($$('h1', 'h2', 'h3', 'h4'));
  });

  it('checks a block that entered hidden again when a class or style changes, and sends it once it is shown', async () => {
    document.body.innerHTML = '<div id="wrap" class="faded" style="opacity:0"><div id="slide" data-track-content data-content-name="Slide"></div></div>';
    visible();
    enter($$('slide'));
    expect(await sent()).toEqual([]);
    $('wrap').className = 'still-faded';
    await mutations();
    // still hidden: still waiting, watched as before
    expect(watched()).toEqual($$('slide'));
    const observer = FakeObserver.all[0]!;
    $('wrap').removeAttribute('style');
    await mutations();
    // watched anew: the observer reports it again (a real one does at once)
    expect(observer.targets.has($('slide')) || watched().includes($('slide'))).toBe(true);
    enter($$('slide'));
    expect(await sent()).toEqual(['c_n=Slide&c_p=Unknown&ca=1']);
  });

  it('watches blocks added later, inside added subtrees too, and forgets blocks removed', async () => {
    document.body.innerHTML = '<div id="old" data-track-content data-content-name="Old"></div>';
    visible();
    const section = document.createElement('section');
    const inner = document.createElement('div');
    inner.id = 'late';
    inner.className = 'matomoTrackContent';
    inner.setAttribute('data-content-name', 'Late');
    section.append(document.createElement('p'), inner);
    document.body.append(section);
    const direct = document.createElement('div');
    direct.setAttribute('data-track-content', '');
    direct.setAttribute('data-content-name', 'Direct');
    document.body.append(direct);
    await mutations();
    expect(watched()).toEqual([$('old'), inner, direct]);
    enter([inner, direct]);
    expect(await sent()).toEqual(['c_n=Late&c_p=Unknown&ca=1', 'c_n=Direct&c_p=Unknown&ca=1']);
    $('old').remove();
    await mutations();
    expect(watched()).toEqual([]);
  });

  it('starts over at each page view: the blocks in view are sent again with the new page view id', async () => {
    document.body.innerHTML = TV21;
    visible();
    trackPageView(t);
    enter($$('b1'));
    const [view1, first] = await page.hits();
    expect(first!.get('pv_id')).toBe(view1!.get('pv_id'));
    expect(watched()).toEqual($$('b2', 'b3', 'b4'));
    trackPageView(t);
    // every block watched again: the observer reports those in view at once
    expect(watched()).toEqual($$('b2', 'b3', 'b4', 'b1'));
    enter($$('b1'));
    const [, , view2, again] = await page.hits();
    expect(actionPart(again!)).toBe(IMPRESSIONS[0]);
    expect(again!.get('pv_id')).toBe(view2!.get('pv_id'));
    expect(view2!.get('pv_id')).not.toBe(view1!.get('pv_id'));
  });

  it('accepts matomo.js\'s checkOnScroll and timeInterval and sets no timer, no listener for them', async () => {
    const timers = vi.getTimerCount();
    const listen = vi.spyOn(window, 'addEventListener');
    document.body.innerHTML = TV21;
    stops.push(trackVisibleContentImpressions(t, true, 750));
    stops.push(trackVisibleContentImpressions(t, false, 0));
    expect(vi.getTimerCount()).toBe(timers);
    expect(listen).not.toHaveBeenCalled();
    expect(watched()).toHaveLength(4);
    expect(page.warnings()).toEqual([]);
  });

  it('stop() ends everything: observers, hooks and the click listener; a stale stop() stops nothing', async () => {
    document.body.innerHTML = TV21;
    const stop = visible();
    expect(t._onPageView).toHaveLength(1);
    expect(t._onSiteSearch).toHaveLength(1);
    expect(t._linkParams).toHaveLength(1);
    stop();
    expect(watched()).toEqual([]);
    expect(t._visible).toBeUndefined();
    expect(t._content).toBeUndefined();
    expect([t._onPageView, t._onSiteSearch, t._linkParams]).toEqual([[], [], []]);
    document.body.insertAdjacentHTML('beforeend', '<div data-track-content></div>');
    await mutations();
    expect(watched()).toEqual([]);
    $('go').click();
    expect(await sent()).toEqual([]);
    // started again: the old stop() leaves the new tracking alone
    visible();
    stop();
    expect(watched()).toHaveLength(5);
  });

  it('sends nothing without IntersectionObserver, and throws nothing', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    document.body.innerHTML = TV21;
    visible();
    expect(await sent()).toEqual([]);
  });
});

describe('trackContentImpressionsWithinNode (§8.4)', () => {
  it('sends the blocks in the node at once, or watches them once visible ones are tracked', async () => {
    document.body.innerHTML = `<section id="s">${TV21}</section><div id="outside" data-track-content></div>`;
    stops.push(trackContentImpressionsWithinNode(t, $('b3')));
    expect(await sent()).toEqual([IMPRESSIONS[2]]);
    visible();
    clearTrackedContentImpressions(t);
    const shadow = $('outside').attachShadow({ mode: 'open' });
    const hidden = document.createElement('div');
    hidden.setAttribute('data-track-content', '');
    shadow.append(hidden);
    stops.push(trackContentImpressionsWithinNode(t, shadow));
    expect(watched()).toContain(hidden);
  });

  it('refuses what is not a node', async () => {
    for (const bad of [null, 'div', {}]) stops.push(trackContentImpressionsWithinNode(t, any(bad)));
    expect(await sent()).toEqual([]);
    expect(page.warnings()).toEqual(
      said([
        'trackContentImpressionsWithinNode: node must be an element, got null; ignored',
        'trackContentImpressionsWithinNode: node must be an element, got "div"; ignored',
        'trackContentImpressionsWithinNode: node must be an element, got [object Object]; ignored',
      ]),
    );
  });
});

describe('interactions (§8.6, TV-22, TV-23)', () => {
  // happy-dom follows links: the page stays where it is
  const stay = (event: Event) => event.preventDefault();
  beforeEach(() => document.addEventListener('click', stay, true));
  afterEach(() => document.removeEventListener('click', stay, true));
  const click = (element: Element) => element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

  it('a click on a block\'s target sends c_i=click with the impression\'s values (TV-23)', async () => {
    document.body.innerHTML = TV21;
    visible();
    click($('go'));
    click($('text'));
    expect(await sent()).toEqual(['c_i=click&' + IMPRESSIONS[2], 'c_i=click&' + IMPRESSIONS[3]]);
  });

  it('a click outside the explicit target node, or on a target marked to ignore interactions, sends nothing', async () => {
    document.body.innerHTML =
      TV21 +
      '<div data-track-content data-content-name="A"><a id="ig1" data-content-target data-content-ignoreinteraction>x</a></div>' +
      '<div id="ig2" data-track-content class="piwikContentIgnoreInteraction" data-content-name="B">x</div>' +
      '<div data-track-content data-content-name="C"><b id="ig3" class="matomoContentTarget matomoContentIgnoreInteraction">x</b></div>' +
      '<p id="nothing">x</p>';
    all();
    await sent();
    for (const id of ['other', 'ig1', 'ig2', 'ig3', 'nothing']) click($(id));
    expect(await sent()).toEqual([]);
  });

  it('a click inside an open shadow root counts for the block around its host, and for a target inside it', async () => {
    document.body.innerHTML = '<div data-track-content data-content-name="Widget"><span id="host"></span></div><div id="other">x</div>';
    const root = $('host').attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    const inner = document.createElement('div');
    inner.setAttribute('data-track-content', '');
    inner.setAttribute('data-content-name', 'Inner');
    const target = document.createElement('a');
    target.setAttribute('data-content-target', 'https://x.example.org/');
    const outside = document.createElement('i');
    inner.append(target, outside);
    root.append(button, inner);
    visible();
    const composed = (element: Element) => element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    composed(button);
    composed(target);
    composed(outside);
    expect(await sent()).toEqual(['c_i=click&c_n=Widget&c_p=Unknown&ca=1', 'c_i=click&c_n=Inner&c_p=Unknown&c_t=https%3A%2F%2Fx.example.org%2F&ca=1']);
  });

  it('the innermost block of nested blocks gets the click', async () => {
    document.body.innerHTML = '<div data-track-content data-content-name="Out"><div data-track-content data-content-name="In"><b id="b">x</b></div></div>';
    visible();
    click($('b'));
    expect(await sent()).toEqual(['c_i=click&c_n=In&c_p=Unknown&ca=1']);
  });

  it('a tracked link: no interaction of its own, the link hit carries the content part (TV-22)', async () => {
    document.body.innerHTML = TV21;
    visible();
    // what link tracking does while it is on (features/links.ts): the kind of
    // the hit a click sends, and the content part appended to it
    t._linkKind = (element) => (element.closest('a')?.getAttribute('href')?.startsWith('https://ads.') ? 'link' : undefined);
    click($('img2'));
    expect(await sent()).toEqual([]);
    const link = $('b2');
    expect(t._linkParams.flatMap((part) => part(link))).toEqual([
      ['c_i', 'click'],
      ['c_n', 'img.jpg'],
      ['c_p', 'img.jpg'],
      ['c_t', 'https://ads.example.net/land'],
      ['ca', 1],
    ]);
    expect(t._linkParams.flatMap((part) => part($('img2')))).toEqual(t._linkParams.flatMap((part) => part(link)));
    // an internal target is not a tracked link: the interaction goes on its own
    click($('go'));
    expect(await sent()).toEqual(['c_i=click&' + IMPRESSIONS[2]]);
  });

  it('the link hit\'s content part: the link\'s URL when the block has no target, nothing outside the target node or a block', () => {
    document.body.innerHTML =
      '<div data-track-content data-content-name="Teaser"><a id="l1" href="https://partner.example.org/offer">x</a></div>' +
      '<div data-track-content data-content-name="T"><a id="l2" href="https://x.example.org/">x</a><a data-content-target href="/t">t</a></div>' +
      '<a id="l3" href="https://x.example.org/">x</a>';
    visible();
    const part = (id: string) => t._linkParams.flatMap((p) => p($(id)));
    expect(part('l1')).toContainEqual(['c_t', 'https://partner.example.org/offer']);
    expect(part('l2')).toEqual([]);
    expect(part('l3')).toEqual([]);
  });

  it('a link inside the target node but around nothing tracked: one combined hit, no separate interaction', async () => {
    document.body.innerHTML = '<div data-track-content data-content-name="Box"><div data-content-target><a id="out" href="https://x.example.org/"><i id="icon">→</i></a></div></div>';
    visible();
    t._linkKind = () => 'link';
    click($('icon'));
    expect(await sent()).toEqual([]);
    expect(t._linkParams.flatMap((p) => p($('out')))).toContainEqual(['c_n', 'Box']);
  });

  it('a target inside a tracked link: the link hit has no content part, so the interaction goes on its own', async () => {
    document.body.innerHTML = '<div data-track-content data-content-name="Box"><a id="out" href="https://x.example.org/"><i id="icon" data-content-target>→</i></a></div>';
    visible();
    t._linkKind = () => 'link';
    click($('icon'));
    expect(await sent()).toEqual(['c_i=click&c_n=Box&c_p=Unknown&ca=1']);
    expect(t._linkParams.flatMap((p) => p($('out')))).toEqual([]);
  });
});

describe('manual impressions and interactions (§8.4, §8.6)', () => {
  it('trackContentImpression: trimmed, piece Unknown by default, c_t only when given, not deduplicated', async () => {
    trackContentImpression(t, '  Banner ', ' b.png ', ' https://x.example.org/ ');
    trackContentImpression(t, 'Banner');
    trackContentImpression(t, 'Banner');
    trackContentImpression(t, any(42), any(7));
    expect(await sent()).toEqual([
      'c_n=Banner&c_p=b.png&c_t=https%3A%2F%2Fx.example.org%2F&ca=1',
      'c_n=Banner&c_p=Unknown&ca=1',
      'c_n=Banner&c_p=Unknown&ca=1',
      'c_n=42&c_p=7&ca=1',
    ]);
  });

  it('trackContentInteraction: c_i first; interaction and name required', async () => {
    trackContentInteraction(t, ' submit ', 'Form', undefined, '/thanks');
    trackContentInteraction(t, '', 'Form');
    trackContentInteraction(t, 'submit', '  ');
    trackContentImpression(t, any(null));
    expect(await sent()).toEqual(['c_i=submit&c_n=Form&c_p=Unknown&c_t=%2Fthanks&ca=1']);
    expect(page.warnings()).toEqual(
      said([
        'trackContentInteraction: contentInteraction must be a non-empty string, got ""; ignored',
        'trackContentInteraction: contentName must be a non-empty string, got "  "; ignored',
        'trackContentImpression: contentName must be a non-empty string, got null; ignored',
      ]),
    );
  });

  it('trackContentInteractionNode: the block around the node, interaction Unknown by default', async () => {
    document.body.innerHTML = TV21 + '<p id="outside">x</p>';
    trackContentInteractionNode(t, $('text'));
    trackContentInteractionNode(t, $('go').firstChild!, 'hover');
    trackContentInteractionNode(t, $('outside'));
    trackContentInteractionNode(t, any({}));
    trackContentInteractionNode(t, $('go'), any(''));
    expect(await sent()).toEqual(['c_i=Unknown&' + IMPRESSIONS[3], 'c_i=hover&' + IMPRESSIONS[2]]);
    expect(page.warnings()).toEqual(
      said([
        'trackContentInteractionNode: node must be in a content block, got ' + String($('outside')) + '; ignored',
        'trackContentInteractionNode: node must be in a content block, got [object Object]; ignored',
        'trackContentInteractionNode: contentInteraction must be a non-empty string, got ""; ignored',
      ]),
    );
  });

  it('a 5,000-character name leaves as it is, in a POST body', async () => {
    const long = 'n'.repeat(5000);
    trackContentImpression(t, long);
    const [hit] = await page.hits();
    expect(hit!.get('c_n')).toBe(long);
    expect(page.sent[0]!.body).toContain('c_n=' + long);
  });
});

describe('logAllContentBlocksOnPage', () => {
  it('logs and returns every block\'s values, in document order', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    document.body.innerHTML = TV21;
    const blocks = logAllContentBlocksOnPage(t);
    expect(blocks?.map((b) => b.name)).toEqual(['Spring banner', 'img.jpg', 'My Ad', 'Unknown']);
    expect(log).toHaveBeenCalledWith(blocks);
  });
});

describe('hostile pages', () => {
  it('counts a click the page stops, and does not prevent its default', async () => {
    document.body.innerHTML = TV21;
    visible();
    $('b4').addEventListener('click', (event) => event.stopPropagation());
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    $('text').dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(await sent()).toEqual(['c_i=click&' + IMPRESSIONS[3]]);
  });

  it('a block removed while it is being observed is neither sent nor kept', async () => {
    document.body.innerHTML = TV21;
    visible();
    const b1 = $('b1');
    b1.remove();
    enter([b1]);
    expect(await sent()).toEqual([]);
    await mutations();
    expect(watched()).not.toContain(b1);
  });

  it('the <body> as a block, and blocks inside an SVG', async () => {
    document.body.setAttribute('data-track-content', '');
    document.body.setAttribute('data-content-name', 'Page');
    document.body.innerHTML = '<svg><g id="g" data-track-content data-content-name="Chart"><a id="svglink" href="/d" data-content-target><text>x</text></a></g></svg>';
    visible();
    enter([document.body, $('g')]);
    await mutations();
    $('svglink').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(await sent()).toEqual([
      'c_n=Page&c_p=Unknown&c_t=https%3A%2F%2Fwww.example.com%2Fd&ca=1',
      'c_n=Chart&c_p=Unknown&c_t=https%3A%2F%2Fwww.example.com%2Fd&ca=1',
      'c_i=click&c_n=Chart&c_p=Unknown&c_t=https%3A%2F%2Fwww.example.com%2Fd&ca=1',
    ]);
    document.body.removeAttribute('data-track-content');
    document.body.removeAttribute('data-content-name');
  });

  it('a click dispatched on the document or a text node, and a link-kind function that throws', async () => {
    document.body.innerHTML = TV21;
    visible();
    document.dispatchEvent(new MouseEvent('click'));
    t._linkKind = () => {
      throw new Error('broken');
    };
    $('go').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(await sent()).toEqual([]);
  });

  it('a callback of another feature that throws does not stop content impressions', async () => {
    const { whenVisible } = await import('../../src/core/visibility');
    document.body.innerHTML = TV21;
    whenVisible(t, $('b1'), () => {
      throw new Error('broken');
    });
    visible();
    enter($$('b1'));
    expect(await sent()).toEqual([IMPRESSIONS[0]]);
  });
});
