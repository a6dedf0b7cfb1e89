import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  enableSpaTracking,
  setCustomUrl,
  setDocumentTitle,
  setEcommerceView,
  setExcludedQueryParams,
  setReferrerUrl,
  trackEvent,
  trackPageView,
  type Tracker,
} from '../../src/index';
import { setup, teardown, tracker, type SentHit } from './support';
import { said } from '../warnings';

// Frames are fake timers too (happy-dom runs them on the real clock): a
// frame is 16 ms, then the default wait of 100 ms.
const FRAME = 16;
const WAIT = FRAME + 100;

let stops: (() => void)[] = [];
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, FRAME));
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(async () => {
  // what this test's trackers queued leaves now, not into the next test's recorder
  await vi.advanceTimersByTimeAsync(1000);
  // listeners stay on the test file's window otherwise
  stops.forEach((stop) => stop());
  stops = [];
  teardown();
});

const spa = (t: Tracker, options?: Parameters<typeof enableSpaTracking>[1]) => {
  const stop = enableSpaTracking(t, options);
  stops.push(stop);
  return stop;
};
const go = (url: string) => history.pushState(null, '', url);
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** The URL changes as the browser changes it, unseen by the pushState wrapper, then `event` fires. */
const browse = (url: string, event: Event) => {
  History.prototype.replaceState.call(history, null, '', url);
  dispatchEvent(event);
};
/** The back button. */
const back = (url: string) => browse(url, new PopStateEvent('popstate'));
/** A link to `#hash`: browsers fire popstate, then hashchange (happy-dom's location.hash fires neither; e2e/spa.spec.ts has the real one). */
const hashTo = (hash: string) => {
  browse(hash, new PopStateEvent('popstate'));
  dispatchEvent(new HashChangeEvent('hashchange'));
};
const views = (hits: SentHit[]) => hits.filter((hit) => hit.keys.includes('action_name'));
const path = (url: string | null) => url && new URL(url).pathname + new URL(url).search + new URL(url).hash;

/** A page that tracked its landing page view, with SPA tracking on. */
function landed(options?: Parameters<typeof enableSpaTracking>[1], url = 'https://www.example.com/') {
  const rig = setup(url);
  const t = tracker();
  spa(t, options);
  trackPageView(t);
  return { ...rig, t };
}

describe('enableSpaTracking: a page view per navigation', () => {
  it('sends pushState and back-button navigations with the new url, the previous url as urlref, the new title and a new pv_id', async () => {
    const { hits, t } = landed();
    const first = t._pvId;
    go('/a');
    // the route renders its title after the URL changed
    await wait(30);
    document.title = 'Route A';
    await wait(WAIT);
    go('/b?x=1');
    document.title = 'Route B';
    await wait(WAIT);
    back('/a');
    document.title = 'Route A';
    await wait(WAIT);
    const sent = views(await hits());
    expect(sent.map((hit) => [path(hit.get('url')), path(hit.get('urlref')), hit.get('action_name')])).toEqual([
      ['/', '/', 'Products & Co'],
      ['/a', '/', 'Route A'],
      ['/b?x=1', '/a', 'Route B'],
      ['/a', '/b?x=1', 'Route A'],
    ]);
    // the landing page's referrer is the document's
    expect(sent[0].get('urlref')).toBe('https://www.google.com/');
    const ids = sent.map((hit) => hit.get('pv_id'));
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(first);
  });

  it('waits for the next frame and the delay, and starts again at each change: a redirect chain is one page view of its last URL', async () => {
    const { hits, t } = landed({ replace: true });
    go('/old');
    await wait(40);
    history.replaceState(null, '', '/older');
    await wait(40);
    history.replaceState(null, '', '/new');
    await wait(WAIT - 1);
    expect(t._pvs).toBe(1);
    await wait(2);
    expect(t._pvs).toBe(2);
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/', '/new']);
    expect(path(sent[1].get('urlref'))).toBe('/');
  });

  it('takes a redirect by replaceState into the pending page view when replaces are not counted, and waits again', async () => {
    const { hits, t } = landed();
    go('/login');
    await wait(60);
    history.replaceState(null, '', '/login?next=%2Faccount');
    await wait(WAIT - 1);
    expect(t._pvs).toBe(1);
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/', '/login?next=%2Faccount']);
  });

  it('honours delay: 0 is right after the next frame', async () => {
    const { t } = landed({ delay: 0 });
    go('/now');
    await wait(FRAME - 1);
    expect(t._pvs).toBe(1);
    // a 0 ms timer set by a fake timer runs 1 ms later
    await wait(2);
    expect(t._pvs).toBe(2);
  });

  it('sends one page view for the same URL twice in a row (pushState, replaceState, popstate)', async () => {
    const { hits } = landed({ replace: true });
    go('/a');
    await wait(WAIT);
    go('/a');
    await wait(WAIT);
    history.replaceState({ page: 1 }, '', '/a');
    await wait(WAIT);
    back('/a');
    await wait(WAIT);
    expect(views(await hits()).map((hit) => path(hit.get('url')))).toEqual(['/', '/a']);
  });

  it('sends nothing for a redirect back to the page it left', async () => {
    const { hits } = landed({ replace: true });
    go('/account');
    history.replaceState(null, '', '/');
    expect(views(await hits())).toHaveLength(1);
  });

  it('counts a replaceState to a new URL only with replace', async () => {
    const { hits } = landed();
    history.replaceState(null, '', '/?q=shoes');
    await wait(WAIT);
    expect(views(await hits())).toHaveLength(1);
    stops.pop()!();
    const { hits: hits2, t } = landed({ replace: true }, 'https://www.example.com/search');
    history.replaceState(null, '', '/search?q=shoes');
    const sent = views(await hits2());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/search', '/search?q=shoes']);
    expect(t._pvs).toBe(2);
  });

  it('treats URLs that differ only in excluded query parameters as the same', async () => {
    const { hits, t } = landed();
    setExcludedQueryParams(t, ['sessionid']);
    go('/?sessionid=1');
    await wait(WAIT);
    go('/?sessionid=2');
    await wait(WAIT);
    go('/?sessionid=2&page=2');
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/', '/?page=2']);
    expect(path(sent[1].get('urlref'))).toBe('/');
  });

  it('ignores a change of the fragment alone unless hash is on', async () => {
    const { hits } = landed();
    go('#details');
    await wait(WAIT);
    hashTo('#more');
    await wait(WAIT);
    back('#details');
    await wait(WAIT);
    expect(views(await hits())).toHaveLength(1);
    stops.pop()!();

    const { hits: hits2 } = landed({ hash: true }, 'https://www.example.com/app');
    go('#/about');
    await wait(WAIT);
    hashTo('#/contact');
    await wait(WAIT);
    const sent = views(await hits2());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/app', '/app#/about', '/app#/contact']);
    expect(path(sent[2].get('urlref'))).toBe('/app#/about');
  });

  it('uses the title callback when it sends, and document.title when the callback throws', async () => {
    const { hits, t } = landed({ title: () => 'SPA / ' + location.pathname });
    go('/a');
    const sent = views(await hits());
    expect(sent[1].get('action_name')).toBe('SPA / /a');
    stops.pop()!();

    const broken = spa(t, {
      title: () => {
        throw new Error('no title');
      },
    });
    go('/b');
    const after = views(await hits());
    expect(after).toHaveLength(3);
    expect(after[2].get('action_name')).toBe('Products & Co');
    broken();
  });

  it('clears setCustomUrl and setDocumentTitle of the previous route, and keeps what is set for the new one', async () => {
    const { hits, t } = landed();
    setCustomUrl(t, '/virtual/home');
    setDocumentTitle(t, 'example.com/Home');
    trackEvent(t, 'Home', 'Seen');
    go('/a');
    await wait(WAIT);
    go('/b');
    setDocumentTitle(t, 'B, from the router');
    const sent = await hits();
    const pageViews = views(sent);
    expect(pageViews.map((hit) => [path(hit.get('url')), hit.get('action_name')])).toEqual([
      ['/', 'Products & Co'],
      ['/a', 'Products & Co'],
      ['/b', 'B, from the router'],
    ]);
    expect(path(sent[1].get('url'))).toBe('/virtual/home');
    // the custom URL of the page view is the urlref of the next
    expect(path(pageViews[1].get('urlref'))).toBe('/');
  });

  it('sends no pf_* and a product view only on the page view it was set for', async () => {
    const { hits, t } = landed();
    setEcommerceView(t, 'SKU-1', 'Shoes');
    go('/product/1');
    await wait(WAIT);
    go('/product/2');
    const sent = views(await hits());
    expect(sent.map((hit) => hit.get('_pks'))).toEqual([null, 'SKU-1', null]);
    expect(sent.slice(1).flatMap((hit) => hit.keys.filter((key) => key.startsWith('pf_')))).toEqual([]);
  });

  it('sends a pending page view when the page is hidden or left, not later', async () => {
    const { hits, t } = landed();
    go('/leaving');
    dispatchEvent(new Event('pagehide'));
    expect(t._pvs).toBe(2);
    dispatchEvent(new Event('pageshow'));
    await wait(WAIT);
    expect(views(await hits()).map((hit) => path(hit.get('url')))).toEqual(['/', '/leaving']);
  });

  it('stop() sends nothing more, not even a pending page view, and leaves history as it is', async () => {
    const { hits, t } = landed();
    const patched = history.pushState;
    go('/a');
    stops.pop()!();
    await wait(WAIT);
    go('/b');
    expect(views(await hits())).toHaveLength(1);
    expect(history.pushState).toBe(patched);
    expect(t._onPageView).toEqual([]);
    expect(t._onLeave.length).toBeLessThanOrEqual(1);
  });

  it('replaces the running SPA tracking when called again; a stale stop() leaves the new one running', async () => {
    const { hits, t } = landed();
    const stale = stops[0];
    spa(t, { hash: true });
    stale();
    go('#/a');
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/', '/#/a']);
  });

  it('patches history once for every tracker on the page; each tracker sends its own page view', async () => {
    const { hits } = landed();
    const patched = history.pushState;
    const other = tracker({ siteId: 2 });
    spa(other);
    trackPageView(other);
    expect(history.pushState).toBe(patched);
    go('/shared');
    const sent = views(await hits());
    expect(sent.map((hit) => [hit.get('idsite'), path(hit.get('url')), hit.get('urlref')])).toEqual([
      ['1', '/', 'https://www.google.com/'],
      ['2', '/', 'https://www.google.com/'],
      ['1', '/shared', 'https://www.example.com/'],
      ['2', '/shared', 'https://www.example.com/'],
    ]);
  });

  it('leaves a router that wrapped pushState before or after it working', async () => {
    const calls: string[] = [];
    const wrap = () => {
      const original = history.pushState;
      history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
        calls.push(String(args[2]));
        return original.apply(this, args);
      };
      return original;
    };
    const { hits } = landed();
    const ours = wrap();
    go('/routed');
    await wait(WAIT);
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('url')))).toEqual(['/', '/routed']);
    expect(calls).toEqual(['/routed']);
    // the router's wrapper stays; ours is below it
    history.pushState = ours;
  });

  it('passes on what pushState returns and throws, untouched', () => {
    landed();
    expect(history.pushState(null, '', '/x')).toBeUndefined();
    expect(() => history.pushState(null, '', 'https://elsewhere.example.org/')).toThrow();
  });
});

describe('manual mode and page views made by hand', () => {
  it('manual: sends nothing by itself; trackPageView gets the URL of the previous page view as urlref', async () => {
    const { hits, t } = landed({ manual: true });
    go('/a');
    await wait(WAIT);
    expect(views(await hits())).toHaveLength(1);
    setCustomUrl(t, '/products/:id');
    setDocumentTitle(t, 'Product');
    trackPageView(t);
    setCustomUrl(t, '/cart');
    trackPageView(t);
    const sent = views(await hits());
    expect(sent.map((hit) => [path(hit.get('url')), hit.get('urlref')])).toEqual([
      ['/', 'https://www.google.com/'],
      ['/products/:id', 'https://www.example.com/'],
      ['/cart', 'https://www.example.com/products/:id'],
    ]);
  });

  it('sets the referrer at each page view, as setReferrerUrl by hand would: it reaches the hits after it', async () => {
    const { hits, t } = landed({ manual: true });
    go('/a');
    trackPageView(t);
    trackEvent(t, 'A', 'Seen');
    go('/b');
    setReferrerUrl(t, 'https://partner.example.net/');
    trackPageView(t);
    const sent = await hits();
    expect(sent.slice(1).map((hit) => hit.get('urlref'))).toEqual(['https://www.example.com/', 'https://www.example.com/', 'https://www.example.com/a']);
  });

  it('a page view made by hand before the automatic one is the only one', async () => {
    const { hits, t } = landed();
    go('/a');
    trackPageView(t);
    await wait(WAIT);
    expect(views(await hits()).map((hit) => path(hit.get('url')))).toEqual(['/', '/a']);
  });

  it('enabled after the first page view, takes the URL then as the previous one', async () => {
    const { hits } = setup('https://www.example.com/landing');
    const t = tracker();
    trackPageView(t);
    spa(t);
    go('/next');
    const sent = views(await hits());
    expect(sent.map((hit) => path(hit.get('urlref')))).toEqual(['/', '/landing']);
  });
});

describe('enableSpaTracking: bad input', () => {
  it('refuses bad options one by one, keeping the good ones', async () => {
    const { hits, warnings, t } = landed({ hash: 'yes', delay: -1, title: 'Home', tilte: true, replace: true } as never);
    expect(warnings()).toEqual(
      said([
        'enableSpaTracking: hash must be a boolean, got "yes"; ignored',
        'enableSpaTracking: delay must be a number of ms from 0 to 10000, got -1; ignored',
        'enableSpaTracking: title must be a function, got "Home"; ignored',
        'enableSpaTracking: unknown option tilte, got true; ignored',
      ]),
    );
    history.replaceState(null, '', '/replaced');
    go('#frag');
    // hash is off, so #frag is no navigation of its own: it is in the URL of the page view waiting
    expect(views(await hits()).map((hit) => path(hit.get('url')))).toEqual(['/', '/replaced#frag']);
    expect(t._pvs).toBe(2);
  });

  it('refuses options that are not an object, and a non-tracker', () => {
    const { warnings } = setup();
    spa(tracker(), 'hash' as never);
    expect(enableSpaTracking({} as never)).toBeTypeOf('function');
    expect(warnings()).toEqual(
      said([
        'enableSpaTracking: options must be an object, got "hash"; ignored',
        'enableSpaTracking: first argument must be a tracker from createTracker(), got [object Object]; ignored',
      ]),
    );
  });
});
