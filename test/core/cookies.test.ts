import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteCookie, readCookie, REWRITE_MS, withOneCookieRead, writeCookie } from '../../src/core/cookies';
import { clearCookies, setPage } from '../helpers';

const SCOPE = ';path=/;SameSite=Lax';
const LATER = Date.now() + 3600_000;

/** Counts reads and writes of document.cookie from now on. */
function spyCookie() {
  let proto = Object.getPrototypeOf(document);
  while (!Object.getOwnPropertyDescriptor(proto, 'cookie')) proto = Object.getPrototypeOf(proto);
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'cookie')!;
  const count = { reads: 0, writes: [] as string[] };
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get() {
      count.reads++;
      return descriptor.get!.call(document);
    },
    set(value: string) {
      count.writes.push(value.split(';')[0]!);
      descriptor.set!.call(document, value);
    },
  });
  return count;
}

beforeEach(() => {
  setPage('https://www.example.com/');
  clearCookies();
});
afterEach(() => {
  delete (document as { cookie?: string }).cookie;
});

describe('readCookie / writeCookie', () => {
  it('reads whole names only, the first of two, decoded', () => {
    document.cookie = 'x_pk_id.1.ab=no;path=/';
    document.cookie = '_pk_id.1.ab=a%20b;path=/';
    expect(readCookie('_pk_id.1.ab')).toBe('a b');
    expect(readCookie('_pk_id.1')).toBeUndefined();
  });
});

describe('writeCookie', () => {
  afterEach(() => vi.useRealTimers());

  it('does not write the same value again within REWRITE_MS while the cookie holds it', () => {
    vi.useFakeTimers({ now: 1894716309000, toFake: ['Date'] });
    const count = spyCookie();
    writeCookie('_pk_ses.1.ab', '1', Date.now() + 1800_000, SCOPE);
    vi.advanceTimersByTime(REWRITE_MS - 1);
    writeCookie('_pk_ses.1.ab', '1', Date.now() + 1800_000, SCOPE);
    expect(count.writes).toEqual(['_pk_ses.1.ab=1']);
    // later: written, the session's expiry moves on
    vi.advanceTimersByTime(1);
    writeCookie('_pk_ses.1.ab', '1', Date.now() + 1800_000, SCOPE);
    // removed by someone else, or another value: written at once
    document.cookie = '_pk_ses.1.ab=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/';
    writeCookie('_pk_ses.1.ab', '1', Date.now() + 1800_000, SCOPE);
    writeCookie('_pk_ses.1.ab', '2', Date.now() + 1800_000, SCOPE);
    expect(count.writes).toEqual(['_pk_ses.1.ab=1', '_pk_ses.1.ab=1', '_pk_ses.1.ab=', '_pk_ses.1.ab=1', '_pk_ses.1.ab=2']);
    expect(readCookie('_pk_ses.1.ab')).toBe('2');
  });
});

describe('withOneCookieRead', () => {
  it('reads document.cookie once for a whole batch of hits, and sees its own writes', () => {
    document.cookie = 'mtm_consent=1;path=/';
    const count = spyCookie();
    withOneCookieRead(() => {
      for (let hit = 0; hit < 10; hit++) {
        expect(readCookie('mtm_consent')).toBe('1');
        expect(readCookie('_pk_ses.1.ab')).toBe(hit ? '1' : undefined);
        writeCookie('_pk_ses.1.ab', '1', LATER + hit, SCOPE);
        writeCookie('_pk_id.1.ab', 'id.1.', LATER, SCOPE);
      }
    });
    expect(count.reads).toBe(1);
    // the same value again in the batch: written once
    expect(count.writes).toEqual(['_pk_ses.1.ab=1', '_pk_id.1.ab=id.1.']);
    expect(readCookie('_pk_ses.1.ab')).toBe('1');
    expect(count.reads).toBe(2);
  });

  it('writes a changed value, and sees a deleted cookie as gone', () => {
    const count = spyCookie();
    withOneCookieRead(() => {
      writeCookie('a', '1', LATER, SCOPE);
      writeCookie('a', '2', LATER, SCOPE);
      expect(readCookie('a')).toBe('2');
      deleteCookie('a', SCOPE);
      expect(readCookie('a')).toBeUndefined();
      writeCookie('a', '2', LATER, SCOPE);
    });
    expect(count.writes).toEqual(['a=1', 'a=2', 'a=', 'a=2']);
    expect(readCookie('a')).toBe('2');
  });

  it('does not read document.cookie for a batch that reads no cookie', () => {
    const count = spyCookie();
    withOneCookieRead(() => {});
    expect(count.reads).toBe(0);
  });

  it('reads afresh in the next batch, and after a batch that threw', () => {
    const count = spyCookie();
    expect(() =>
      withOneCookieRead(() => {
        readCookie('later');
        throw new Error('hit failed');
      }),
    ).toThrow();
    document.cookie = 'later=1;path=/';
    withOneCookieRead(() => {
      withOneCookieRead(() => expect(readCookie('later')).toBe('1'));
    });
    expect(count.reads).toBe(2);
  });
});
