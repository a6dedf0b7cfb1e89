// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { parseQuery, parseRequest, decodeComponent, CollectorError, MAX_BODY_BYTES } from '../../e2e/collector/parse.mjs';
import { TV01, tv01With } from './hits.mjs';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('parseQuery', () => {
  it('keeps wire order and duplicates in keys, the last value in params (as PHP does)', () => {
    const q = parseQuery('b=2&a=1&b=3');
    expect(q.keys).toEqual(['b', 'a', 'b']);
    expect(q.params).toEqual({ b: '3', a: '1' });
  });

  it('decodes %XX and "+" (PHP reads "+" as a space)', () => {
    expect(parseQuery('t=Products%20%26%20Co&u=a+b&e=%E2%82%AC').params).toEqual({ t: 'Products & Co', u: 'a b', e: '€' });
  });

  it('skips empty segments and reads a bare key as an empty value', () => {
    const q = parseQuery('&a=1&&flag&=x');
    expect(q.keys).toEqual(['a', 'flag']);
    expect(q.params).toEqual({ a: '1', flag: '' });
  });

  it('keeps a malformed % literally, like PHP, and notes it', () => {
    const q = parseQuery('e_n=100%&x=%zz');
    expect(q.params).toEqual({ e_n: '100%', x: '%zz' });
    expect(q.notes).toEqual(['encoding: malformed percent sequence in "e_n=100%"', 'encoding: malformed percent sequence in "x=%zz"']);
  });

  it('throws a 400 CollectorError on invalid UTF-8 after decoding', () => {
    const err = thrown(() => parseQuery('action_name=%C3%28'));
    expect(err).toBeInstanceOf(CollectorError);
    expect(err.status).toBe(400);
    expect(err.message).toBe('invalid UTF-8 after percent-decoding parameter "action_name" in the query');
  });

  it('stores "__proto__" as a plain parameter', () => {
    const q = parseQuery('__proto__=x&constructor=y&idsite=1');
    expect(Object.getPrototypeOf(q.params)).toBe(Object.prototype);
    expect(Object.keys(q.params)).toEqual(['__proto__', 'constructor', 'idsite']);
    expect(q.params.idsite).toBe('1');
  });

  it('decodeComponent leaves plain text alone', () => {
    expect(decodeComponent('abc', 'x')).toEqual({ value: 'abc', malformed: false });
  });
});

describe('parseRequest: the four ways a hit arrives', () => {
  it('GET: params in the query', () => {
    const out = parseRequest({ method: 'GET', url: `/matomo.php?${TV01}`, headers: {} });
    expect(out.bulk).toBe(false);
    expect(out.sendImage).toBe(false);
    expect(out.hits).toHaveLength(1);
    const [h] = out.hits;
    expect(h).toMatchObject({ method: 'GET', path: '/matomo.php', transport: 'get', raw: TV01, kind: 'pageview', violations: [], outcome: 'stored' });
    expect(h.keys.slice(0, 4)).toEqual(['action_name', 'idsite', 'rec', 'r']);
    expect(h.params.action_name).toBe('Products & Co');
    expect(h.params.url).toBe('https://www.example.com/products?id=5');
  });

  it('POST with an empty body (a short sendBeacon): beacon-query', () => {
    const out = parseRequest({ method: 'POST', url: `/piwik.php?${TV01}`, headers: { 'content-type': FORM }, body: Buffer.alloc(0) });
    expect(out.hits[0]).toMatchObject({ method: 'POST', path: '/piwik.php', transport: 'beacon-query', raw: TV01, contentType: FORM, violations: [] });
  });

  it('POST with a form body: post-body', () => {
    const out = parseRequest({ method: 'POST', url: '/matomo.php', headers: { 'content-type': FORM }, body: Buffer.from(TV01) });
    expect(out.hits[0]).toMatchObject({ transport: 'post-body', raw: TV01, violations: [] });
    expect(out.hits[0].params.idsite).toBe('1');
  });

  it('POST with params in both: the union, URL (GET) wins on duplicates', () => {
    const body = tv01With({ idsite: '1', action_name: 'From body' });
    const out = parseRequest({ method: 'POST', url: '/matomo.php?idsite=2&uid=u1', headers: { 'content-type': FORM }, body: Buffer.from(body) });
    const [h] = out.hits;
    expect(h.params.idsite).toBe('2');
    expect(h.params.uid).toBe('u1');
    expect(h.params.action_name).toBe('From body');
    expect(h.keys.slice(0, 3)).toEqual(['idsite', 'uid', 'action_name']);
    expect(h.raw).toBe(`idsite=2&uid=u1&${body}`);
    expect(h.violations).toEqual(['duplicate key: sent more than once: idsite']);
  });

  it('bulk JSON: one record per entry, order kept, whatever the content type', () => {
    const a = tv01With({ action_name: 'A' });
    const b = tv01With({ action_name: 'B' });
    const body = JSON.stringify({ requests: [`?${a}`, `?${b}`], send_image: 0 });
    const out = parseRequest({ method: 'POST', url: '/matomo.php', headers: { 'content-type': FORM }, body: Buffer.from(body) });
    expect(out.bulk).toBe(true);
    expect(out.sendImage).toBe(false);
    expect(out.hits.map((h) => [h.transport, h.bulkIndex, h.bulkSize, h.params.action_name, h.raw])).toEqual([
      ['bulk', 0, 2, 'A', a],
      ['bulk', 1, 2, 'B', b],
    ]);
    expect(out.hits.every((h) => h.violations.length === 0)).toBe(true);
    const plain = parseRequest({ method: 'POST', url: '/matomo.php', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: Buffer.from(body) });
    expect(plain.hits).toHaveLength(2);
  });

  it('bulk: send_image absent means Matomo answers with JSON', () => {
    const out = parseRequest({ method: 'POST', url: '/matomo.php', body: Buffer.from(JSON.stringify({ requests: [`?${TV01}`] })) });
    expect(out.sendImage).toBe(true);
  });

  it('bulk: an entry without "?" is recorded as dropped; a full URL entry is read', () => {
    const body = JSON.stringify({ requests: ['idsite=1&rec=1', `https://stats.example.org/matomo.php?${TV01}`, 7], send_image: 0 });
    const out = parseRequest({ method: 'POST', url: '/matomo.php', body: Buffer.from(body) });
    const [noMark, fullUrl, notString] = out.hits;
    expect(noMark.outcome).toBe('dropped');
    expect(noMark.violations[0]).toBe('bulk entry: must start with "?" (or be a full URL with a query); matomo.php drops it silently');
    expect(fullUrl).toMatchObject({ raw: TV01, violations: [], outcome: 'stored' });
    expect(notString.outcome).toBe('dropped');
    expect(notString.violations[0]).toBe('bulk entry: must be a string "?<hit>" (got 7)');
  });

  it('a text/plain body is recorded but flagged: PHP never parses it into $_POST', () => {
    const out = parseRequest({ method: 'POST', url: '/matomo.php', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: Buffer.from(TV01) });
    const [h] = out.hits;
    expect(h.transport).toBe('post-body');
    expect(h.outcome).toBe('error');
    expect(h.violations).toEqual([
      'content-type: body sent as "text/plain;charset=UTF-8" is ignored by matomo.php (PHP parses only application/x-www-form-urlencoded bodies)',
    ]);
  });

  it('a bare GET is the endpoint page, not a hit', () => {
    expect(parseRequest({ method: 'GET', url: '/matomo.php' })).toEqual({ bulk: false, sendImage: true, hits: [] });
  });

  it('derives the action kind and the outcome Matomo would give', () => {
    const out = parseRequest({ method: 'GET', url: '/matomo.php?idsite=0&rec=1&send_image=0' });
    expect(out.hits[0].kind).toBe('pageview');
    expect(out.hits[0].outcome).toBe('error');
    const ping = parseRequest({ method: 'GET', url: `/matomo.php?${tv01With({ action_name: null, ping: '1', rec: null })}` });
    expect(ping.hits[0]).toMatchObject({ kind: 'ping', outcome: 'excluded' });
  });
});

describe('parseRequest: malformed input throws CollectorError', () => {
  const cases = [
    ['bad bulk JSON', { method: 'POST', url: '/matomo.php', body: Buffer.from('{"requests":["?idsite=1",]}') }, 400, /^bulk body is not valid JSON: /],
    ['"requests" that is not an array', { method: 'POST', url: '/matomo.php', body: Buffer.from('{"requests":"?idsite=1"}') }, 400, /^bulk body must be a JSON object with a "requests" array$/],
    ['an empty bulk', { method: 'POST', url: '/matomo.php', body: Buffer.from('{"requests":[]}') }, 400, /^bulk body has an empty "requests" array$/],
    ['no idsite (GET)', { method: 'GET', url: '/matomo.php?rec=1&url=x' }, 400, /^no idsite parameter/],
    ['no idsite (form POST)', { method: 'POST', url: '/matomo.php', headers: { 'content-type': FORM }, body: Buffer.from('rec=1') }, 400, /^no idsite parameter/],
    ['a POST with nothing in it', { method: 'POST', url: '/matomo.php', body: Buffer.alloc(0) }, 400, /^POST with no usable input/],
    ['a body over 1 MB', { method: 'POST', url: '/matomo.php', headers: { 'content-type': FORM }, body: Buffer.alloc(MAX_BODY_BYTES + 1, 97) }, 400, /^request body over 1048576 bytes$/],
    ['invalid UTF-8 in the body', { method: 'POST', url: '/matomo.php', headers: { 'content-type': FORM }, body: Buffer.from([0x69, 0x64, 0x3d, 0xff]) }, 400, /^invalid UTF-8 in the request body$/],
    ['invalid UTF-8 in the query', { method: 'GET', url: '/matomo.php?idsite=1&action_name=%FF' }, 400, /^invalid UTF-8 after percent-decoding parameter "action_name" in the URL query$/],
    ['invalid UTF-8 in a bulk entry', { method: 'POST', url: '/matomo.php', body: Buffer.from('{"requests":["?idsite=1&e_n=%C3"]}') }, 400, /^invalid UTF-8 after percent-decoding parameter "e_n" in bulk entry 0$/],
    ['PUT', { method: 'PUT', url: '/matomo.php?idsite=1' }, 405, /^method PUT not allowed/],
  ];
  it.each(cases)('%s', (_name, req, status, message) => {
    const err = thrown(() => parseRequest(req));
    expect(err).toBeInstanceOf(CollectorError);
    expect(err.status).toBe(status);
    expect(err.message).toMatch(message);
  });
});
