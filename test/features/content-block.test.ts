// A block's name, piece and target from its markup (PROTOCOL.md §8.1–§8.2),
// rule by rule, the examples of §8.2 and TV-21, and hostile markup.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { absoluteUrl, blockOn, blocksIn, contentOf, pathOf, targetNode } from '../../src/features/content-block';

const blockOf = (node: unknown) => blockOn(pathOf(node as Node));
import { setPage } from '../helpers';

const PAGE = 'http://host/tests/javascript/';

beforeEach(() => setPage(PAGE));
afterEach(() => {
  document.body.innerHTML = '';
});

/** The first block of this markup, in the document. */
function block(html: string): Element {
  document.body.innerHTML = html;
  return blocksIn(document)[0]!;
}

const content = (html: string) => contentOf(block(html));

describe('§8.2 examples (from matomo.js tests)', () => {
  it.each([
    ['<img src="img1-en.jpg" data-track-content>', '/tests/javascript/img1-en.jpg', 'http://host/tests/javascript/img1-en.jpg', ''],
    [
      '<a href="http://img2.example.com" data-track-content><img src="img2-en.jpg" data-content-piece="img.jpg"></a>',
      'img.jpg',
      'img.jpg',
      'http://img2.example.com',
    ],
    [
      '<div data-track-content data-content-name="My Ad"><img src="http://img5.example.com/path/xyz.jpg" data-content-piece><a href="/anylink5" data-content-target>…</a></div>',
      'My Ad',
      'http://img5.example.com/path/xyz.jpg',
      'http://host/anylink5',
    ],
    ['<a href="http://img7.example.com" data-track-content data-content-name="My Ad 7">text</a>', 'My Ad 7', 'Unknown', 'http://img7.example.com'],
    ['<div data-track-content><p>text</p></div>', 'Unknown', 'Unknown', ''],
    [
      '<div data-track-content data-content-piece="   pie ce  " data-content-target="  targ et  " data-content-name="   name   "></div>',
      'name',
      'pie ce',
      'targ et',
    ],
  ])('%s', (html, name, piece, target) => {
    expect(content(html)).toEqual({ name, piece, target });
  });
});

describe('TV-21 blocks on https://www.example.com/', () => {
  beforeEach(() => setPage('https://www.example.com/'));

  it('derives the four blocks, in document order', () => {
    document.body.innerHTML =
      '<img src="/banner.jpg" data-track-content data-content-name="Spring banner">' +
      '<a href="https://ads.example.net/land" data-track-content><img src="img2-en.jpg" data-content-piece="img.jpg"></a>' +
      '<div data-track-content data-content-name="My Ad"><img src="https://cdn.example.net/x.jpg" data-content-piece><a href="/anylink" data-content-target>go</a></div>' +
      '<div data-track-content><p>text</p></div>';
    expect(blocksIn(document).map(contentOf)).toEqual([
      { name: 'Spring banner', piece: 'https://www.example.com/banner.jpg', target: '' },
      { name: 'img.jpg', piece: 'img.jpg', target: 'https://ads.example.net/land' },
      { name: 'My Ad', piece: 'https://cdn.example.net/x.jpg', target: 'https://www.example.com/anylink' },
      { name: 'Unknown', piece: 'Unknown', target: '' },
    ]);
  });

  it('names block 1 by its path without data-content-name (same origin)', () => {
    expect(content('<img src="/banner.jpg" data-track-content>').name).toBe('/banner.jpg');
  });
});

describe('blocks (§8.1)', () => {
  it('are found by the attribute and by the current and legacy classes, each once, in document order', () => {
    document.body.innerHTML =
      '<div id="a" class="x piwikTrackContent"></div><div id="b" data-track-content class="matomoTrackContent"></div>' +
      '<div id="c" class="matomoTrackContent y"></div><div id="d" class="matomoTrackContentNot"></div><div id="e" data-track-content="false"></div>';
    expect(blocksIn(document).map((e) => e.id)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('within a node include the node itself', () => {
    document.body.innerHTML = '<section id="s" data-track-content><div id="inner" class="piwikTrackContent"></div></section>';
    expect(blocksIn(document.getElementById('s')!).map((e) => e.id)).toEqual(['s', 'inner']);
    expect(blocksIn(document.getElementById('inner')!).map((e) => e.id)).toEqual(['inner']);
  });

  it('around a node: the innermost, from an element or a text node, out of a shadow root too', () => {
    document.body.innerHTML = '<div id="out" data-track-content><p id="p">x<span id="in" data-track-content>y</span></p></div><p id="none">z</p>';
    const $ = (id: string) => document.getElementById(id)!;
    expect(blockOf($('p'))?.id).toBe('out');
    expect(blockOf($('in').firstChild!)?.id).toBe('in');
    expect(blockOf($('out'))?.id).toBe('out');
    expect(blockOf($('none'))).toBeUndefined();
    expect(blockOf(document)).toBeFalsy();
    expect(blockOf({} as Node)).toBeFalsy();
    expect(blockOf(null)).toBeFalsy();
    const inner = document.createElement('b');
    $('p').attachShadow({ mode: 'open' }).append(inner);
    expect(blockOf(inner)?.id).toBe('out');
  });
});

describe('piece (§8.2)', () => {
  it('is the first non-empty data-content-piece, the block itself first', () => {
    expect(content('<div data-track-content data-content-piece="own"><p data-content-piece="inner"></p></div>').piece).toBe('own');
    expect(content('<div data-track-content data-content-piece=""><p data-content-piece></p><p data-content-piece="second"></p></div>').piece).toBe('second');
  });

  it('is the media URL of the piece node, made absolute: img, embed, video and audio sources', () => {
    expect(content('<div data-track-content><img src="a.png" data-content-piece></div>').piece).toBe('http://host/tests/javascript/a.png');
    expect(content('<div data-track-content><embed src="/e.swf" class="matomoContentPiece"></div>').piece).toBe('http://host/e.swf');
    expect(content('<div data-track-content><video class="piwikContentPiece"><source src=""><source src="//cdn.example.org/v.mp4"></video></div>').piece).toBe(
      'http://cdn.example.org/v.mp4',
    );
    expect(content('<audio data-track-content src="https://x.example.org/s.mp3"></audio>').piece).toBe('https://x.example.org/s.mp3');
  });

  it('takes the piece node by attribute before the current class before the legacy class', () => {
    const html = (a: string, b: string, c: string) =>
      `<div data-track-content><img src="1.png" ${a}><img src="2.png" ${b}><img src="3.png" ${c}></div>`;
    expect(content(html('class="piwikContentPiece"', 'class="matomoContentPiece"', 'data-content-piece')).piece).toMatch(/3\.png$/);
    expect(content(html('class="piwikContentPiece"', 'class="matomoContentPiece"', '')).piece).toMatch(/2\.png$/);
    expect(content(html('class="piwikContentPiece"', '', '')).piece).toMatch(/1\.png$/);
  });

  it('is an object movie: its data, a <param name="movie">, or an inner <embed>', () => {
    expect(content('<object data-track-content data="/m.swf"></object>').piece).toBe('http://host/m.swf');
    expect(content('<object data-track-content data-content-piece><param name="quality" value="high"><param name="movie" value="movie.swf"></object>').piece).toBe(
      'http://host/tests/javascript/movie.swf',
    );
    expect(content('<object data-track-content><param name="movie" value=""><embed src="e.swf"></object>').piece).toBe('http://host/tests/javascript/e.swf');
    expect(content('<object data-track-content><param name="Movie" value="x.swf"></object>').piece).toBe('Unknown');
  });

  it('is not a media URL of an element that is not media, nor of a media element inside the piece node', () => {
    expect(content('<div data-track-content><img src="a.png"></div>').piece).toBe('Unknown');
    expect(content('<p data-track-content src="a.png"></p>').piece).toBe('Unknown');
  });
});

describe('name (§8.2)', () => {
  it('is the first non-empty data-content-name in the block', () => {
    expect(content('<div data-track-content><b data-content-name=""></b><b data-content-name="Inner"></b></div>').name).toBe('Inner');
  });

  it('is the piece, with this host reduced to the path', () => {
    expect(content('<img data-track-content src="http://host/a/b.png?x=1#y">').name).toBe('/a/b.png?x=1#y');
    expect(content('<img data-track-content src="http://host">').name).toBe('/');
    expect(content('<img data-track-content src="//host/c.png">').name).toBe('/c.png');
    // another host, or this host further in: the whole URL
    expect(content('<img data-track-content src="http://other/c.png">').name).toBe('http://other/c.png');
    expect(content('<img data-track-content src="http://other/?from=http://host/x">').name).toBe('http://other/?from=http://host/x');
    expect(content('<div data-track-content data-content-piece="ftp://host/f"></div>').name).toBe('ftp://host/f');
    // matomo.js cuts up to the host after the last `//` (kept, for the same names)
    expect(content('<img data-track-content src="http://host/a//b/c.png">').name).toBe('/c.png');
  });

  it('is else the title of the block, then of the piece node, then of the target node', () => {
    expect(content('<div data-track-content title="Block"><p data-content-piece title="Piece"></p><a data-content-target title="T"></a></div>').name).toBe('Block');
    expect(content('<div data-track-content title=""><p data-content-piece title="Piece"></p><a data-content-target title="T"></a></div>').name).toBe('Piece');
    expect(content('<div data-track-content><p data-content-piece></p><a data-content-target title="T"></a></div>').name).toBe('T');
  });

  it('is a whitespace piece trimmed to Unknown, not a title (matomo.js takes any non-empty piece)', () => {
    expect(content('<div data-track-content title="Title" data-content-piece="  "></div>')).toEqual({ name: 'Unknown', piece: 'Unknown', target: '' });
  });
});

describe('target (§8.2)', () => {
  it('is the target node: a non-empty attribute, else the attribute, else the current class, else the legacy class, else the block', () => {
    const node = (html: string) => targetNode(block(html))?.id;
    expect(node('<div data-track-content><a id="1" data-content-target></a><a id="2" data-content-target="x"></a></div>')).toBe('2');
    expect(node('<div data-track-content><a id="1" class="matomoContentTarget"></a><a id="2" data-content-target></a></div>')).toBe('2');
    expect(node('<div data-track-content><a id="1" class="piwikContentTarget"></a><a id="2" class="matomoContentTarget"></a></div>')).toBe('2');
    expect(node('<div data-track-content><a id="1" class="piwikContentTarget"></a></div>')).toBe('1');
    expect(node('<div data-track-content><a id="1"></a></div>')).toBeUndefined();
  });

  it('is the target node\'s attribute value as written, else its href made absolute, else the piece node\'s href', () => {
    expect(content('<div data-track-content><a href="/x" data-content-target="rel/y"></a></div>').target).toBe('rel/y');
    expect(content('<div data-track-content><a href="?q=1" data-content-target></a></div>').target).toBe('http://host/tests/javascript/?q=1');
    expect(content('<div data-track-content><a href="" data-content-target></a><a href="p.html" data-content-piece></a></div>').target).toBe(
      'http://host/tests/javascript/p.html',
    );
    expect(content('<a data-track-content href="mailto:a@example.org">x</a>').target).toBe('mailto:a@example.org');
  });
});

describe('absoluteUrl: matomo.js toAbsoluteUrl', () => {
  it.each([
    ['//cdn.example.org/a', 'http://cdn.example.org/a'],
    ['https://x.example.org/a/../b', 'https://x.example.org/a/../b'],
    ['a?u=http://x', 'a?u=http://x'],
    ['#frag', 'http://host/tests/javascript/#frag'],
    ['?q=1', 'http://host/tests/javascript/?q=1'],
    ['mailto:a@example.org', 'mailto:a@example.org'],
    ['tel:+123', 'tel:+123'],
    ['/root', 'http://host/root'],
    ['../up.png', 'http://host/tests/javascript/../up.png'],
    ['x:1', 'http://host/tests/javascript/x:1'],
  ])('%s → %s', (input, output) => {
    expect(absoluteUrl(input)).toBe(output);
  });

  it('keeps the page path when the page is not in a directory', () => {
    setPage('https://www.example.com/shop/item.html?id=3#top');
    expect(absoluteUrl('img.png')).toBe('https://www.example.com/shop/img.png');
    expect(absoluteUrl('#a')).toBe('https://www.example.com/shop/item.html#a');
  });
});

describe('hostile markup gets sane values and never a throw', () => {
  it('a block inside an SVG', () => {
    document.body.innerHTML =
      '<svg><g data-track-content data-content-name="Chart"><a href="/detail" data-content-target><image href="c.png"></image><title>t</title></a></g>' +
      '<rect class="matomoTrackContent"></rect></svg>';
    expect(blocksIn(document).map(contentOf)).toEqual([
      { name: 'Chart', piece: 'Unknown', target: 'http://host/detail' },
      { name: 'Unknown', piece: 'Unknown', target: '' },
    ]);
  });

  it('a 5,000-character name, trimmed and kept whole', () => {
    const long = 'n'.repeat(5000);
    expect(content(`<div data-track-content data-content-name="  ${long} "></div>`).name).toBe(long);
  });

  it('the <body> as a block', () => {
    document.body.setAttribute('data-track-content', '');
    document.body.setAttribute('data-content-name', 'Whole page');
    document.body.innerHTML = '<a href="/in" data-content-target>in</a>';
    expect(blocksIn(document)[0]).toBe(document.body);
    expect(contentOf(document.body)).toEqual({ name: 'Whole page', piece: 'Unknown', target: 'http://host/in' });
    document.body.removeAttribute('data-track-content');
    document.body.removeAttribute('data-content-name');
  });

  it('nested blocks: each block reads its own subtree, nested blocks included (as matomo.js)', () => {
    document.body.innerHTML =
      '<div id="out" data-track-content data-content-name="Outer"><div id="in" data-track-content data-content-name="Inner"><img src="i.png" data-content-piece></div></div>';
    const [outer, inner] = blocksIn(document);
    expect(contentOf(outer!)).toEqual({ name: 'Outer', piece: 'http://host/tests/javascript/i.png', target: '' });
    expect(contentOf(inner!)).toEqual({ name: 'Inner', piece: 'http://host/tests/javascript/i.png', target: '' });
  });

  it('a detached block', () => {
    const detached = document.createElement('div');
    detached.setAttribute('data-track-content', '');
    detached.innerHTML = '<a href="x" data-content-target>x</a>';
    expect(contentOf(detached)).toEqual({ name: 'Unknown', piece: 'Unknown', target: 'http://host/tests/javascript/x' });
  });

  it('attribute values with quotes, brackets and markup', () => {
    expect(content('<div data-track-content data-content-name="a &quot;b&quot; ]) <i>" data-content-piece="\'[x]\'"></div>')).toEqual({
      name: 'a "b" ]) <i>',
      piece: "'[x]'",
      target: '',
    });
  });
});
