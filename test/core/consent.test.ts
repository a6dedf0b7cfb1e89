import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTracker, deleteCookies, disableCookies, getVisitorId, setSiteId, trackPageView, ping, type Tracker } from '../../src/index';
import { consentGate, consentGiven, HELD_MAX, releaseHeld, requireConsentNow } from '../../src/core/consent';
import { send } from '../../src/core/send';
import { captureTransport, clearCookies, hitOf, parse, setPage } from '../helpers';

const NOW = 1894716309000;
const FAR = 'expires=Fri, 01 Jan 2100 00:00:00 GMT;path=/';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  setPage('https://www.example.com/', { referrer: 'https://www.google.com/' });
  clearCookies();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const tracker = (extra = {}) => createTracker({ trackerUrl: 'https://m.example.org/matomo.php', siteId: 1, ...extra });

/** Lets the transport dispatch, then returns every hit sent so far (bulk bodies split), parsed. */
async function hitsSent(sent: ReturnType<typeof captureTransport>) {
  await vi.advanceTimersByTimeAsync(1000);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  return sent.flatMap((s) =>
    s.body.startsWith('{') ? (JSON.parse(s.body).requests as string[]).map((q) => q.slice(1)) : [hitOf(s)],
  ).map((raw) => ({ raw, ...parse(raw) }));
}

const trackerCookies = () => document.cookie.split(/; */).filter((c) => c.startsWith('_pk_'));

describe('the consent gate, on every tracker', () => {
  it('is installed by createTracker, first', () => {
    const t = tracker();
    expect(t._gates).toHaveLength(1);
  });

  it('lets hits through when consent is neither required nor withdrawn', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    const [hit] = await hitsSent(sent);
    expect(hit.get('_id')).toMatch(/^[0-9a-f]{16}$/);
    expect(hit.keys).not.toContain('consent');
    expect(trackerCookies().length).toBeGreaterThan(0);
  });

  it('holds hits, cookieless, when the visitor opted out on another page (mtm_consent_removed)', async () => {
    document.cookie = 'mtm_consent_removed=1894716000000;' + FAR;
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t);
    ping(t);
    expect(await hitsSent(sent)).toEqual([]);
    expect(trackerCookies()).toEqual([]);
    expect(t._held).toHaveLength(2);
    // built as matomo.js builds them: no visitor id, every hit a session start
    const held = parse(t._held![0]);
    expect(held.get('_id')).toBe('');
    expect(held.get('_idn')).toBe('1');
    expect(held.get('_refts')).toBe('1894716309');
    expect(getVisitorId(t)).toBe('');
  });

  it('drops hits without building them while Do Not Track is honoured', async () => {
    const sent = captureTransport();
    const t = tracker();
    t._dnt = true;
    const build = vi.fn(() => 'x=1');
    consentGate(t)(build);
    trackPageView(t);
    expect(build).not.toHaveBeenCalled();
    expect(t._held).toEqual([]);
    expect(await hitsSent(sent)).toEqual([]);
    expect(trackerCookies()).toEqual([]);
  });

  it('re-reads the consent cookies before every hit: an opt-in in another tab releases the held hits first', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsentNow(t);
    trackPageView(t, 'first');
    expect(await hitsSent(sent)).toEqual([]);
    document.cookie = 'mtm_consent=1894716300000;' + FAR;
    trackPageView(t, 'second');
    const hits = await hitsSent(sent);
    expect(hits.map((h) => h.get('action_name'))).toEqual(['first', 'second']);
    expect(hits.map((h) => h.get('consent'))).toEqual(['1', '1']);
    // one consent=1 each, at the end of the built part (§2.1 #29)
    expect(hits.every((h) => h.raw.split('consent=').length == 2)).toBe(true);
    expect(hits[1].raw).toMatch(/&pv_id=\w{6}&consent=1&/);
  });

  it('and an opt-out in another tab stops the next hit', async () => {
    const sent = captureTransport();
    const t = tracker();
    trackPageView(t, 'one');
    await hitsSent(sent);
    document.cookie = 'mtm_consent_removed=1894716300000;' + FAR;
    trackPageView(t, 'two');
    expect((await hitsSent(sent)).map((h) => h.get('action_name'))).toEqual(['one']);
    expect(consentGiven(t)).toBe(false);
    expect(t._cookieBlock).toBe(true);
  });

  it(`keeps at most ${HELD_MAX} held hits, the oldest`, () => {
    captureTransport();
    const t = tracker();
    requireConsentNow(t);
    for (let i = 0; i < HELD_MAX + 5; i++) trackPageView(t, 'p' + i);
    expect(t._held).toHaveLength(HELD_MAX);
    expect(parse(t._held![0]).get('action_name')).toBe('p0');
  });

  it('releases held hits in order with consent=1 only when consent was required', async () => {
    const sent = captureTransport();
    const t = tracker();
    t._held!.push('action_name=a&idsite=1', 'action_name=b&idsite=1');
    releaseHeld(t);
    t._consentRequired = true;
    t._held!.push('action_name=c&idsite=1');
    releaseHeld(t);
    expect((await hitsSent(sent)).map((h) => h.raw.split('&uadata')[0].split('&pdf')[0].split('&cookie')[0])).toEqual([
      'action_name=a&idsite=1',
      'action_name=b&idsite=1',
      'action_name=c&idsite=1&consent=1',
    ]);
    expect(t._held).toEqual([]);
  });
});

describe('requireConsentNow', () => {
  it('turns cookies off without deleting them, and deletes them when the page is left without consent', () => {
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR;
    const t = tracker();
    requireConsentNow(t);
    expect(t._consentRequired).toBe(true);
    expect(t._cfg.disableCookies).toBe(true);
    expect(trackerCookies()).toHaveLength(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(trackerCookies()).toEqual([]);
  });

  it('keeps cookies on with a remembered consent, and keeps them on leaving', () => {
    document.cookie = 'mtm_consent=1894716000000;' + FAR;
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR;
    const t = tracker();
    requireConsentNow(t);
    expect(t._cfg.disableCookies).toBe(false);
    window.dispatchEvent(new Event('pagehide'));
    expect(trackerCookies()).toHaveLength(1);
    expect(getVisitorId(t)).toBe('0123456789abcdef');
  });

  it('adds its leave hook and consent=1 once, however often it runs', async () => {
    const sent = captureTransport();
    document.cookie = 'mtm_consent=1894716000000;' + FAR;
    const t = tracker();
    requireConsentNow(t);
    requireConsentNow(t);
    expect(t._onLeave).toHaveLength(1);
    trackPageView(t);
    const hits = await hitsSent(sent);
    expect(hits.map((h) => h.raw.split('consent=').length)).toEqual([2]);
  });
});

describe('disableCookies (cookieless mode, §3.6, TV-12)', () => {
  it('sends _id empty, _idn=1, attribution on every hit, cookie=1, and writes no cookie', async () => {
    const sent = captureTransport();
    const t = tracker();
    disableCookies(t);
    trackPageView(t);
    ping(t);
    const hits = await hitsSent(sent);
    expect(hits).toHaveLength(2);
    for (const hit of hits) {
      expect(hit.raw).toContain('&_id=&_idn=1&send_image=0&_refts=1894716309&_ref=https%3A%2F%2Fwww.google.com%2F&');
      expect(hit.get('cookie')).toBe('1');
    }
    expect(document.cookie).toBe('');
  });

  it('deletes cookies left from before on every hit, also when set before the site id or in createTracker', async () => {
    captureTransport();
    const existing = () => (document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR);
    existing();
    const viaOption = tracker({ disableCookies: true });
    expect(trackerCookies()).toHaveLength(1);
    trackPageView(viaOption);
    expect(trackerCookies()).toEqual([]);

    existing();
    const beforeSite = createTracker({ trackerUrl: 'https://m.example.org/matomo.php' });
    disableCookies(beforeSite);
    setSiteId(beforeSite, 1);
    trackPageView(beforeSite);
    expect(trackerCookies()).toEqual([]);
  });
});

describe('deleteCookies', () => {
  it('removes every cookie the tracker wrote, and the next hit is a new visitor', async () => {
    const sent = captureTransport();
    const t: Tracker = tracker();
    trackPageView(t);
    await hitsSent(sent);
    const first = getVisitorId(t);
    expect(trackerCookies().map((c) => c.split('=')[0]).sort()).toEqual(['_pk_id.1.2a0b', '_pk_ref.1.2a0b', '_pk_ses.1.2a0b']);
    document.cookie = 'mtm_consent=1894716000000;' + FAR;
    deleteCookies(t);
    expect(trackerCookies()).toEqual([]);
    // the visitor's consent choice is not the tracker's to delete
    expect(document.cookie).toContain('mtm_consent=');
    trackPageView(t);
    const hits = await hitsSent(sent);
    expect(hits[1].get('_idn')).toBe('1');
    expect(hits[1].get('_id')).not.toBe(first);
  });
});

describe('send through the gate', () => {
  it('holds the hit instead of queuing it', () => {
    captureTransport();
    const t = tracker();
    requireConsentNow(t);
    send(t, [['ping', 1]], 'test');
    expect(t._held).toHaveLength(1);
    expect(t._queue).toHaveLength(0);
  });
});

describe('consent given in another tab', () => {
  it('sends what waited first, even when the next hit fails to build', async () => {
    const sent = captureTransport();
    const t = tracker();
    requireConsentNow(t);
    trackPageView(t, 'held');
    document.cookie = 'mtm_consent=1894716000000;' + FAR;
    const unwritable = {
      toString() {
        throw new Error('unwritable');
      },
    };
    trackPageView(t, 'fails', { dimension1: unwritable });
    const hits = await hitsSent(sent);
    expect(hits.map((h) => h.get('action_name'))).toEqual(['held']);
    expect(hits[0].get('consent')).toBe('1');
  });
});

describe('a tracker created for a visitor who opted out elsewhere', () => {
  it('reads no cookie even before its first hit', () => {
    document.cookie = '_pk_id.1.2a0b=0123456789abcdef.1894716000.;' + FAR;
    document.cookie = 'mtm_consent_removed=1894716000000;' + FAR;
    const t = tracker();
    expect(t._cookieBlock).toBe(true);
    expect(getVisitorId(t)).toBe('');
  });
});
