// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { validateHit, checkHit, actionKind, RULES, describeRules } from '../../e2e/collector/validate.mjs';
import { parseQuery } from '../../e2e/collector/parse.mjs';
import { TV01, tv01With, eventWith, mediaWith } from './hits.mjs';

function violationsOf(raw, transport = 'beacon-query') {
  const { keys, params } = parseQuery(raw);
  return validateHit(params, keys, raw, { transport });
}

describe('validateHit: hits matomo.js sends', () => {
  it('passes the TV-01 page view with zero violations', () => {
    expect(violationsOf(TV01)).toEqual([]);
  });

  it('passes an event, a ping, a goal, an order, a search, a link and a content impression', () => {
    const ok = [
      eventWith({ e_n: 'Intro', e_v: '1.5' }),
      tv01With({ action_name: null, ping: '1' }),
      tv01With({ action_name: null, idgoal: '3', revenue: '9.99' }),
      tv01With({ action_name: null, idgoal: '0', ec_id: 'A1', revenue: '10', ec_st: '8', ec_items: '[["SKU1","Shirt","Clothes",19.99,2]]' }),
      tv01With({ action_name: null, search: 'shoes', search_cat: 'all', search_count: '0' }),
      tv01With({ action_name: null, link: 'https://other.example/' }),
      tv01With({ action_name: null, download: 'https://www.example.com/a.pdf' }),
      // TV-22: a click on a content block that is an outlink
      tv01With({ action_name: null, link: 'https://ads.example.net/land', c_i: 'click', c_n: 'img.jpg', c_p: 'img.jpg', c_t: 'https://ads.example.net/land', ca: '1' }),
      tv01With({ action_name: null, c_n: 'Banner', c_p: 'img.png', c_t: 'https://x.example/', ca: '1' }),
      tv01With({ action_name: null, c_i: 'click', c_n: 'Banner', c_p: 'img.png', ca: '1' }),
      tv01With({ _id: '' }),
      tv01With({ dimension1: '', dimension12: 'blue' }),
      mediaWith(),
      mediaWith({ ma_mt: 'audio', ma_ti: null, ma_ttp: null, ma_w: null, ma_h: null, ma_fs: null, ma_se: null, ma_le: null, ma_st: '0' }),
    ];
    for (const raw of ok) expect(violationsOf(raw), raw).toEqual([]);
  });

  it('accepts send_image=1 only on an image GET', () => {
    const raw = tv01With({ send_image: '1' });
    expect(violationsOf(raw, 'get')).toEqual([]);
    expect(violationsOf(raw, 'beacon-query')).toEqual(['send_image: must be 0 (1 only on image GETs) (got "1")']);
  });
});

// One row per rule: a hit that breaks it, and the exact violation expected.
const CASES = [
  ['idsite', tv01With({ idsite: '0' }), 'idsite: must be an integer > 0 (got "0")'],
  ['idsite', tv01With({ idsite: 'abc' }), 'idsite: must be an integer > 0 (got "abc")'],
  ['idsite', tv01With({ idsite: null }), 'idsite: must be an integer > 0 (missing)'],
  ['rec', tv01With({ rec: null }), 'rec: must be 1, else Matomo stores nothing (got nothing)'],
  ['rec', tv01With({ rec: '0' }), 'rec: must be 1, else Matomo stores nothing (got "0")'],
  ['_id', tv01With({ _id: 'feba15f90443875' }), '_id: must be empty or 16 hex characters (got "feba15f90443875")'],
  ['_id', tv01With({ _id: 'zzzz15f904438755' }), '_id: must be empty or 16 hex characters (got "zzzz15f904438755")'],
  ['cid', tv01With({ cid: 'abc' }), 'cid: must be exactly 16 characters (got "abc")'],
  ['e_c/e_a', eventWith({ e_c: ' ' }), 'e_c/e_a: both must be non-empty after trimming when either is present (e_c=" ")'],
  ['e_c/e_a', eventWith({ e_a: null }), 'e_c/e_a: both must be non-empty after trimming when either is present (e_a=missing)'],
  ['c_n', tv01With({ action_name: null, c_n: '  ', c_p: 'x', ca: '1' }), 'c_n: must be non-empty after trimming (got "  ")'],
  ['idgoal', tv01With({ action_name: null, idgoal: 'one' }), 'idgoal: must be an integer (got "one")'],
  ['float', tv01With({ action_name: null, idgoal: '1', revenue: '9,99' }), 'float: revenue must be a float (got "9,99")'],
  ['float', eventWith({ e_v: 'abc' }), 'float: e_v must be a float (got "abc")'],
  ['float', tv01With({ _pkp: 'cheap' }), 'float: _pkp must be a float (got "cheap")'],
  ['ec_items', tv01With({ action_name: null, idgoal: '0', revenue: '1', ec_items: '[1,2]' }), 'ec_items: must be a JSON array of arrays (got "[1,2]")'],
  ['ec_items', tv01With({ action_name: null, idgoal: '0', revenue: '1', ec_items: '[[' }), 'ec_items: must be a JSON array of arrays (not JSON: "[[")'],
  ['pf_*', tv01With({ pf_srv: '16777216' }), 'pf_*: pf_srv must be an integer 0..16777215 (got "16777216")'],
  ['pf_*', tv01With({ pf_onl: '1.5' }), 'pf_*: pf_onl must be an integer 0..16777215 (got "1.5")'],
  ['pf_*', tv01With({ pf_foo: '1' }), 'pf_*: pf_foo is not a page performance parameter (pf_net, pf_srv, pf_tfr, pf_dm1, pf_dm2, pf_onl)'],
  ['pf_* on page view', tv01With({ pf_net: '-5' }), 'pf_* on page view: a negative value on a page view gives HTTP 400 (pf_net=-5)'],
  ['h/m/s', tv01With({ h: '24' }), 'h/m/s: h must be an integer 0–23 (got "24")'],
  ['h/m/s', tv01With({ s: '60' }), 'h/m/s: s must be an integer 0–59 (got "60")'],
  ['ca+ping', tv01With({ action_name: null, ping: '1', ca: '1' }), 'ca+ping: ca=1 must never be sent with ping=1 (server error, hit dropped)'],
  ['ca without action', tv01With({ action_name: null, ca: '1' }), 'ca without action: ca=1 without any action parameter (e_c, e_a, c_n, ma_id, link, download, search, idgoal): no handler, hit dropped'],
  ['cdo', tv01With({ cdo: '-5' }), 'cdo: must be whole seconds ≥ 0 (got "-5")'],
  ['cdo', tv01With({ cdo: '1.5' }), 'cdo: must be whole seconds ≥ 0 (got "1.5")'],
  ['cdo', tv01With({ cdo: '86401' }), 'cdo: a hit 86401 s old needs token_auth: Matomo answers 400 (over 86400 s)'],
  ['ma_* required', mediaWith({ ma_re: null }), 'ma_* required: a media hit needs ma_re (missing or empty)'],
  ['ma_* required', mediaWith({ ma_id: '', ma_mt: null }), 'ma_* required: a media hit needs ma_id, ma_mt (missing or empty)'],
  ['ma_* values', mediaWith({ ma_id: 'a-b' }), 'ma_* values: ma_id must be letters and digits (got "a-b")'],
  ['ma_* values', mediaWith({ ma_mt: 'movie' }), 'ma_* values: ma_mt must be video or audio (got "movie")'],
  ['ma_* values', mediaWith({ ma_st: '-1' }), 'ma_* values: ma_st must be a number ≥ 0 (got "-1")'],
  ['ma_* values', mediaWith({ ma_le: 'Infinity' }), 'ma_* values: ma_le must be a number ≥ 0 (got "Infinity")'],
  ['ma_* values', mediaWith({ ma_fs: 'true' }), 'ma_* values: ma_fs must be 0 or 1 (got "true")'],
  ['ma_* values', mediaWith({ ma_se: '5,x' }), 'ma_* values: ma_se must be positions in seconds, comma-separated (got "5,x")'],
  ['ma_* values', mediaWith({ ma_se: '5,10,5' }), 'ma_* values: ma_se sends each position once (got "5,10,5")'],
  ['ma_* values', mediaWith({ ma_foo: '1' }), 'ma_* values: ma_foo is not a Media Analytics parameter'],
  ['search_count', tv01With({ action_name: null, search: 'shoes', search_count: 'many' }), 'search_count: must be an integer ≥ 0 (got "many")'],
  ['send_image', tv01With({ send_image: null }), 'send_image: must be 0 (1 only on image GETs) (got nothing)'],
  ['r', tv01With({ r: '12a' }), 'r: must be digits (got "12a")'],
  ['url', tv01With({ url: '/products?id=5' }), 'url: must be an absolute http(s) URL (got "/products?id=5")'],
  ['url', tv01With({ url: 'file:///home/me/page.html' }), 'url: must be an absolute http(s) URL (got "file:///home/me/page.html")'],
  ['url', tv01With({ url: null }), 'url: must be an absolute http(s) URL (missing)'],
  ['urlref', tv01With({ urlref: 'google' }), 'urlref: must be an absolute URL (got "google")'],
  ['pv_id', tv01With({ pv_id: 'h5pKg' }), 'pv_id: must be 6 characters [0-9a-zA-Z] (got "h5pKg")'],
  ['pv_id', tv01With({ pv_id: 'h5p_gT' }), 'pv_id: must be 6 characters [0-9a-zA-Z] (got "h5p_gT")'],
  ['res', tv01With({ res: '1920*1080' }), 'res: must be WxH, e.g. 1920x1080 (got "1920*1080")'],
  ['uadata', tv01With({ uadata: '[]' }), 'uadata: must be a JSON object (got "[]")'],
  ['uadata', tv01With({ uadata: '{brands' }), 'uadata: must be a JSON object (not JSON: "{brands")'],
  ['flags', tv01With({ cookie: 'true' }), 'flags: cookie must be 0 or 1 (got "true")'],
  ['flags', tv01With({ _idn: '2' }), 'flags: _idn must be 0 or 1 (got "2")'],
  ['_refts', tv01With({ _refts: '-1' }), '_refts: must be Unix seconds, digits only (got "-1")'],
  ['only 1', tv01With({ action_name: null, ping: 'true' }), 'only 1: ping is only ever sent as 1 (got "true")'],
  ['only 1', tv01With({ consent: '0' }), 'only 1: consent is only ever sent as 1 (got "0")'],
  ['ca on actions', eventWith({ ca: null }), 'ca on actions: e_c/e_a hits must carry ca=1 (missing)'],
  ['link/download', tv01With({ action_name: null, link: '/relative' }), 'link/download: link must be an absolute URL (got "/relative")'],
  ['link/download', tv01With({ action_name: null, download: 'mailto:a@b.c' }), 'link/download: download must not be a mailto: URL (matomo.js never tracks one)'],
  ['link/download', tv01With({ action_name: null, link: 'https://a.example/', download: 'https://a.example/a.pdf' }), 'link/download: link and download must not be sent together'],
  ['ca on links', tv01With({ action_name: null, link: 'https://a.example/', ca: '1' }), 'ca on links: ca=1 on a link or download hit without a content interaction (c_i, c_n…)'],
  ['content part', tv01With({ action_name: null, c_n: 'Ad', c_p: 'x', c_t: '', ca: '1' }), 'content part: c_t is empty (matomo.js leaves an empty one out)'],
  ['content part', tv01With({ action_name: null, link: 'https://x.example/', c_i: 'click', c_p: 'x' }), 'content part: c_i, c_p without c_n: Matomo records no content action'],
  ['content part', tv01With({ action_name: null, c_n: 'Ad', ca: '1' }), 'content part: an impression without c_p: Matomo pairs interactions with impressions by c_n and c_p'],
  ['dimensionN', tv01With({ dimension0: 'x' }), 'dimensionN: "dimension0" is not dimensionN with N ≥ 1'],
  ['dimensionN', tv01With({ dimensionColor: 'x' }), 'dimensionN: "dimensionColor" is not dimensionN with N ≥ 1'],
  ['junk value', eventWith({ e_n: 'null' }), 'junk value: e_n=null leaks a JavaScript value onto the wire'],
  ['junk value', tv01With({ action_name: 'undefined' }), 'junk value: action_name=undefined leaks a JavaScript value onto the wire'],
  ['junk value', tv01With({ action_name: null, idgoal: '0', ec_id: 'A', revenue: '1', ec_st: 'NaN', ec_items: '[]' }), 'junk value: ec_st=NaN leaks a JavaScript value onto the wire'],
  ['duplicate key', `${TV01}&idsite=2`, 'duplicate key: sent more than once: idsite'],
  ['action_name', eventWith({ action_name: 'Home' }), 'action_name: only page views carry action_name (this hit also has e_c, e_a)'],
  ['action_name', tv01With({ ping: '1' }), 'action_name: only page views carry action_name (this hit also has ping)'],
  ['encoding', TV01.replace('url=https%3A%2F%2Fwww.example.com%2Fproducts%3Fid%3D5', 'url=https://www.example.com/products'), 'encoding: characters left unencoded in the query: ":" "/"'],
];

describe('validateHit: every rule fires', () => {
  it.each(CASES)('%s: %s', (rule, raw, expected) => {
    expect(violationsOf(raw)).toContain(expected);
  });

  it('has at least one case for each rule', () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('passes a hit retried within 24 h (cdo, no token_auth)', () => {
    expect(violationsOf(tv01With({ cdo: '82800' }))).toEqual([]);
  });

  it('fires exactly the broken rule and no other on a single change', () => {
    expect(violationsOf(tv01With({ idsite: '-3' }))).toEqual(['idsite: must be an integer > 0 (got "-3")']);
    expect(violationsOf(eventWith({ e_c: '' }))).toEqual(['e_c/e_a: both must be non-empty after trimming when either is present (e_c="")']);
  });

  it('only rejects a negative pf_* outright on a page view', () => {
    const onEvent = violationsOf(eventWith({ pf_net: '-5' }));
    expect(onEvent).toEqual(['pf_*: pf_net must be an integer 0..16777215 (got "-5")']);
  });

  it('gives each violation the severity Matomo implies', () => {
    const sev = (raw) => checkHit(parseQuery(raw).params, parseQuery(raw).keys, raw).map((v) => v.severity);
    expect(sev(tv01With({ idsite: '0' }))).toEqual(['error']);
    expect(sev(tv01With({ rec: null }))).toEqual(['excluded']);
    expect(sev(tv01With({ action_name: null, ca: '1' }))).toEqual(['fatal']);
    expect(sev(eventWith({ e_v: 'abc' }))).toEqual(['ignored']);
    expect(sev(tv01With({ pv_id: 'x' }))).toEqual(['client']);
  });

  it('describes the rules without their functions, for the inspector', () => {
    const rules = describeRules();
    expect(rules).toHaveLength(RULES.length);
    expect(rules[0]).toEqual({ id: 'idsite', severity: 'error', source: '§13.2', text: 'idsite must be an integer > 0' });
    expect(JSON.parse(JSON.stringify(rules))).toEqual(rules);
  });
});

describe('actionKind', () => {
  it.each([
    [TV01, 'pageview'],
    [eventWith(), 'event'],
    [tv01With({ action_name: null, ping: '1' }), 'ping'],
    [tv01With({ action_name: null, idgoal: '2' }), 'goal'],
    [tv01With({ action_name: null, idgoal: '0', revenue: '1', ec_items: '[]' }), 'ecommerce'],
    [tv01With({ action_name: null, search: 'x' }), 'search'],
    [tv01With({ action_name: null, link: 'https://a.example/' }), 'link'],
    [tv01With({ action_name: null, download: 'https://a.example/f.pdf' }), 'download'],
    [tv01With({ action_name: null, link: 'https://a.example/', c_i: 'click', c_n: 'Ad', ca: '1' }), 'link'],
    [tv01With({ action_name: null, c_n: 'Ad', c_p: 'x', ca: '1' }), 'content'],
    [tv01With({ action_name: null, ma_id: 'abc', ma_re: 'https://a.example/v.mp4', ma_mt: 'video', ca: '1' }), 'media'],
    [tv01With({ action_name: null, ca: '1' }), 'unknown'],
  ])('%s → %s', (raw, kind) => {
    expect(actionKind(parseQuery(raw).params)).toBe(kind);
  });
});
