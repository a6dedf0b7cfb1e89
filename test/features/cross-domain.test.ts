import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  disableCookies,
  disableCrossDomainLinking,
  enableCrossDomainLinking,
  getCrossDomainLinkingUrlParameter,
  getVisitorId,
  isCrossDomainLinkingEnabled,
  setCrossDomainLinkingTimeout,
  setDomains,
  trackPageView,
  type Tracker,
} from '../../src/index';
import { deviceId } from '../../src/features/cross-domain';
import { NOW, setup, teardown, tracker } from './support';
import { said } from '../warnings';

const stops: (() => void)[] = [];
afterEach(() => {
  // every test's listener goes, so it cannot decorate the next test's links
  for (const stop of stops.splice(0)) stop();
  document.body.innerHTML = '';
  teardown();
});

const enable = (t: Tracker) => {
  const stop = enableCrossDomainLinking(t);
  stops.push(stop);
  return stop;
};

const FLAGS_E = '&pdf=1&qt=0&realp=0&wma=0&fla=0&java=0&ag=0&cookie=1&res=1920x1080';
const FIREFOX = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0', platform: 'Linux x86_64' };

describe('device id (§5.6, TV-27)', () => {
  it("is matomo.js's recipe: SHA-1 of UA + platform + flags JSON with string values", () => {
    setup();
    const t = tracker();
    t._features = FLAGS_E;
    expect(deviceId(t, FIREFOX)).toBe('404d1e');
    const off = tracker({ disableBrowserFeatureDetection: true });
    expect(deviceId(off, FIREFOX)).toBe('9a7c5b');
  });
});

function link(href: string, tag = 'a'): HTMLAnchorElement {
  const el = document.createElement(tag) as HTMLAnchorElement;
  el.setAttribute('href', href);
  el.innerHTML = '<span>go</span>';
  document.body.appendChild(el);
  return el;
}

// happy-dom follows a clicked link: the page must stay where it is
const stay = (event: Event) => event.preventDefault();
const press = (el: Element, type = 'mousedown') => {
  document.addEventListener('click', stay);
  el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
  document.removeEventListener('click', stay);
};

describe('outgoing links (TV-27 source)', () => {
  it('adds pk_vid before the fragment of links to the other domains, on mousedown and click, without a hit', async () => {
    const { hits } = setup('https://www.example.com/', '');
    const t = tracker();
    setDomains(t, ['www.example.com', 'www.example.org']);
    enable(t);
    const vid = () => getVisitorId(t)! + Math.floor(Date.now() / 1000) + deviceId(t);
    const checkout = link('https://www.example.org/checkout#top');
    press(checkout.firstElementChild!);
    expect(checkout.getAttribute('href')).toBe('https://www.example.org/checkout?pk_vid=' + vid() + '#top');
    expect(vid()).toMatch(/^[0-9a-f]{16}1894716309[0-9a-f]{6}$/);
    // a later click replaces the old value with a fresh one
    vi.setSystemTime(NOW + 5000);
    press(checkout, 'click');
    expect(checkout.getAttribute('href')).toBe('https://www.example.org/checkout?pk_vid=' + vid() + '#top');
    expect(vid()).toContain('1894716314');
    const withQuery = link('https://www.example.org/p?a=1', 'area');
    press(withQuery);
    expect(withQuery.getAttribute('href')).toBe('https://www.example.org/p?a=1&pk_vid=' + vid());
    // an old pk_vid goes wherever it is, the fresh one goes last before the fragment
    const stale = link('https://www.example.org/p?pk_vid=old&a=1#h?pk_vid=x&b=2');
    press(stale);
    expect(stale.getAttribute('href')).toBe('https://www.example.org/p?a=1&pk_vid=' + vid() + '#h?b=2');
    const onlyOld = link('//www.example.org/p?pk_vid=old#h');
    press(onlyOld);
    expect(onlyOld.getAttribute('href')).toBe('https://www.example.org/p?pk_vid=' + vid() + '#h');
    expect(await hits()).toEqual([]);
  });

  it('leaves same-host, foreign, non-http and tracker links alone', () => {
    setup('https://www.example.com/', '');
    const t = tracker({ trackerUrl: 'https://www.example.org/matomo.php' });
    setDomains(t, ['www.example.com', 'www.example.org']);
    enable(t);
    const hrefs = ['https://www.example.com/other', '/relative', 'https://elsewhere.example.net/', 'mailto:a@www.example.org', 'https://www.example.org/matomo.php?x=1'];
    const links = hrefs.map((href) => link(href));
    for (const l of links) press(l);
    expect(links.map((l) => l.getAttribute('href'))).toEqual(hrefs);
  });

  it('stops with stop() or disableCrossDomainLinking, and passes nothing without a visitor id', () => {
    setup('https://www.example.com/', '');
    const t = tracker();
    setDomains(t, ['*.example.com', 'www.example.org']);
    const stop = enable(t);
    expect(isCrossDomainLinkingEnabled(t)).toBe(true);
    stop();
    expect(isCrossDomainLinkingEnabled(t)).toBe(false);
    const a = link('https://www.example.org/');
    press(a);
    expect(a.getAttribute('href')).toBe('https://www.example.org/');
    enable(t);
    disableCrossDomainLinking(t);
    press(a);
    expect(a.getAttribute('href')).toBe('https://www.example.org/');
    enable(t);
    const sub = link('https://shop.example.com/');
    press(sub);
    expect(sub.getAttribute('href')).toMatch(/^https:\/\/shop\.example\.com\/\?pk_vid=[0-9a-f]{16}\d{10}[0-9a-f]{6}$/);
    disableCookies(t);
    const b = link('https://www.example.org/b');
    press(b);
    expect(b.getAttribute('href')).toBe('https://www.example.org/b');
    expect(getCrossDomainLinkingUrlParameter(t)).toBe('');
  });

  it('getCrossDomainLinkingUrlParameter gives pk_vid=<id><seconds><device>', () => {
    setup('https://www.example.com/', '');
    const t = tracker();
    expect(getCrossDomainLinkingUrlParameter(t)).toBe('pk_vid=' + getVisitorId(t) + '1894716309' + deviceId(t));
  });
});

describe('incoming pk_vid (TV-27 target)', () => {
  const V = '0123456789abcdef';
  const landing = (vid: string) => 'https://www.example.org/checkout?pk_vid=' + vid + '#top';

  it('adopts a fresh pk_vid from this browser as the visitor id and strips it from url', async () => {
    const probe = tracker();
    const { hits } = setup(landing(V + (NOW / 1000 - 100) + deviceId(probe)), 'https://www.example.com/');
    const t = tracker();
    setDomains(t, ['www.example.com', 'www.example.org']);
    enable(t);
    trackPageView(t);
    const [hit] = await hits();
    expect(hit.raw).toContain(
      '&url=https%3A%2F%2Fwww.example.org%2Fcheckout%23top&urlref=https%3A%2F%2Fwww.example.com%2F&_id=' + V + '&_idn=1&send_image=0&_refts=0&pv_id=',
    );
    expect(document.cookie).toContain('_pk_id.1.4a68=' + V + '.1894716309.');
  });

  it('refuses an expired, future, foreign-device or malformed pk_vid, and honours the timeout', () => {
    const probe = tracker();
    const d = deviceId(probe);
    const now = NOW / 1000;
    const cases: [string, boolean][] = [
      [V + (now - 181) + d, false],
      [V + (now - 180) + d, true],
      [V + (now + 5) + d, false],
      [V + now + (d == '000000' ? '111111' : '000000'), false],
      [V + now + d + 'x', false],
      ['zz23456789abcdef' + now + d, false],
      // hex in upper case is accepted, and kept in lower case
      [V.toUpperCase() + now + d.toUpperCase(), true],
    ];
    for (const [vid, ok] of cases) {
      setup(landing(vid));
      const t = tracker();
      enable(t);
      expect([vid, t._forcedId]).toEqual([vid, ok ? V : undefined]);
      teardown();
    }
    // a longer timeout set after enabling still counts; 0 turns the time check off
    setup(landing(V + (now - 600) + d));
    const late = tracker();
    enable(late);
    expect(late._forcedId).toBeUndefined();
    setCrossDomainLinkingTimeout(late, 900);
    expect(late._forcedId).toBe(V);
    const any = tracker();
    setCrossDomainLinkingTimeout(any, 0);
    enable(any);
    expect(any._forcedId).toBe(V);
  });

  it('refuses a timeout that is not a number', () => {
    const { warnings } = setup();
    const t = tracker();
    setCrossDomainLinkingTimeout(t, '60' as never);
    expect(t._crossDomainTimeout).toBeUndefined();
    expect(warnings()).toEqual(said(['setCrossDomainLinkingTimeout: seconds must be a number, got "60"; ignored']));
  });
});
