import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addTracker,
  areCookiesEnabled,
  createTracker,
  disableCookies,
  forgetConsentGiven,
  forgetCookieConsentGiven,
  forgetUserOptOut,
  getRememberedConsent,
  getRememberedCookieConsent,
  getVisitorId,
  hasConsent,
  hasRememberedConsent,
  isConsentRequired,
  isUserOptedOut,
  optUserOut,
  ping,
  rememberConsentGiven,
  rememberCookieConsentGiven,
  requireConsent,
  requireCookieConsent,
  setConsentGiven,
  setCookieConsentGiven,
  setDoNotTrack,
  trackPageView,
  type Tracker,
} from '../../src/index';
import { send } from '../../src/core/send';
import { captureTransport, clearCookies, hitOf, parse, setPage } from '../helpers';
import { forgetWarnings, said } from '../warnings';

const NOW = 1894716309000;
const HOUR = 36e5;
const FAR = 'expires=Fri, 01 Jan 2100 00:00:00 GMT;path=/';

let writes: string[] = [];
let warnings: string[] = [];

/** Records every string written to document.cookie (attributes included), still writing it. */
function recordCookieWrites(): string[] {
  const list: string[] = [];
  let proto = Object.getPrototypeOf(document);
  let desc: PropertyDescriptor | undefined;
  while (proto && !(desc = Object.getOwnPropertyDescriptor(proto, 'cookie'))) proto = Object.getPrototypeOf(proto);
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => desc!.get!.call(document),
    set: (value: string) => {
      list.push(value);
      desc!.set!.call(document, value);
    },
  });
  return list;
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/products', { referrer: 'https://www.google.com/' });
  clearCookies();
  writes = recordCookieWrites();
  warnings = [];
  forgetWarnings();
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (document as { cookie?: string }).cookie;
  for (const key of ['doNotTrack', 'globalPrivacyControl']) delete (navigator as unknown as Record<string, unknown>)[key];
});

const tracker = (extra = {}) => createTracker({ trackerUrl: 'https://m.example.org/matomo.php', siteId: 1, ...extra });
const trackEvent = (t: Tracker) => send(t, [['e_c', 'C'], ['e_a', 'A'], ['ca', 1]], 'trackEvent');

/** Lets the transport dispatch, then returns every hit sent so far (bulk bodies split), parsed. */
async function hitsSent(sent: ReturnType<typeof captureTransport>) {
  await vi.advanceTimersByTimeAsync(1000);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  return sent
    .flatMap((s) => (s.body.startsWith('{') ? (JSON.parse(s.body).requests as string[]).map((q) => q.slice(1)) : [hitOf(s)]))
    .map((raw) => ({ raw, ...parse(raw) }));
}

const cookieNames = () => document.cookie.split(/; */).filter(Boolean).map((c) => c.split('=')[0]).sort();
const trackerCookies = () => cookieNames().filter((n) => n.startsWith('_pk_'));
const wrote = (name: string) => writes.filter((w) => w.startsWith(name + '='));
const kindOf = (h: { get(n: string): string | null }) => (h.get('ping') ? 'ping' : h.get('e_c') ? 'event' : 'pageview');

function dnt(name: 'doNotTrack' | 'globalPrivacyControl', value: unknown) {
  Object.defineProperty(navigator, name, { configurable: true, value });
}

describe('requireConsent → setConsentGiven (TV-25)', () => {
  it('sends nothing and writes no cookie until consent, then the held hits in order with consent=1, then the cookie ping', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    expect(isConsentRequired(t)).toBe(true);
    expect(hasConsent(t)).toBe(false);
    expect(isUserOptedOut(t)).toBe(true);
    trackPageView(t);
    trackEvent(t);
    ping(t);
    expect(await hitsSent(sent)).toEqual([]);
    expect(writes).toEqual([]);
    expect(document.cookie).toBe('');

    setConsentGiven(t);
    const hits = await hitsSent(sent);
    expect(hits.map(kindOf)).toEqual(['pageview', 'event', 'ping', 'ping']);
    for (const hit of hits.slice(0, 3)) {
      expect(hit.raw).toContain('&_id=&_idn=1&send_image=0&_refts=1894716309&_ref=');
      expect(hit.get('consent')).toBe('1');
      expect(hit.get('pv_id')).toBe(t._pvId);
    }
    const cookiePing = hits[3];
    expect(cookiePing.get('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(cookiePing.get('_id')).toBe(getVisitorId(t));
    expect(cookiePing.get('consent')).toBe('1');
    expect(cookiePing.get('pv_id')).toBe(t._pvId);
    expect(trackerCookies()).toEqual(['_pk_id.1.2a0b', '_pk_ref.1.2a0b', '_pk_ses.1.2a0b']);
    expect(hasConsent(t)).toBe(true);
    expect(isUserOptedOut(t)).toBe(false);
    expect(areCookiesEnabled(t)).toBe(true);

    // later hits go straight out, with the visitor id and consent=1
    trackEvent(t);
    const [later] = (await hitsSent(sent)).slice(4);
    expect(later.get('_id')).toBe(getVisitorId(t));
    expect(later.get('_idn')).toBe('0');
    expect(later.raw).toMatch(/&pv_id=\w{6}&consent=1/);
  });

  it('keeps the held hits of earlier virtual page views (matomo.js discards them)', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    trackPageView(t, 'one');
    trackPageView(t, 'two');
    setConsentGiven(t);
    expect((await hitsSent(sent)).filter((h) => !h.get('ping')).map((h) => h.get('action_name'))).toEqual(['one', 'two']);
  });

  it('deletes mtm_consent_removed', () => {
    document.cookie = 'mtm_consent_removed=1;' + FAR;
    const t = tracker();
    requireConsent(t);
    setConsentGiven(t);
    expect(cookieNames()).not.toContain('mtm_consent_removed');
    expect(hasConsent(t)).toBe(true);
  });

  it('with enableCookies false sends the held hits cookieless and keeps cookies off', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    trackPageView(t);
    setConsentGiven(t, false);
    trackEvent(t);
    const hits = await hitsSent(sent);
    expect(hits.map(kindOf)).toEqual(['pageview', 'event']);
    expect(hits.map((h) => h.get('_id'))).toEqual(['', '']);
    expect(hits.map((h) => h.get('consent'))).toEqual(['1', '1']);
    expect(trackerCookies()).toEqual([]);
    expect(areCookiesEnabled(t)).toBe(false);
  });

  it('sends no cookie ping when no hit had gone out', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    setConsentGiven(t);
    expect(await hitsSent(sent)).toEqual([]);
  });

  it('refuses an enableCookies that is not a boolean, and gives no consent', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    trackPageView(t);
    setConsentGiven(t, 'yes' as unknown as boolean);
    expect(warnings).toEqual(said(['[matomo-lite] setConsentGiven: enableCookies must be true or false, got "yes"; ignored']));
    expect(await hitsSent(sent)).toEqual([]);
    expect(hasConsent(t)).toBe(false);
  });

  it('sees the consent remembered on an earlier page at once, and sends consent=1 (TV-25 variant)', async () => {
    const sent = captureTransport();
    rememberConsentGiven(tracker());
    const t = tracker();
    requireConsent(t);
    expect(hasConsent(t)).toBe(true);
    trackPageView(t);
    const [hit] = await hitsSent(sent);
    expect(hit.get('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(hit.raw).toMatch(/&pv_id=\w{6}&consent=1(&|$)/);
  });

  it('sends no consent=1 when consent is not required', async () => {
    const sent = captureTransport();
    const t = tracker();
    setConsentGiven(t);
    trackPageView(t);
    const [hit] = await hitsSent(sent);
    expect(hit.keys).not.toContain('consent');
  });

  it('keeps consent given on this page when requireConsent runs again', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    setConsentGiven(t);
    requireConsent(t);
    trackPageView(t);
    expect(await hitsSent(sent)).toHaveLength(1);
  });
});

describe('rememberConsentGiven', () => {
  it('writes mtm_consent = now in ms for 30 years, with the tracker cookie path and domain, not prefixed', () => {
    setPage('https://shop.example.com/shop/cart');
    const t = tracker({ cookieDomain: '*.example.com', cookiePath: '/shop', cookieNamePrefix: '_x_' });
    rememberConsentGiven(t);
    expect(wrote('mtm_consent')).toEqual([
      'mtm_consent=1894716309000;expires=' + new Date(NOW + 30 * 365 * 24 * HOUR).toUTCString() + ';path=/shop;domain=.example.com;SameSite=Lax',
    ]);
    expect(getRememberedConsent(t)).toBe(NOW);
    expect(hasRememberedConsent(t)).toBe(true);
  });

  it('for N hours', () => {
    const t = tracker();
    rememberConsentGiven(t, 2);
    expect(wrote('mtm_consent')[0]).toContain(';expires=' + new Date(NOW + 2 * HOUR).toUTCString() + ';');
    vi.setSystemTime(NOW + 3 * HOUR);
    expect(hasRememberedConsent(t)).toBe(false);
    expect(getRememberedConsent(t)).toBeNull();
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [NaN, 'NaN'],
    ['soon', '"soon"'],
    [null, 'null'],
  ])('refuses hours %s and gives no consent', (hours, shown) => {
    const t = tracker();
    requireConsent(t);
    rememberConsentGiven(t, hours as number);
    expect(warnings).toEqual(said([`[matomo-lite] rememberConsentGiven: hours must be a number > 0, got ${shown}; ignored`]));
    expect(hasConsent(t)).toBe(false);
    expect(writes).toEqual([]);
  });

  it('takes hours given as a numeric string, as matomo.js does', () => {
    rememberConsentGiven(tracker(), '24' as unknown as number);
    expect(warnings).toEqual([]);
    expect(wrote('mtm_consent')[0]).toContain(new Date(NOW + 24 * HOUR).toUTCString());
  });
});

describe('forgetConsentGiven / optUserOut', () => {
  it('writes mtm_consent_removed, deletes the consents and the tracker cookies, and stops tracking (TV-25 variant)', async () => {
    const sent = captureTransport();
    const t = tracker();
    rememberConsentGiven(t);
    rememberCookieConsentGiven(t);
    trackPageView(t);
    await hitsSent(sent);
    expect(cookieNames()).toEqual(['_pk_id.1.2a0b', '_pk_ref.1.2a0b', '_pk_ses.1.2a0b', 'mtm_consent', 'mtm_cookie_consent']);
    forgetConsentGiven(t);
    expect(cookieNames()).toEqual(['mtm_consent_removed']);
    expect(document.cookie).toBe('mtm_consent_removed=' + Date.now());
    expect(wrote('mtm_consent_removed').at(-1)).toContain(new Date(Date.now() + 30 * 365 * 24 * HOUR).toUTCString());
    expect(isConsentRequired(t)).toBe(true);
    expect(hasConsent(t)).toBe(false);
    expect(getRememberedConsent(t)).toBeNull();
    expect(getRememberedCookieConsent(t)).toBe(0);
    trackEvent(t);
    ping(t);
    expect(await hitsSent(sent)).toHaveLength(1);
    expect(trackerCookies()).toEqual([]);
  });

  it('is remembered: the next page (no consent call at all) sends nothing', async () => {
    const sent = captureTransport();
    forgetConsentGiven(tracker());
    const next = tracker();
    trackPageView(next);
    expect(await hitsSent(sent)).toEqual([]);
    expect(trackerCookies()).toEqual([]);
    expect(isUserOptedOut(next)).toBe(true);
  });

  it('drops the hits still waiting for the transport', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    await hitsSent(sent);
    trackEvent(t); // waits for the end of the first-request window
    optUserOut(t);
    expect(await hitsSent(sent)).toHaveLength(1);
  });

  it('for N hours', () => {
    const t = tracker();
    optUserOut(t, 1);
    expect(isUserOptedOut(t)).toBe(true);
    vi.setSystemTime(NOW + 2 * HOUR);
    expect(cookieNames()).toEqual([]);
  });

  it.each(['forgetConsentGiven', 'optUserOut'] as const)('%s with bad hours still withdraws consent, for 30 years', (name) => {
    const t = tracker();
    (name == 'optUserOut' ? optUserOut : forgetConsentGiven)(t, -3);
    expect(warnings).toEqual(said([`[matomo-lite] ${name}: hours must be a number > 0, got -3; 30 years used`]));
    expect(isUserOptedOut(t)).toBe(true);
    expect(wrote('mtm_consent_removed').at(-1)).toContain(new Date(NOW + 30 * 365 * 24 * HOUR).toUTCString());
  });

  it('forgetUserOptOut sends what was held, with cookies still off', async () => {
    const sent = captureTransport();
    const t = tracker();
    optUserOut(t);
    trackPageView(t);
    forgetUserOptOut(t);
    const hits = await hitsSent(sent);
    expect(hits.map(kindOf)).toEqual(['pageview']);
    expect(hits[0].get('_id')).toBe('');
    expect(cookieNames()).toEqual([]);
    expect(isUserOptedOut(t)).toBe(false);
  });
});

describe('cookie consent', () => {
  it('requireCookieConsent: hits go out with no cookie and an empty _id until setCookieConsentGiven, then a ping ties the new id', async () => {
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR;
    const sent = captureTransport();
    const t = tracker();
    expect(requireCookieConsent(t)).toBe(true);
    // existing cookies go, as with disableCookies
    expect(cookieNames()).toEqual([]);
    expect(areCookiesEnabled(t)).toBe(false);
    trackPageView(t);
    trackEvent(t);
    let hits = await hitsSent(sent);
    expect(hits.map((h) => h.get('_id'))).toEqual(['', '']);
    expect(hits.every((h) => !h.keys.includes('consent'))).toBe(true);
    expect(cookieNames()).toEqual([]);

    setCookieConsentGiven(t);
    hits = await hitsSent(sent);
    expect(hits.map(kindOf)).toEqual(['pageview', 'event', 'ping']);
    expect(hits[2].get('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(hits[2].get('_id')).not.toBe('0123456789abcdef');
    expect(trackerCookies()).toEqual(['_pk_id.1.2a0b', '_pk_ref.1.2a0b', '_pk_ses.1.2a0b']);
  });

  it('setCookieConsentGiven before any hit sends no ping; twice sends one', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireCookieConsent(t);
    setCookieConsentGiven(t);
    setCookieConsentGiven(t);
    trackPageView(t);
    const hits = await hitsSent(sent);
    expect(hits.map(kindOf)).toEqual(['pageview']);
    expect(hits[0].get('_id')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('rememberCookieConsentGiven writes mtm_cookie_consent; on the next page requireCookieConsent is a no-op returning false', () => {
    const t = tracker();
    requireCookieConsent(t);
    rememberCookieConsentGiven(t, 5);
    expect(wrote('mtm_cookie_consent')).toEqual([
      'mtm_cookie_consent=1894716309000;expires=' + new Date(NOW + 5 * HOUR).toUTCString() + ';path=/;SameSite=Lax',
    ]);
    expect(getRememberedCookieConsent(t)).toBe(NOW);
    const next = tracker();
    expect(requireCookieConsent(next)).toBe(false);
    expect(areCookiesEnabled(next)).toBe(true);
  });

  it('rememberCookieConsentGiven refuses bad hours and leaves cookies off', () => {
    const t = tracker();
    requireCookieConsent(t);
    rememberCookieConsentGiven(t, 'x' as unknown as number);
    expect(warnings).toEqual(said(['[matomo-lite] rememberCookieConsentGiven: hours must be a number > 0, got "x"; ignored']));
    expect(areCookiesEnabled(t)).toBe(false);
    expect(getRememberedCookieConsent(t)).toBe(0);
  });

  it('forgetCookieConsentGiven deletes mtm_cookie_consent and the tracker cookies; tracking goes on cookieless', async () => {
    const sent = captureTransport();
    const t = tracker();
    rememberCookieConsentGiven(t);
    trackPageView(t);
    await hitsSent(sent);
    forgetCookieConsentGiven(t);
    expect(cookieNames()).toEqual([]);
    trackEvent(t);
    const hits = await hitsSent(sent);
    expect(hits).toHaveLength(2);
    expect(hits[1].get('_id')).toBe('');
    expect(cookieNames()).toEqual([]);
  });

  it('setCookieConsentGiven does not write cookies while tracking consent is missing', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    setCookieConsentGiven(t);
    trackPageView(t);
    expect(await hitsSent(sent)).toEqual([]);
    expect(writes).toEqual([]);
  });
});

describe('setDoNotTrack', () => {
  it.each([
    ['doNotTrack', '1'],
    ['doNotTrack', 'yes'],
    ['globalPrivacyControl', true],
  ] as const)('with navigator.%s = %s: nothing sent, held or re-enabled, cookies deleted (TV-13)', async (name, value) => {
    dnt(name, value);
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR;
    const sent = captureTransport();
    const t = tracker();
    requireConsent(t);
    trackPageView(t); // held before DNT is known: dropped too
    setDoNotTrack(t, true);
    expect(trackerCookies()).toEqual([]);
    trackPageView(t);
    setDoNotTrack(t, false);
    rememberConsentGiven(t);
    rememberCookieConsentGiven(t);
    trackEvent(t);
    ping(t);
    expect(await hitsSent(sent)).toEqual([]);
    expect(cookieNames()).toEqual([]);
    expect(t._held).toEqual([]);
    expect(areCookiesEnabled(t)).toBe(false);
  });

  it('drops hits already waiting for the transport', async () => {
    dnt('doNotTrack', '1');
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    setDoNotTrack(t, true);
    expect(await hitsSent(sent)).toEqual([]);
  });

  it('tracks normally without DNT/GPC, or when not asked to honour them', async () => {
    const sent = captureTransport();
    dnt('doNotTrack', '0');
    dnt('globalPrivacyControl', false);
    const t = tracker();
    setDoNotTrack(t, true);
    trackPageView(t);
    dnt('doNotTrack', '1');
    const other = tracker({ siteId: 2 });
    setDoNotTrack(other, false);
    trackPageView(other);
    expect(await hitsSent(sent)).toHaveLength(2);
  });

  it('refuses a non-boolean', () => {
    dnt('doNotTrack', '1');
    const t = tracker();
    setDoNotTrack(t, 1 as unknown as boolean);
    expect(warnings).toEqual(said(['[matomo-lite] setDoNotTrack: enable must be true or false, got 1; ignored']));
    expect(t._dnt).toBeUndefined();
  });
});

describe('getters', () => {
  it('start empty', () => {
    const t = tracker();
    expect([hasConsent(t), isUserOptedOut(t), isConsentRequired(t)]).toEqual([true, false, false]);
    expect([getRememberedConsent(t), hasRememberedConsent(t), getRememberedCookieConsent(t)]).toEqual([null, false, 0]);
  });

  it('a remembered consent does not count once withdrawn', () => {
    document.cookie = 'mtm_consent=1894716000000;' + FAR;
    document.cookie = 'mtm_consent_removed=1894716100000;' + FAR;
    const t = tracker();
    expect([getRememberedConsent(t), hasRememberedConsent(t), hasConsent(t)]).toEqual([null, false, false]);
  });
});

describe('every function', () => {
  const all = {
    requireConsent, setConsentGiven, rememberConsentGiven, forgetConsentGiven, hasConsent, isConsentRequired,
    getRememberedConsent, hasRememberedConsent, requireCookieConsent, setCookieConsentGiven, rememberCookieConsentGiven,
    forgetCookieConsentGiven, getRememberedCookieConsent, optUserOut, forgetUserOptOut, isUserOptedOut, setDoNotTrack,
  };
  it.each(Object.entries(all))('%s refuses a non-tracker without throwing or writing a cookie', (name, fn) => {
    expect((fn as (t: unknown) => unknown)({})).toBeUndefined();
    expect(warnings).toEqual(said([`[matomo-lite] ${name}: first argument must be a tracker from createTracker(), got [object Object]; ignored`]));
    expect(writes).toEqual([]);
  });
});

describe('disableCookies with consent', () => {
  it('rememberConsentGiven turns cookies back on, as matomo.js', () => {
    const t = tracker();
    disableCookies(t);
    rememberConsentGiven(t);
    expect(areCookiesEnabled(t)).toBe(true);
  });
});

describe('trackers added with addTracker', () => {
  it('follow the consent calls of the tracker they were added to: the consent is the visitor\'s', async () => {
    const sent = captureTransport();
    const t = tracker();
    const other = addTracker(t, null, 2)!;
    requireConsent(t);
    trackPageView(t);
    expect(await hitsSent(sent)).toEqual([]);
    setConsentGiven(t);
    const hits = await hitsSent(sent);
    expect(hits.filter((h) => !h.get('ping')).map((h) => h.get('idsite')).sort()).toEqual(['1', '2']);
    expect(hits.every((h) => h.get('consent') == '1')).toBe(true);
    optUserOut(t);
    expect(isUserOptedOut(other)).toBe(true);
    expect(isConsentRequired(other)).toBe(true);
  });
});

describe('addTracker after requireConsent', () => {
  it('the added tracker waits for consent too', async () => {
    const sent = captureTransport();
    const t = createTracker({ trackerUrl: 'https://m.example.org/matomo.php', siteId: 1 })!;
    requireConsent(t);
    addTracker(t, null, 2);
    trackPageView(t, 'held');
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(0);
    setConsentGiven(t);
    await vi.advanceTimersByTimeAsync(1000);
    await (sent as unknown as { settled(): Promise<void> }).settled();
    const hits = sent.flatMap((s) =>
      s.body.startsWith('{') ? JSON.parse(s.body).requests.map((q: string) => parse(q.slice(1))) : [parse(hitOf(s))],
    );
    const pageViews = hits.filter((h) => h.get('action_name') == 'held').map((h) => h.get('idsite'));
    expect(pageViews.sort()).toEqual(['1', '2']);
    for (const h of hits) expect(h.get('consent')).toBe('1');
    // one cookie-enabling ping per site, each with its own visitor id
    const pings = hits.filter((h) => h.get('ping') == '1');
    expect(pings.map((h) => h.get('idsite')).sort()).toEqual(['1', '2']);
    expect(pings[0].get('_id')).not.toBe(pings[1].get('_id'));
  });
});
