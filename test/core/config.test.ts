import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createTracker,
  getSiteId,
  getTrackerUrl,
  setCookieSameSite,
  setCustomData,
  getCustomData,
  setRequestMethod,
  setSecureCookie,
  setSiteId,
  setTrackerUrl,
  setVisitorCookieTimeout,
  setDomains,
} from '../../src/index';
import { setPage } from '../helpers';
import { said, saidLine } from '../warnings';

const warnings = () => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => spy.mock.calls.map((call) => String(call[0]));
};

afterEach(() => setPage('https://www.example.com/'));

describe('createTracker options', () => {
  it('takes matomo.js defaults and the given options', () => {
    setPage('https://www.example.com/');
    const t = createTracker({ trackerUrl: 'https://stats.example.org/matomo.php', siteId: 3, domains: '*.example.com' });
    expect(t._cfg.siteId).toBe('3');
    expect(t._cfg.cookieNamePrefix).toBe('_pk_');
    expect(t._cfg.visitorCookieTimeout).toBe(33955200);
    expect(t._cfg.sessionCookieTimeout).toBe(1800);
    expect(t._cfg.referralCookieTimeout).toBe(15768000);
    expect(t._cfg.cookieSameSite).toBe('Lax');
    expect(t._cfg.domains).toEqual(['*.example.com']);
    expect(t._cfg.excludedReferrers).toEqual(['.paypal.com']);
  });

  it('refuses bad values with one warning naming the call, keeps the previous value', () => {
    const seen = warnings();
    const t = createTracker({ trackerUrl: 'ftp://x/matomo.php', siteId: 'abc', visitorCookieTimeout: -1, nonsense: 1 } as never);
    expect(t._cfg.trackerUrl).toBe('');
    expect(t._cfg.siteId).toBe('');
    expect(t._cfg.visitorCookieTimeout).toBe(33955200);
    expect(seen()).toEqual(said([
      '[matomo-lite] createTracker: trackerUrl must be an http(s) URL, got "ftp://x/matomo.php"; ignored',
      '[matomo-lite] createTracker: siteId must be an integer > 0, got "abc"; ignored',
      '[matomo-lite] createTracker: visitorCookieTimeout must be a number of seconds > 0, got -1; ignored',
      '[matomo-lite] createTracker: unknown option "nonsense"; ignored',
    ]));
  });

  it('takes only its own options, never inherited names such as __proto__', () => {
    const seen = warnings();
    const t = createTracker(JSON.parse('{"__proto__": {"siteId": "9"}, "toString": 1, "siteId": 2}'));
    expect(Object.getPrototypeOf(t._cfg)).toBe(Object.prototype);
    expect(t._cfg.siteId).toBe('2');
    expect(seen()).toEqual(said([
      '[matomo-lite] createTracker: unknown option "__proto__"; ignored',
      '[matomo-lite] createTracker: unknown option "toString"; ignored',
    ]));
  });

  it('survives a non-object config', () => {
    const seen = warnings();
    expect(createTracker(42 as never)._cfg.siteId).toBe('');
    expect(seen()[0]).toContain(saidLine('createTracker: options must be an object, got 42'));
  });

  it('two trackers are independent', () => {
    const a = createTracker({ siteId: 1 });
    const b = createTracker({ siteId: 2 });
    setDomains(a, ['a.example']);
    expect(b._cfg.domains).toEqual([]);
    expect(a._cfg.siteId).toBe('1');
  });
});

describe('setters', () => {
  it('each option has a setter that validates the same way', () => {
    const seen = warnings();
    const t = createTracker();
    setTrackerUrl(t, '//stats.example.org/matomo.php');
    setSiteId(t, '7');
    setSiteId(t, 0 as never);
    expect(getTrackerUrl(t)).toBe('//stats.example.org/matomo.php');
    expect(getSiteId(t)).toBe('7');
    expect(seen()).toEqual(said(['[matomo-lite] setSiteId: siteId must be an integer > 0, got 0; ignored']));
    setVisitorCookieTimeout(t, 60);
    expect(t._cfg.visitorCookieTimeout).toBe(60);
  });

  it('normalises case where Matomo is case-insensitive', () => {
    const t = createTracker();
    setCookieSameSite(t, 'strict');
    setRequestMethod(t, 'post');
    expect(t._cfg.cookieSameSite).toBe('Strict');
    expect(t._cfg.requestMethod).toBe('POST');
  });

  it('refuses Secure cookies on an http page', () => {
    setPage('http://www.example.com/');
    const seen = warnings();
    const t = createTracker();
    setSecureCookie(t, true);
    expect(t._cfg.secureCookie).toBe(false);
    expect(seen()[0]).toContain(saidLine('setSecureCookie: secureCookie must be false on an http page'));
    setPage('https://www.example.com/');
    setSecureCookie(t, true);
    expect(t._cfg.secureCookie).toBe(true);
  });

  it('setCustomData takes an object or a key and a value', () => {
    const t = createTracker();
    setCustomData(t, { a: 1 });
    setCustomData(t, 'b', 'two');
    expect(getCustomData(t)).toEqual({ a: 1, b: 'two' });
  });

  it('customData takes any JSON, whatever it held before', () => {
    const seen = warnings();
    const t = createTracker();
    setCustomData(t, [1]);
    setCustomData(t, 'text');
    expect(getCustomData(t)).toBe('text');
    setCustomData(t, [1]);
    setCustomData(t, { a: 1 });
    expect(getCustomData(t)).toEqual({ a: 1 });
    expect(seen()).toEqual([]);
  });

  it('never throws on a missing or foreign tracker', () => {
    const seen = warnings();
    expect(() => setSiteId(undefined as never, 1)).not.toThrow();
    expect(() => getSiteId({} as never)).not.toThrow();
    expect(seen()[0]).toBe(saidLine('[matomo-lite] setSiteId: first argument must be a tracker from createTracker(), got undefined; ignored'));
  });
});
