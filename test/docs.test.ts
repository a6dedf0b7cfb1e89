// @vitest-environment node
// The documentation stays true to the code it shows: README's snippets are the
// fixture pages the e2e tests run (with the collector's URL and site id in
// place of the example's), docs/spa.md's recipes are the files
// e2e/recipes.spec.ts runs, README fits on a screen, and every link between
// the documents lands on a file and a heading that exist.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const readme = read('README.md');
const DOCS = ['README.md', ...readdirSync(new URL('docs/', root)).filter((name) => name.endsWith('.md')).map((name) => 'docs/' + name)];

/** The fenced blocks of a markdown text, in order: [language, code]. */
function blocks(markdown: string): [string, string][] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => [m[1]!, m[2]!]);
}

/** `text` between the first `from` and the `to` after it, both included. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`no ${from} … ${to}`);
  return text.slice(start, end + to.length) + '\n';
}

/** GitHub's anchor of a heading. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

describe("README's snippets are the fixtures the e2e tests run", () => {
  // each: the fixture's part, and what README writes in place of the collector's URL and site id
  const SNIPPETS: [string, () => string, [string, string][]][] = [
    [
      'the npm snippet: e2e/pages/readme-app.js (e2e/readme.spec.ts)',
      () => read('e2e/pages/readme-app.js').replace(/^\/\/.*\n/gm, ''),
      [["'/matomo.php'", "'https://stats.example.org/matomo.php'"]],
    ],
    [
      "Matomo's snippet: e2e/pages/paq.html (e2e/paq.spec.ts, e2e/readme.spec.ts)",
      () => between(read('e2e/pages/paq.html'), '<!-- Matomo -->', '<!-- End Matomo Code -->'),
      [
        ['"//" + location.host + "/"', '"https://stats.example.org/"'],
        ["'dist/matomo-lite.js'", "'matomo-lite.js'"],
      ],
    ],
    [
      'the data- tag: e2e/pages/paq-tag.html (e2e/paq.spec.ts, e2e/readme.spec.ts)',
      () => between(read('e2e/pages/paq-tag.html'), '<script src="/dist/matomo-lite.js"', '</script>'),
      [
        ['/dist/matomo-lite.js', '/matomo-lite.js'],
        ['"/matomo.php"', '"https://stats.example.org/matomo.php"'],
        ['data-site-id="4"', 'data-site-id="3"'],
      ],
    ],
    [
      'the tag-manager block: e2e/pages/paq-tag-manager.html (e2e/extras.spec.ts, e2e/readme.spec.ts)',
      () => between(read('e2e/pages/paq-tag-manager.html'), '<!-- Matomo (matomo-lite) -->', '<!-- End Matomo Code -->'),
      [
        ['"//" + location.host + "/"', '"https://stats.example.org/"'],
        ["'6'", "'3'"],
        ["'dist/matomo-lite.js'", "'matomo-lite.js'"],
      ],
    ],
  ];
  const code = blocks(readme)
    .filter(([language]) => language == 'ts' || language == 'html')
    .map(([, text]) => text);

  it('shows exactly these snippets, in this order', () => {
    expect(code).toHaveLength(SNIPPETS.length);
  });

  SNIPPETS.forEach(([name, fixture, replacements], i) => {
    it(name, () => {
      let expected = fixture();
      for (const [from, to] of replacements) {
        expect(expected, `${from} in the fixture`).toContain(from);
        expected = expected.replaceAll(from, to);
      }
      expect(code[i]).toBe(expected);
    });
  });
});

describe("docs/spa.md's router recipes", () => {
  it('are the files of e2e/recipes/, each shown whole', () => {
    const spa = read('docs/spa.md');
    const recipes = readdirSync(new URL('e2e/recipes/', root)).filter((name) => name.endsWith('.ts'));
    expect(recipes.sort()).toEqual(['angular-router.ts', 'any-router.ts', 'matomo.ts', 'next-app-router.ts', 'react-router.ts', 'vue-router.ts']);
    for (const name of recipes) {
      expect(spa.includes('```ts\n' + read('e2e/recipes/' + name) + '```\n'), `docs/spa.md lacks e2e/recipes/${name} as it is: copy the file into its block`).toBe(true);
    }
  });
});

describe('the documents', () => {
  it('README.md fits a newcomer: under 12 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(12 * 1024);
  });

  it.each(DOCS)('%s: every relative link lands on a file, and its #anchor on a heading there', (path) => {
    const text = read(path).replace(/^```[\s\S]*?^```$/gm, '');
    const base = new URL(path, root);
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [file, anchor] = target!.split('#');
      const url = file ? new URL(file, base) : base;
      if (!existsSync(url)) {
        broken.push(target!);
        continue;
      }
      if (anchor === undefined || !url.pathname.endsWith('.md')) continue;
      const headings = [...readFileSync(url, 'utf8').replace(/^```[\s\S]*?^```$/gm, '').matchAll(/^#+ (.*)$/gm)].map((m) => slug(m[1]!));
      if (!headings.includes(anchor)) broken.push(target!);
    }
    expect(broken).toEqual([]);
  });

  it('every document in docs/ is linked from README.md', () => {
    const unlinked = DOCS.filter((path) => path != 'README.md' && !readme.includes(`](${path})`));
    expect(unlinked).toEqual([]);
  });
});
