import { describe, expect, it } from 'vitest';
import { stripParams, urlParam } from '../../src/core/url';
import { matchesAlias, siteAliases } from '../../src/core/domains';
import { isExcludedReferrer, readAttribution } from '../../src/core/campaign';
import { cookieName } from '../../src/core/identity';
import { clearCookies, setPage } from '../helpers';
import { createTracker } from '../../src/index';

describe('stripParams (§2.8)', () => {
  it('removes names from the query and from a query-like fragment, keeps the rest byte for byte', () => {
    expect(stripParams('https://www.example.com/?pk_vid=abc&ignore_referrer=1&x=1#frag', ['pk_vid', 'ignore_referrer'])).toBe(
      'https://www.example.com/?x=1#frag',
    );
    expect(stripParams('https://e.com/?pk_vid=1', ['pk_vid'])).toBe('https://e.com/');
    expect(stripParams('https://e.com/p#a=1&pk_vid=2', ['pk_vid'])).toBe('https://e.com/p#a=1');
    expect(stripParams('https://e.com/p#?pk_vid=2', ['pk_vid'])).toBe('https://e.com/p');
    expect(stripParams('https://e.com/?q=a%26b&x=%20', ['pk_vid'])).toBe('https://e.com/?q=a%26b&x=%20');
    // hash-routed pages keep their route, lose the parameter
    expect(stripParams('https://e.com/#/landing?pk_vid=1&x=2', ['pk_vid'])).toBe('https://e.com/#/landing?x=2');
    expect(stripParams('https://e.com/#/landing?pk_vid=1', ['pk_vid'])).toBe('https://e.com/#/landing');
  });

  it('reads a parameter from the query or the fragment, decoded', () => {
    expect(urlParam('https://e.com/?utm_campaign=Spring%20Sale', ['utm_campaign'])).toBe('Spring Sale');
    expect(urlParam('https://e.com/#pk_campaign=x', ['pk_campaign'])).toBe('x');
    expect(urlParam('https://e.com/#?pk_campaign=y', ['pk_campaign'])).toBe('y');
    expect(urlParam('https://e.com/', ['pk_campaign'])).toBe('');
    // the first name with a non-empty value wins, wherever it is in the URL
    expect(urlParam('https://e.com/?b=1&a=&c=3#a=2', ['a', 'b'])).toBe('2');
    expect(urlParam('https://e.com/?b=1&a=', ['a', 'b'])).toBe('1');
  });
});

describe('site domains (§7.4)', () => {
  it('matches hosts, wildcards and paths as matomo.js', () => {
    expect(matchesAlias('*.example.com', 'example.com', '/')).toBe(true);
    expect(matchesAlias('*.example.com', 'shop.example.com', '/')).toBe(true);
    expect(matchesAlias('.example.com', 'SHOP.example.com', '/')).toBe(true);
    expect(matchesAlias('*.example.com', 'notexample.com', '/')).toBe(false);
    expect(matchesAlias('*.example.com', 'example.com.evil.net', '/')).toBe(false);
    expect(matchesAlias('example.com/shop', 'example.com', '/shop/x')).toBe(true);
    expect(matchesAlias('example.com/shop', 'example.com', '/shop')).toBe(true);
    expect(matchesAlias('example.com/shop', 'example.com', '/shopping')).toBe(false);
    expect(matchesAlias('example.com/index*', 'example.com', '/index_fr.htm')).toBe(true);
  });

  it('adds the current host unless covered or a path restricts the list', () => {
    expect(siteAliases(['a.example'], 'www.example.com')).toEqual(['a.example', 'www.example.com']);
    expect(siteAliases(['*.example.com'], 'www.example.com')).toEqual(['*.example.com']);
    expect(siteAliases(['a.example/shop'], 'www.example.com')).toEqual(['a.example/shop']);
    expect(siteAliases(['a.example/*'], 'www.example.com')).toEqual(['a.example/*', 'www.example.com']);
  });
});

describe('excluded referrers (§5.4)', () => {
  const excluded = (list: string[], url: string) => isExcludedReferrer(createTracker({ excludedReferrers: list }), url);
  it('follows the examples of matomo.js’s tests', () => {
    expect(excluded(['google.fr'], 'https://www.google.fr/?q=x')).toBe(true);
    expect(excluded(['*.google.fr'], 'https://www.google.fr/')).toBe(true);
    expect(excluded(['www.paypal.com/proceed/'], 'https://www.paypal.com/proceed/payment/')).toBe(true);
    expect(excluded(['www.paypal.com/proceed*'], 'https://www.paypal.com/proceed-my-payment/')).toBe(true);
    expect(excluded(['www.paypal.com/proceed/shipping'], 'https://www.paypal.com/proceed/payment/')).toBe(false);
    expect(isExcludedReferrer(createTracker(), 'https://www.paypal.com/checkout')).toBe(true);
    expect(isExcludedReferrer(createTracker(), 'https://www.google.com/')).toBe(false);
  });
});

describe('_pk_ref cookie', () => {
  it('parses matomo.js’s JSON and treats anything else, or no cookie, as empty', () => {
    setPage('https://www.example.com/');
    const t = createTracker({ siteId: 1 });
    const read = (value: string) => {
      document.cookie = cookieName(t, 'ref') + '=' + encodeURIComponent(value) + ';path=/';
      return readAttribution(t);
    };
    expect(read('["Spring Sale","Shoes",1894716309,""]')).toEqual(['Spring Sale', 'Shoes', 1894716309, '']);
    expect(read('[1,null,"7","u"]')).toEqual(['1', '', 7, 'u']);
    expect(read('garbage')).toEqual(['', '', 0, '']);
    expect(read('{"a":1}')).toEqual(['', '', 0, '']);
    expect(read('["x"]')).toEqual(['x', '', 0, '']);
    // cookies off: not read
    expect(readAttribution(createTracker({ siteId: 1, disableCookies: true }))).toEqual(['', '', 0, '']);
    clearCookies();
    expect(readAttribution(t)).toEqual(['', '', 0, '']);
  });
});
