import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTracker,
  getPageViewId,
  getVisitorId,
  setCustomUrl,
  setDocumentTitle,
  setReferrerUrl,
  setPagePerformanceTiming,
  disableCookies,
  setCustomData,
  setExcludedQueryParams,
  setUserIdForTest,
} from './hit-imports';
import { setCookieDomain, setCookiePath, setVisitorId, trackPageView } from '../../src/index';
import { sha1 } from '../../src/core/sha1';
import { cookieName, cookieScope } from '../../src/core/identity';
import { captureTransport, clearCookies, hitOf, parse, setPage } from '../helpers';
import { said } from '../warnings';

const NOW = 1894716309000;
const URL_TV = 'https://www.example.com/products?id=5';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage(URL_TV, { referrer: 'https://www.google.com/' });
  clearCookies();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const tracker = (extra = {}) =>
  createTracker({ trackerUrl: 'https://matomo.example.com/matomo.php', siteId: 1, ...extra });

/** Runs the queued dispatch and returns the hits sent, parsed. */
async function sentHits(sent: ReturnType<typeof captureTransport>) {
  await vi.advanceTimersByTimeAsync(1000);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  // a bulk body holds several hits: one entry each
  return sent.flatMap((s) =>
    s.body.startsWith('{')
      ? (JSON.parse(s.body).requests as string[]).map((q) => ({ ...s, hit: parse(q.slice(1)), raw: q.slice(1) }))
      : [{ ...s, hit: parse(hitOf(s)), raw: hitOf(s) }],
  );
}

describe('a page view (TV-01 without timing)', () => {
  it('carries the standard part in matomo.js order', async () => {
    const sent = captureTransport();
    trackPageView(tracker());
    const [hit] = await sentHits(sent);
    expect(sent).toHaveLength(1);
    expect(hit.via).toBe('fetch');
    expect(hit.url.startsWith('https://matomo.example.com/matomo.php?action_name=Products%20%26%20Co&idsite=1&rec=1&r=')).toBe(true);
    expect(hit.body).toBe('');
    expect(hit.type?.toLowerCase()).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const d = new Date(NOW);
    expect(hit.hit.keys).toEqual([
      'action_name', 'idsite', 'rec', 'r', 'h', 'm', 's', 'url', 'urlref', '_id', '_idn', 'send_image',
      '_refts', '_ref', 'pv_id', 'cookie', 'res',
    ]);
    expect(hit.hit.get('r')).toMatch(/^\d{1,6}$/);
    expect([hit.hit.get('h'), hit.hit.get('m'), hit.hit.get('s')]).toEqual([d.getHours(), d.getMinutes(), d.getSeconds()].map(String));
    expect(hit.raw).toContain('&url=https%3A%2F%2Fwww.example.com%2Fproducts%3Fid%3D5&urlref=https%3A%2F%2Fwww.google.com%2F&_id=');
    expect(hit.hit.get('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(hit.hit.get('_idn')).toBe('1');
    expect(hit.raw).toContain('&send_image=0&_refts=1894716309&_ref=https%3A%2F%2Fwww.google.com%2F&pv_id=');
    expect(hit.hit.get('pv_id')).toMatch(/^[a-zA-Z0-9]{6}$/);
    expect(hit.raw).toMatch(/&cookie=1&res=\d+x\d+$/);
  });

  it('writes matomo.js cookies (TV-02) and the next hit says _idn=0 with the same _id', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    await sentHits(sent);
    const id = getVisitorId(t)!;
    expect(document.cookie).toContain('_pk_id.1.2a0b=' + id + '.1894716309.');
    expect(document.cookie).toContain('_pk_ses.1.2a0b=1');
    expect(decodeURIComponent(document.cookie.match(/_pk_ref\.1\.2a0b=([^;]*)/)![1])).toBe('["","",1894716309,"https://www.google.com/"]');
    vi.setSystemTime(NOW + 5000);
    trackPageView(t);
    const hits = await sentHits(sent);
    expect(hits[1].hit.get('_idn')).toBe('0');
    expect(hits[1].hit.get('_id')).toBe(id);
    expect(hits[1].hit.get('pv_id')).not.toBe(hits[0].hit.get('pv_id'));
  });

  it('keeps the visitor id of a cookie written by matomo.js, old formats included', async () => {
    document.cookie = '_pk_id.1.2a0b=feba15f904438755.1894000000.;path=/';
    const sent = captureTransport();
    const t = tracker();
    expect(getVisitorId(t)).toBe('feba15f904438755');
    trackPageView(t);
    const [hit] = await sentHits(sent);
    expect(hit.hit.get('_id')).toBe('feba15f904438755');
    expect(hit.hit.get('_idn')).toBe('0');
    // the creation time is kept: the cookie's lifetime is not sliding
    expect(document.cookie).toContain('_pk_id.1.2a0b=feba15f904438755.1894000000.');
    clearCookies();
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1500000000.3.1500000000.1500000000.;path=/';
    expect(getVisitorId(tracker())).toBe('0123456789abcdef');
  });

  it('uses the title and URL at the time of the hit, and the overrides', async () => {
    const sent = captureTransport();
    const t = tracker();
    document.title = 'Later title';
    window.history.pushState({}, '', '/spa/route?a=%26b');
    trackPageView(t);
    setCustomUrl(t, '/custom?x=1');
    setDocumentTitle(t, 'Custom title');
    setReferrerUrl(t, 'https://ref.example.net/');
    trackPageView(t);
    trackPageView(t, 'Per call');
    const [first, second, third] = await sentHits(sent).then((h) => h);
    // never decoded and re-encoded: %26 stays %26
    expect(first.hit.get('url')).toBe('https://www.example.com/spa/route?a=%26b');
    expect(first.hit.get('action_name')).toBe('Later title');
    expect(second.hit.get('url')).toBe('https://www.example.com/custom?x=1');
    expect(second.hit.get('action_name')).toBe('Custom title');
    expect(second.hit.get('urlref')).toBe('https://ref.example.net/');
    expect(third.hit.get('action_name')).toBe('Per call');
  });

  it('sends per-call dimensions and data (TV-08 order)', async () => {
    const sent = captureTransport();
    const t = tracker();
    t._dims = { '1': 'one', '2': 'two', '3': '' };
    trackPageView(t, 'Second', { dimension2: 'over', foo: 'bar' });
    setCustomData(t, { global: 1 });
    trackPageView(t);
    const hits = await sentHits(sent);
    expect(hits[0].raw).toContain('&dimension2=over&dimension1=one&dimension3=&data=%7B%22foo%22%3A%22bar%22%7D&pv_id=');
    expect(hits[1].raw).toContain('&dimension1=one&dimension2=two&dimension3=&data=%7B%22global%22%3A1%7D&pv_id=');
  });

  it('removes pk_vid, ignore_referrer and excluded parameters from URLs (TV-10)', async () => {
    setPage('https://www.example.com/?pk_vid=abc&ignore_referrer=1&x=1&secret=2#frag', { referrer: 'https://other.example.net/x' });
    const sent = captureTransport();
    const t = tracker();
    setExcludedQueryParams(t, ['secret']);
    trackPageView(t);
    const [hit] = await sentHits(sent);
    expect(hit.hit.get('url')).toBe('https://www.example.com/?x=1#frag');
    expect(hit.hit.keys).not.toContain('urlref');
    expect(hit.hit.keys).not.toContain('_ref');
    expect(hit.hit.get('_refts')).toBe('0');
  });

  it('leaves out an excluded referrer (TV-11)', async () => {
    setPage(URL_TV, { referrer: 'https://www.paypal.com/checkout' });
    const sent = captureTransport();
    trackPageView(tracker());
    const [hit] = await sentHits(sent);
    expect(hit.hit.keys).not.toContain('urlref');
    expect(hit.hit.get('_refts')).toBe('0');
  });

  it('reads a campaign on landing (TV-09)', async () => {
    setPage('https://www.example.com/?utm_campaign=Spring%20Sale&utm_term=Shoes&utm_source=news');
    const sent = captureTransport();
    trackPageView(tracker());
    const [hit] = await sentHits(sent);
    expect(hit.raw).toContain('&send_image=0&_rcn=Spring%20Sale&_rck=Shoes&_refts=1894716309&pv_id=');
    expect(decodeURIComponent(document.cookie.match(/_pk_ref\.1\.2a0b=([^;]*)/)![1])).toBe('["Spring Sale","Shoes",1894716309,""]');
  });

  it('sends an empty _id and writes no cookie with disableCookies (TV-12)', async () => {
    const sent = captureTransport();
    const t = tracker();
    disableCookies(t);
    trackPageView(t);
    const [hit] = await sentHits(sent);
    expect(hit.raw).toContain('&_id=&_idn=1&send_image=0&_refts=1894716309&_ref=https%3A%2F%2Fwww.google.com%2F');
    expect(hit.raw).toContain('&cookie=1&');
    expect(document.cookie).toBe('');
    const quiet = tracker({ disableCookies: true });
    trackPageView(quiet);
    await sentHits(sent);
    expect(document.cookie).toBe('');
  });

  it('uses the cookie domain in names and attributes (TV-14)', () => {
    const t = tracker({ cookieDomain: '*.example.com' });
    expect(cookieName(t, 'id')).toBe('_pk_id.1.62df');
    expect(cookieScope(t)).toBe(';path=/;domain=.example.com;SameSite=Lax');
    const plain = tracker({ cookiePath: '/user/MyUsername', cookieSameSite: 'None' });
    expect(cookieName(plain, 'ses')).toBe('_pk_ses.1.580b');
    // SameSite=None needs Secure (https page here)
    expect(cookieScope(plain)).toBe(';path=/user/MyUsername;secure;SameSite=None');
    setPage('http://www.example.com/');
    expect(cookieScope(plain)).toBe(';path=/user/MyUsername;SameSite=Lax');
  });

  it('puts setPagePerformanceTiming values on the next page view only', async () => {
    const sent = captureTransport();
    const t = tracker();
    setPagePerformanceTiming(t, 10, 20, undefined, 30);
    trackPageView(t);
    trackPageView(t);
    const hits = await sentHits(sent);
    expect(hits[0].raw).toMatch(/&pv_id=\w{6}&pf_net=10&pf_srv=20&pf_dm1=30&/);
    expect(hits[1].raw).not.toContain('pf_');
    expect(getPageViewId(t)).toBe(hits[1].hit.get('pv_id'));
  });

  it('reports the local time of the hit as h, m, s, not zero-padded', async () => {
    vi.setSystemTime(new Date(2030, 0, 15, 14, 5, 9));
    const sent = captureTransport();
    trackPageView(tracker());
    const [hit] = await sentHits(sent);
    expect(hit.raw).toMatch(/&h=14&m=5&s=9&url=/);
  });

  it('adds uid when a user id is set', async () => {
    const sent = captureTransport();
    const t = tracker();
    setUserIdForTest(t, 'user@example.com');
    trackPageView(t);
    const [hit] = await sentHits(sent);
    expect(hit.raw).toContain('&uid=user%40example.com&_id=');
  });
});

describe('setVisitorId', () => {
  it('forces the visitor id of later hits, lower-cased; refuses anything but 16 hex characters with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sent = captureTransport();
    const t = tracker();
    setVisitorId(t, 'ABCDEF0123456789');
    // a number of 16 digits is not an id (matomo.js takes strings only), and must not throw
    setVisitorId(t, 1234567890123456 as never);
    setVisitorId(t, 'zz');
    expect(getVisitorId(t)).toBe('abcdef0123456789');
    trackPageView(t);
    const [hit] = await sentHits(sent);
    expect(hit.hit.get('_id')).toBe('abcdef0123456789');
    expect(warn.mock.calls.map((c) => c[0])).toEqual(said([
      '[matomo-lite] setVisitorId: id must be 16 hexadecimal characters, got 1234567890123456; ignored',
      '[matomo-lite] setVisitorId: id must be 16 hexadecimal characters, got "zz"; ignored',
    ]));
  });
});

describe('a hit that cannot be built', () => {
  it('refuses customData JSON cannot write with a warning, and sends the hit without it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sent = captureTransport();
    const cyclic: Record<string, unknown> = { dimension2: 'x' };
    cyclic.self = cyclic;
    trackPageView(tracker(), 'Cyclic', cyclic);
    const [hit] = await sentHits(sent);
    expect(hit.hit.get('action_name')).toBe('Cyclic');
    expect(hit.hit.keys).not.toContain('data');
    expect(warn.mock.calls.map((c) => c[0])).toEqual(said([
      '[matomo-lite] trackPageView: customData must be JSON-serialisable; left out',
    ]));
  });

  it("a page view that fails on the page's data keeps the metrics for the next one", async () => {
    const sent = captureTransport();
    const t = tracker();
    setPagePerformanceTiming(t, 10, 20);
    const unwritable = {
      toString() {
        throw new Error('unwritable');
      },
    };
    trackPageView(t, 'A', { dimension1: unwritable });
    trackPageView(t, 'B');
    const hits = await sentHits(sent);
    expect(hits.map((h) => h.hit.get('action_name'))).toEqual(['B']);
    expect(hits[0].raw).toMatch(/&pf_net=10&pf_srv=20/);
  });

  it('writes the visitor cookies whatever the clock says, even 0', async () => {
    vi.setSystemTime(0);
    const t = tracker();
    captureTransport();
    trackPageView(t);
    expect(document.cookie).toContain(cookieName(t, 'id'));
  });

  it('changes no state when building fails partway: no visitor cookie, the next hit is still new', async () => {
    const sent = captureTransport();
    const t = tracker();
    // a stored value that throws when the hit is written out, its last step
    t._userId = {
      toString() {
        throw new Error('unwritable');
      },
    } as never;
    trackPageView(t);
    expect(document.cookie).not.toContain(cookieName(t, 'id'));
    t._userId = undefined;
    trackPageView(t);
    const hits = await sentHits(sent);
    expect(hits).toHaveLength(1);
    expect(hits[0].hit.get('_idn')).toBe('1');
    expect(document.cookie).toContain(cookieName(t, 'id'));
  });
});

describe('cookie names', () => {
  it("follow a changed cookie path or domain: the name's hash is worked out again for the new scope", () => {
    const t = tracker();
    expect(cookieName(t, 'id')).toBe('_pk_id.1.' + sha1('www.example.com/').slice(0, 4));
    setCookiePath(t, '/shop');
    expect(cookieName(t, 'id')).toBe('_pk_id.1.' + sha1('www.example.com/shop').slice(0, 4));
    setCookieDomain(t, '*.example.com');
    expect(cookieName(t, 'ses')).toBe('_pk_ses.1.' + sha1('.example.com/shop').slice(0, 4));
  });
});
