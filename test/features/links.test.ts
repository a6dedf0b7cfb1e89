import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDownloadExtensions,
  addListener,
  enableLinkTracking,
  getLinkTrackingTimer,
  removeDownloadExtensions,
  requireConsent,
  setConsentGiven,
  setDomains,
  setDownloadClasses,
  setDownloadExtensions,
  setExcludedQueryParams,
  setIgnoreClasses,
  setLinkClasses,
  setLinkTrackingTimer,
  trackLink,
  trackPageView,
  type Tracker,
} from '../../src/index';
import { DOWNLOAD_EXTENSIONS, linkKind, linkOf } from '../../src/features/link-kind';
import { actionPart, setup, teardown, tracker, type SentHit } from './support';
import { said } from '../warnings';

const PAGE = 'https://www.example.com/';
const enc = encodeURIComponent;

const stops: (() => void)[] = [];
// happy-dom follows a clicked link: the page must stay where it is (a cancelled click is tracked all the same)
const stay = (event: Event) => event.preventDefault();
beforeEach(() => {
  for (const type of ['click', 'auxclick', 'contextmenu']) addEventListener(type, stay, true);
});
afterEach(() => {
  // every test's listeners go, so they cannot track the next test's clicks
  for (const stop of stops.splice(0)) stop();
  for (const type of ['click', 'auxclick', 'contextmenu']) removeEventListener(type, stay, true);
  document.body.innerHTML = '';
  teardown();
});

/** TV-20's setup: page https://www.example.com/, setDomains('*.example.com'), link tracking on. */
function tv20(options: { url?: string; domains?: string | string[]; pseudoClicks?: boolean } = {}) {
  const recorder = setup(options.url ?? PAGE, '');
  const t = tracker();
  setDomains(t, options.domains ?? ['*.example.com']);
  stops.push(enableLinkTracking(t, options.pseudoClicks));
  let seen = 0;
  /** The action parts of the hits sent since the last call. */
  const fresh = async (): Promise<string[]> => {
    const all = await recorder.hits();
    return all.slice(seen, (seen = all.length)).map(actionPart);
  };
  return { ...recorder, t, fresh };
}

/** Puts this markup in the page; returns the element marked `data-click`, else the first one. */
function markup(html: string): Element {
  document.body.innerHTML = html;
  return document.querySelector('[data-click]') || document.body.firstElementChild!;
}

const click = (element: Element, type = 'click', init: MouseEventInit = {}) =>
  element.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, ...init }));

describe('TV-20: link classification', () => {
  const ROWS: [string, string | undefined][] = [
    ['<a href="https://other.example.org/page">', 'link=' + enc('https://other.example.org/page')],
    ['<a href="/files/report.PDF?v=2">', 'download=' + enc('https://www.example.com/files/report.PDF?v=2')],
    ['<a href="/about">', undefined],
    ['<a class="matomo_link" href="/partner">', 'link=' + enc('https://www.example.com/partner')],
    ['<a class="matomo_ignore" href="https://other.example.org/ign">', undefined],
    ['<a href="mailto:a@b.c">', undefined],
    ['<a download href="/export">', 'download=' + enc('https://www.example.com/export')],
    ['<a href="https://shop.example.com/x">', undefined],
    ['<a href="https://example.com.evil.net/">', 'link=' + enc('https://example.com.evil.net/')],
    ['<a href="https://cdn.example.net/app.js">', 'download=' + enc('https://cdn.example.net/app.js')],
    ['<a href="https://nested.example.org/"><span data-click>go</span></a>', 'link=' + enc('https://nested.example.org/')],
  ];

  for (const [html, expected] of ROWS) {
    it(`${html} → ${expected ?? 'nothing'}`, async () => {
      const { fresh } = tv20();
      click(markup(html));
      expect(await fresh()).toEqual(expected ? [expected] : []);
    });
  }

  it('reports the current page as url, not the link (§7.7), with no ca and no action_name', async () => {
    const { hits } = tv20({ url: 'https://www.example.com/products?id=5' });
    click(markup('<a href="https://other.example.org/page">'));
    const [hit] = await hits();
    expect(hit.keys.slice(0, 2)).toEqual(['link', 'idsite']);
    expect(hit.get('url')).toBe('https://www.example.com/products?id=5');
    expect(hit.keys).not.toContain('ca');
    expect(hit.keys).not.toContain('action_name');
  });

  it("tests the extension on the path: matomo.js's `?file=a.zip` download is an outlink here (§14 item 10)", async () => {
    // TV-20 (matomo.js): download=https%3A%2F%2Fother.example.org%2F%3Ffile%3Da.zip
    const { fresh } = tv20();
    click(markup('<a href="https://other.example.org/?file=a.zip">'));
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/?file=a.zip')]);
    // on the site's own host, such a link is internal navigation: nothing
    click(markup('<a href="/download.php?file=a.zip">'));
    expect(await fresh()).toEqual([]);
    // a host that ends like an extension is a host (matomo.js: a download)
    click(markup('<a href="https://example.mov/">'));
    expect(await fresh()).toEqual(['link=' + enc('https://example.mov/')]);
  });

  it('counts a right click only with pseudoClicks true (matomo.js: by default; rewrite differs, §7.1)', async () => {
    const off = tv20();
    const a = markup('<a href="https://other.example.org/page">');
    click(a, 'contextmenu', { button: 2 });
    click(a, 'auxclick', { button: 2 });
    expect(await off.fresh()).toEqual([]);
    teardown();
    for (const stop of stops.splice(0)) stop();
    const on = tv20({ pseudoClicks: true });
    click(markup('<a href="https://other.example.org/page">'), 'contextmenu', { button: 2 });
    expect(await on.fresh()).toEqual(['link=' + enc('https://other.example.org/page')]);
  });

  it('counts a middle click (auxclick, button 1), and no other auxiliary button', async () => {
    const { fresh } = tv20();
    const a = markup('<a href="https://other.example.org/page">');
    click(a, 'auxclick', { button: 1 });
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/page')]);
    for (const button of [2, 3, 4]) click(a, 'auxclick', { button });
    expect(await fresh()).toEqual([]);
  });
});

describe('classification rules (§7.2–§7.5)', () => {
  it('ignores the tracker URL first, whatever the class', async () => {
    const { fresh } = tv20();
    click(markup('<a class="matomo_download" href="https://matomo.example.com/matomo.php?idsite=1">'));
    click(markup('<a download href="https://matomo.example.com/matomo.php">'));
    expect(await fresh()).toEqual([]);
    // only URLs that start with it
    click(markup('<a class="matomo_download" href="https://matomo.example.com/index.php">'));
    expect(await fresh()).toEqual(['download=' + enc('https://matomo.example.com/index.php')]);
  });

  it('gives the link class precedence over a download, and forces downloads on internal links', async () => {
    const { fresh } = tv20();
    click(markup('<a class="piwik-link" href="/report.pdf" download>'));
    click(markup('<a class="x piwik_download" href="/page">'));
    click(markup('<a class="matomo-download" href="https://other.example.org/">'));
    expect(await fresh()).toEqual([
      'link=' + enc('https://www.example.com/report.pdf'),
      'download=' + enc('https://www.example.com/page'),
      'download=' + enc('https://other.example.org/'),
    ]);
  });

  it('matches classes as whole tokens, separated by any white space', async () => {
    const { fresh } = tv20();
    for (const html of [
      '<a class="matomo_ignore_not" href="https://a.example.org/">',
      '<a class="xmatomo-ignore" href="https://b.example.org/">',
      '<a class="matomo-ignorex piwik-download-not" href="https://c.example.org/">',
    ]) {
      click(markup(html));
    }
    expect(await fresh()).toEqual(['a', 'b', 'c'].map((x) => 'link=' + enc(`https://${x}.example.org/`)));
    click(markup('<a class="one\tmatomo-ignore\ntwo" href="https://d.example.org/">'));
    click(markup('<a class="PIWIK_IGNORE" href="https://e.example.org/">'));
    // class names are case-sensitive, as in CSS
    expect(await fresh()).toEqual(['link=' + enc('https://e.example.org/')]);
  });

  it('takes extra classes from the setters, as a string, an `a|b` string or an array, each replacing the last', async () => {
    const { fresh, t, warnings } = tv20();
    setIgnoreClasses(t, 'no-track');
    setDownloadClasses(t, ['file', 'doc']);
    setLinkClasses(t, 'out|partner');
    click(markup('<a class="no-track" href="https://a.example.org/">'));
    click(markup('<a class="doc" href="/page">'));
    click(markup('<a class="partner" href="/page">'));
    click(markup('<a class="no-trackx" href="https://b.example.org/">'));
    expect(await fresh()).toEqual([
      'download=' + enc('https://www.example.com/page'),
      'link=' + enc('https://www.example.com/page'),
      'link=' + enc('https://b.example.org/'),
    ]);
    setIgnoreClasses(t, []);
    click(markup('<a class="no-track" href="https://a.example.org/">'));
    // the built-in classes stay
    click(markup('<a class="matomo-ignore" href="https://a.example.org/">'));
    expect(await fresh()).toEqual(['link=' + enc('https://a.example.org/')]);
    setLinkClasses(t, 5 as never);
    setDownloadClasses(t, ['ok', null] as never);
    expect(warnings()).toEqual(
      said([
        'setLinkClasses: classes must be a string or an array of strings, got 5; ignored',
        'setDownloadClasses: classes must be a string or an array of strings, got ok,; ignored',
      ]),
    );
    expect(t._classes).toEqual({ ignore: [], download: ['file', 'doc'], link: ['out', 'partner'] });
  });

  it("tests matomo.js's extensions at the end of the path, in any case", async () => {
    const { fresh } = tv20();
    for (const href of ['/a.ZIP', '/a.zip#top', '/a.tar.gz?x=1', '/f/7z/a.7z', 'https://other.example.org/a.mp4']) click(markup(`<a href="${href}">`));
    expect(await fresh()).toEqual(
      ['https://www.example.com/a.ZIP', 'https://www.example.com/a.zip#top', 'https://www.example.com/a.tar.gz?x=1', 'https://www.example.com/f/7z/a.7z', 'https://other.example.org/a.mp4'].map(
        (url) => 'download=' + enc(url),
      ),
    );
    // not a download: an extension elsewhere in the path, none, or a name that only ends like one
    for (const href of ['/a.pdf/view', '/zip', '/a.pdfx', '/a-pdf', '/a.odp']) click(markup(`<a href="${href}">`));
    expect(await fresh()).toEqual([]);
    // PROTOCOL.md §7.6, in order: no `odp`, whatever the JavaScript guide says
    expect(DOWNLOAD_EXTENSIONS.join(', ')).toBe(
      '7z, aac, apk, arc, arj, asc, asf, asx, avi, azw3, bin, csv, deb, dmg, doc, docx, epub, exe, flv, gif, gz, gzip, hqx, ibooks, jar, jpg, jpeg, js, md5, mobi, mp2, mp3, mp4, mpg, mpeg, mov, movie, msi, msp, odb, odf, odg, ods, odt, ogg, ogv, pdf, phps, png, ppt, pptx, qt, qtm, ra, ram, rar, rpm, rtf, sea, sha, sha256, sha512, sig, sit, tar, tbz, tbz2, bz, bz2, tgz, torrent, txt, wav, wma, wmv, wpd, xls, xlsx, xml, xz, z, zip',
    );
  });

  it('changes the extensions with set, add and remove (a `|` string or an array, any case)', async () => {
    const { fresh, t, warnings } = tv20();
    setDownloadExtensions(t, 'Foo|tar.gz');
    click(markup('<a href="/a.pdf">'));
    click(markup('<a href="/a.FOO">'));
    click(markup('<a href="/a.tar.gz">'));
    click(markup('<a href="/a.gz">'));
    expect(await fresh()).toEqual(['download=' + enc('https://www.example.com/a.FOO'), 'download=' + enc('https://www.example.com/a.tar.gz')]);
    addDownloadExtensions(t, ['PDF']);
    removeDownloadExtensions(t, 'foo');
    click(markup('<a href="/a.pdf">'));
    click(markup('<a href="/a.foo">'));
    expect(await fresh()).toEqual(['download=' + enc('https://www.example.com/a.pdf')]);
    expect(t._extensions).toEqual(['tar.gz', 'pdf']);
    // from matomo.js's list; an empty name matches nothing
    const u = tracker();
    removeDownloadExtensions(u, ['zip', 'pdf']);
    expect(u._extensions).toEqual(DOWNLOAD_EXTENSIONS.filter((e) => e != 'zip' && e != 'pdf'));
    setDownloadExtensions(u, 'pdf|');
    expect(u._extensions).toEqual(['pdf']);
    addDownloadExtensions(u, {} as never);
    expect(u._extensions).toEqual(['pdf']);
    expect(warnings()).toEqual(said(['addDownloadExtensions: extensions must be a string or an array of strings, got [object Object]; ignored']));
  });

  it('never tracks script, mailto, tel and data URLs, whatever the class or attribute', async () => {
    const { fresh } = tv20();
    for (const href of ['javascript:void(0)', ' JavaScript:alert(1)', 'vbscript:x', 'jscript:x', 'mocha:x', 'livescript:x', 'ecmascript:x', 'MAILTO:a@b.c', 'tel:+331', 'data:text/csv,a,b']) {
      click(markup(`<a class="matomo_link" download href="${href}">`));
    }
    expect(await fresh()).toEqual([]);
  });

  it("with setDomains('*.example.com'): the bare domain and subdomains are the site, look-alikes are not", async () => {
    const { fresh } = tv20();
    for (const host of ['example.com', 'shop.example.com', 'a.b.example.com', 'WWW.EXAMPLE.COM']) click(markup(`<a href="https://${host}/x">`));
    expect(await fresh()).toEqual([]);
    for (const host of ['notexample.com', 'example.com.evil.net', 'example.org']) click(markup(`<a href="https://${host}/x">`));
    expect(await fresh()).toEqual(['notexample.com', 'example.com.evil.net', 'example.org'].map((host) => 'link=' + enc(`https://${host}/x`)));
  });

  it("with setDomains('example.com/shop'): /shop and /shop/… are the site, /shopping and the rest of the host are not", async () => {
    const { fresh } = tv20({ url: 'https://example.com/shop/cart', domains: 'example.com/shop' });
    for (const path of ['/shop', '/shop/', '/shop/item?x=1', '/SHOP/Item']) click(markup(`<a href="${path}">`));
    expect(await fresh()).toEqual([]);
    // a path alias stops the automatic current-host alias (§7.4, §14 item 19)
    for (const path of ['/shopping', '/about']) click(markup(`<a href="${path}">`));
    expect(await fresh()).toEqual(['/shopping', '/about'].map((path) => 'link=' + enc('https://example.com' + path)));
  });

  it('by default the current host only is the site: a sibling subdomain is an outlink', async () => {
    const { fresh } = tv20({ domains: [] });
    click(markup('<a href="https://www.example.com:8443/x">'));
    click(markup('<a href="//shop.example.com/x">'));
    expect(await fresh()).toEqual(['link=' + enc('https://shop.example.com/x')]);
  });

  it('resolves relative links against the document base, and purifies the reported URL (§2.8)', async () => {
    const { fresh, t } = tv20();
    setExcludedQueryParams(t, ['session']);
    const base = document.createElement('base');
    base.href = 'https://other.example.org/dir/';
    document.head.appendChild(base);
    try {
      click(markup('<a href="page?session=1&pk_vid=x&a=b#frag">'));
    } finally {
      base.remove();
    }
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/dir/page?a=b#frag')]);
  });
});

describe('hostile and odd links: nothing throws', () => {
  it('a URL that does not parse, no href, an empty one', async () => {
    const { fresh } = tv20();
    const odd = ['<a href="http://[::1">', '<a href="https://exa mple.org/">', '<a>no href</a>', '<a href="">', '<a href="https://">'];
    for (const html of odd) expect(() => click(markup(html))).not.toThrow();
    expect(await fresh()).toEqual([]);
  });

  it('a 10,000-character URL is sent (in a POST body), whole', async () => {
    const { hits, sent } = tv20();
    const long = 'https://other.example.org/?q=' + 'x'.repeat(10_000);
    click(markup(`<a href="${long}">`));
    const [hit] = await hits();
    expect(hit.get('link')).toBe(long);
    expect(sent[0].url).toBe('https://matomo.example.com/matomo.php');
  });

  it('an SVG <a> (its href an SVGAnimatedString in browsers), with href or xlink:href', async () => {
    const { fresh } = tv20();
    document.body.innerHTML =
      '<svg><a id="one" href="https://svg.example.org/a"><text id="t">x</text></a><a id="two" xlink:href="/b.pdf"><rect/></a></svg>';
    click(document.getElementById('t')!);
    click(document.querySelector('#two rect')!);
    expect(await fresh()).toEqual(['link=' + enc('https://svg.example.org/a'), 'download=' + enc('https://www.example.com/b.pdf')]);
  });

  it('an <area> of an image map', async () => {
    const { fresh } = tv20();
    markup('<map name="m"><area data-click href="https://map.example.org/" alt="x"></map>');
    click(document.querySelector('area')!);
    expect(await fresh()).toEqual(['link=' + enc('https://map.example.org/')]);
  });

  it('a link whose getters throw, a detached link, a click with no link', async () => {
    const { fresh, t } = tv20();
    const evil = markup('<a href="https://evil.example.org/">');
    Object.defineProperty(evil, 'classList', { get: () => { throw new Error('boom'); } });
    expect(() => click(evil)).not.toThrow();
    const detached = document.createElement('a');
    detached.setAttribute('href', 'https://detached.example.org/');
    // no document to reach: happy-dom would follow it
    detached.addEventListener('click', stay);
    expect(() => click(detached)).not.toThrow();
    expect(() => click(markup('<p>text</p>'))).not.toThrow();
    expect(() => document.dispatchEvent(new MouseEvent('click', { bubbles: true }))).not.toThrow();
    expect(await fresh()).toEqual([]);
    expect(t._linkKind!(document.body)).toBeUndefined();
    expect(t._linkKind!(detached)).toBe('link');
  });
});

describe('enableLinkTracking: one delegated listener', () => {
  it('covers links added later and links inside open shadow roots', async () => {
    const { fresh } = tv20();
    const later = document.createElement('a');
    later.href = 'https://later.example.org/';
    later.textContent = 'later';
    document.body.appendChild(later);
    click(later);
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('a');
    inner.href = '/shadow.pdf';
    const icon = document.createElement('b');
    inner.appendChild(icon);
    root.appendChild(inner);
    click(icon);
    expect(await fresh()).toEqual(['link=' + enc('https://later.example.org/'), 'download=' + enc('https://www.example.com/shadow.pdf')]);
  });

  it('finds a shadow link around slotted content (the composed tree, not the light one)', () => {
    setup(PAGE, '');
    const t = tracker();
    // a slotted node's composed parent is its slot (happy-dom has no assignedSlot: built by hand)
    const link = document.createElement('a');
    const slot = document.createElement('slot');
    link.appendChild(slot);
    const slotted = document.createElement('span');
    document.body.appendChild(slotted);
    Object.defineProperty(slotted, 'assignedSlot', { value: slot });
    expect(linkOf(slotted)).toBe(link);
    expect(linkOf(document.body)).toBeUndefined();
    expect(linkOf(undefined)).toBeUndefined();
    link.setAttribute('href', 'https://x.example.org/');
    expect(linkKind(t, link)).toEqual(['link', 'https://x.example.org/']);
  });

  it('installs nothing new when called again, and stop() removes it (a stale stop() leaves a later run alone)', async () => {
    const { fresh, t } = tv20();
    const again = enableLinkTracking(t, true);
    const a = markup('<a href="https://other.example.org/">');
    click(a);
    // the second call's pseudoClicks changed nothing
    click(a, 'contextmenu', { button: 2 });
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/')]);
    again();
    expect(t._linkKind).toBeUndefined();
    click(a);
    expect(await fresh()).toEqual([]);
    const stale = again;
    stops.push(enableLinkTracking(t));
    stale();
    click(a);
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/')]);
    expect(t._linkKind).toBeTypeOf('function');
  });

  it('goes through the one send path: held until consent, like any hit', async () => {
    const { fresh, t } = tv20();
    requireConsent(t);
    click(markup('<a href="https://other.example.org/">'));
    expect(await fresh()).toEqual([]);
    setConsentGiven(t);
    expect(await fresh()).toContain('link=' + enc('https://other.example.org/'));
  });

  it('leaves the page alone: no beforeunload listener, the click is not cancelled', () => {
    setup(PAGE, '');
    const added: string[] = [];
    const original = window.addEventListener;
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      added.push(type);
      return (original as any).call(this, type, ...rest);
    } as typeof window.addEventListener;
    try {
      const t = tracker();
      stops.push(enableLinkTracking(t));
      trackPageView(t);
    } finally {
      window.addEventListener = original;
    }
    expect(added).not.toContain('beforeunload');
    expect(added).not.toContain('unload');
    removeEventListener('click', stay, true);
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    markup('<a href="#here">').dispatchEvent(event);
    addEventListener('click', stay, true);
    expect(event.defaultPrevented).toBe(false);
  });

  it("keeps the click's task short: the hit is built after it, or when the page is left first", async () => {
    const { fresh, t, sent } = tv20();
    const a = markup('<a href="https://other.example.org/">');
    click(a);
    // nothing built yet: no cookie read or written in the task the navigation waits for
    expect(t._queue).toEqual([]);
    expect(document.cookie).not.toContain('_pk_id');
    // the page is left before the next task: the leave flush takes the hit, at once
    // (earlier tests' trackers may send their own leave hits: only this one's count)
    const links = () => sent.filter((request) => request.url.includes('link=')).length;
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(links()).toBe(1);
    dispatchEvent(new PageTransitionEvent('pageshow'));
    // and the timer does not send it again
    expect((await fresh()).filter((hit) => hit.startsWith('link='))).toEqual(['link=' + enc('https://other.example.org/')]);
    click(a);
    expect(links()).toBe(1);
    expect(await fresh()).toEqual(['link=' + enc('https://other.example.org/')]);
  });
});

describe('the seam with content tracking (_linkKind, _linkParams)', () => {
  it('_linkKind says what a click on an element (or inside a link) sends, while link tracking is on', () => {
    const { t } = tv20();
    document.body.innerHTML =
      '<a id="out" href="https://ads.example.net/land"><img id="img"></a><a id="in" href="/anylink">go</a><a id="pdf" href="/a.pdf">pdf</a><p id="p">text</p>';
    const $ = (id: string) => document.getElementById(id)!;
    expect(['out', 'img', 'in', 'pdf', 'p'].map((id) => t._linkKind!($(id)))).toEqual(['link', 'link', undefined, 'download', undefined]);
    const off = tracker();
    expect(off._linkKind).toBeUndefined();
  });

  it("appends every hook's parameters after link=, for the clicked link: TV-22's one combined hit", async () => {
    const { hits, t } = tv20();
    document.body.innerHTML = '<a href="https://ads.example.net/land" data-track-content><img id="img" src="img2-en.jpg" data-content-piece="img.jpg"></a>';
    const given: Element[] = [];
    t._linkParams.push((link) => {
      given.push(link);
      return [
        ['c_i', 'click'],
        ['c_n', 'img.jpg'],
        ['c_p', 'img.jpg'],
        ['c_t', 'https://ads.example.net/land'],
        ['ca', 1],
      ];
    });
    t._linkParams.push(() => {
      throw new Error('a broken hook');
    });
    t._linkParams.push(() => [['dimension1', 'x']]);
    click(document.getElementById('img')!);
    const [hit] = await hits();
    expect(given).toEqual([document.querySelector('a')]);
    expect(actionPart(hit)).toBe(
      'link=https%3A%2F%2Fads.example.net%2Fland&c_i=click&c_n=img.jpg&c_p=img.jpg&c_t=https%3A%2F%2Fads.example.net%2Fland&ca=1&dimension1=x',
    );
    expect(hit.raw).toMatch(/&url=https%3A%2F%2Fwww\.example\.com%2F&/);
  });

  it('adds no hook parameters to an addListener hit or trackLink (content sends its own then, §7.7)', async () => {
    const { hits } = setup(PAGE, '');
    const t = tracker();
    t._linkParams.push(() => [['c_i', 'click']]);
    const box = markup('<div><a href="https://other.example.org/">x</a></div>');
    stops.push(addListener(t, box));
    click(box.firstElementChild!);
    trackLink(t, 'https://other.example.org/', 'link');
    expect((await hits()).map(actionPart)).toEqual(['link=' + enc('https://other.example.org/'), 'link=' + enc('https://other.example.org/')]);
  });
});

describe('addListener', () => {
  it('tracks clicks inside its element only, one hit per click with enableLinkTracking on too, until stop()', async () => {
    const { hits } = setup(PAGE, '');
    const t = tracker();
    document.body.innerHTML = '<div id="box"><a id="in" href="https://in.example.org/">in</a></div><a id="out" href="https://out.example.org/">out</a>';
    const stop = addListener(t, document.getElementById('box')!);
    click(document.getElementById('in')!);
    click(document.getElementById('out')!);
    stops.push(enableLinkTracking(t));
    click(document.getElementById('in')!);
    stop();
    click(document.getElementById('in')!);
    expect((await hits()).map((h: SentHit) => h.get('link'))).toEqual(['https://in.example.org/', 'https://in.example.org/', 'https://in.example.org/']);
  });

  it('refuses what is not an element', () => {
    const { warnings } = setup(PAGE, '');
    const stop = addListener(tracker(), 'body' as never);
    expect(stop).toBeTypeOf('function');
    expect(() => stop()).not.toThrow();
    expect(warnings()).toEqual(said(['addListener: element must be an element, got "body"; ignored']));
  });
});

describe('trackLink', () => {
  it('sends link= or download= with the URL resolved and purified, customData as for other hits', async () => {
    const { hits } = setup('https://www.example.com/products?id=5', '');
    const t = tracker();
    trackLink(t, 'https://partner.example.net/?pk_vid=1&a=1', 'link');
    trackLink(t, '/files/a.pdf', 'download', { dimension2: 'docs', kind: 'x' });
    const [link, download] = await hits();
    expect(actionPart(link)).toBe('link=' + enc('https://partner.example.net/?a=1'));
    expect(actionPart(download)).toBe('download=' + enc('https://www.example.com/files/a.pdf'));
    expect(download.get('dimension2')).toBe('docs');
    expect(download.get('data')).toBe('{"kind":"x"}');
    expect(download.get('url')).toBe('https://www.example.com/products?id=5');
  });

  it('refuses another type or no URL, and runs the callback in every case', async () => {
    const { hits, warnings } = setup(PAGE, '');
    const t = tracker();
    let calls = 0;
    const callback = () => calls++;
    trackLink(t, 'https://a.example.org/', 'outlink' as never, undefined, callback);
    trackLink(t, '  ', 'link', undefined, callback);
    trackLink(t, 'http://[::1', 'link', undefined, callback);
    trackLink(t, 'https://a.example.org/', 'link', undefined, callback);
    trackLink(t, 'https://a.example.org/', 'link', undefined, 'go' as never);
    expect(calls).toBe(4);
    expect((await hits()).map(actionPart)).toEqual(['link=' + enc('https://a.example.org/'), 'link=' + enc('https://a.example.org/')]);
    expect(warnings()).toEqual(
      said([
        'trackLink: type must be \'link\' or \'download\', got "outlink"; ignored',
        'trackLink: url must be a URL, got "  "; ignored',
        'trackLink: url must be a URL, got "http://[::1"; ignored',
        'trackLink: callback must be a function, got "go"; ignored',
      ]),
    );
  });
});

describe('setLinkTrackingTimer / getLinkTrackingTimer', () => {
  it("keeps the value for the getter (matomo.js's default 500 ms), and has nothing to wait for", () => {
    const { warnings } = setup(PAGE, '');
    const t: Tracker = tracker();
    expect(getLinkTrackingTimer(t)).toBe(500);
    setLinkTrackingTimer(t, 100);
    expect(getLinkTrackingTimer(t)).toBe(100);
    setLinkTrackingTimer(t, -1);
    setLinkTrackingTimer(t, '100' as never);
    expect(getLinkTrackingTimer(t)).toBe(100);
    expect(warnings()).toEqual(
      said(['setLinkTrackingTimer: ms must be a number >= 0, got -1; ignored', 'setLinkTrackingTimer: ms must be a number >= 0, got "100"; ignored']),
    );
  });
});
