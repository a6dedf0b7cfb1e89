/**
 * Size report and budgets (`npm run size`, part of `npm test`).
 *
 * Measures every shipped script-tag build as a file, and fixture apps
 * (scripts/size-fixtures/) that import a few functions by the package name,
 * bundled with rollup + terser as a site's own build would (node-resolve
 * through the `exports` map; default terser options: no property mangling),
 * so tree-shaking counts. Every entry is measured twice: production, and the
 * debug build (the debug scripts; the apps bundled with the `development`
 * condition, as Vite and webpack do in dev mode). Prints raw, gzip and
 * brotli bytes.
 *
 * Production rows have a goal (ARCHITECTURE.md's budget) and a limit. The
 * limit is a ratchet at the last measured size: it is enforced (exit 1 when
 * exceeded), it only comes down, and a new feature raises it by what it
 * measurably adds (stated in CHANGELOG). Debug rows are reported only.
 * `--write` also rewrites the size tables: every row in docs/size.md, the
 * production script builds and the page-view app in README.md; `--check`
 * fails when a table is not what was measured, so the sizes the docs claim
 * stay true (npm test runs it). Also prints each script build's Subresource
 * Integrity hash (sha384), for a site's `<script integrity="…">`
 * (docs/reliability.md, Security).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const KB = 1024;

// Enforced ceilings (gzip bytes of the production builds): the ratchet, at
// the last measured sizes. They only come down; a feature raises them by
// what it measurably adds, stated in CHANGELOG.md: the retry store (#15, in
// every build) 618, 627 and 638 B; setRetryDelay 10 and 6 B; link tracking
// (#11) 1170 and 1229 B; SPA tracking (#12) 567 and 580 B; media tracking
// (#14, full build; the core build's 21 B are the shared `_paq` layer's
// data-media-tracking and its name) 1966 and 21 B; content tracking (#13)
// 2215 B, and its core changes (cookie reads and writes per batch of hits,
// keepalive requests kept within the browser's budget, the site-search
// hook, cheaper random ids) 111, 117 and 124 B. Media and content were each
// measured with core/visibility.ts and the `_paq` layer's shared parts, so
// together they add 264 (full) and 40 (core) B less than their sum. A
// string body for fetch (no Blob) and a one-draw `r` cut the script time of
// a burst of hits by a quarter for 44, 44 and 36 B.
const LIMITS = {
  full: 10674 + 618 + 10 + 1170 + 567 + 1966 + 2215 + 111 - 264 + 44,
  core: 8910 + 627 + 6 + 1229 + 580 + 21 + 117 - 40 + 44,
  pageView: 5339 + 638 + 124 + 36,
};

/**
 * Each entry twice: production name and code, debug name and code (for an
 * app: the same fixture under `development`); then the production gzip goal
 * and the enforced gzip limit in bytes (undefined: reported only).
 */
const ENTRIES = [
  ['dist/matomo-lite.js (full IIFE)', file('dist/matomo-lite.js'), 'dist/matomo-lite.debug.js', file('dist/matomo-lite.debug.js'), 10.5 * KB, LIMITS.full],
  ['dist/matomo-lite.core.js (core IIFE)', file('dist/matomo-lite.core.js'), 'dist/matomo-lite.core.debug.js', file('dist/matomo-lite.core.debug.js'), 8.5 * KB, LIMITS.core],
  ...[
    ['app: createTracker + trackPageView', 'page-view', 4.5 * KB, LIMITS.pageView],
    ['app: + enableHeartBeatTimer', 'heartbeat'],
    ['app: + events, site search, goals', 'actions'],
    ['app: + consent banner', 'consent'],
    ['app: + ecommerce', 'ecommerce'],
    ['app: + enableLinkTracking', 'links'],
    ['app: + enableSpaTracking', 'spa'],
    ['app: + enableMediaTracking', 'media'],
    ['app: + content tracking', 'content'],
  ].map(([name, fixture, goal, limit]) => [name, app(fixture), name + ' (development)', app(fixture, ['development']), goal, limit]),
];

const SCRIPT_BUILDS = ['dist/matomo-lite.js', 'dist/matomo-lite.debug.js', 'dist/matomo-lite.core.js', 'dist/matomo-lite.core.debug.js'];

function file(path) {
  return async () => (existsSync(path) ? readFileSync(path) : undefined);
}

/** A fixture app bundled and minified as a site's build would, resolving `matomo-lite` under these extra conditions. */
export function app(fixture, conditions = []) {
  return async () => {
    const input = `scripts/size-fixtures/${fixture}.js`;
    if (!existsSync(input) || !existsSync('dist/esm/index.js')) return undefined;
    const bundle = await rollup({ input, plugins: [nodeResolve({ exportConditions: conditions })], onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'es', plugins: [terser({ ecma: 2020, module: true })] });
    await bundle.close();
    return Buffer.from(output[0].code);
  };
}

const fmt = (bytes) => bytes + ' B';
const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
const rows = [];
for (const [name, load, debugName, loadDebug, goal, limit] of ENTRIES) {
  for (const [label, get, debug] of [[name, load, false], [debugName, loadDebug, true]]) {
    const code = await get();
    if (!code) {
      failed = true;
      rows.push([label, 'missing', '', '', '', '', 'FAIL']);
      continue;
    }
    const gz = gzip(code);
    const overLimit = !debug && limit !== undefined && gz > limit;
    failed ||= overLimit;
    const status = debug ? '' : overLimit ? 'OVER LIMIT' : goal && gz > goal ? 'over goal' : goal ? 'ok' : '';
    rows.push([label, code.length, gz, brotli(code), goal && !debug ? fmt(goal) : '-', limit && !debug ? fmt(limit) : '-', status]);
  }
}

// --json: the measurements only, for scripts/size-delta.mjs (no limits, no README)
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows.map(([name, raw, gz, br]) => ({ name, raw, gzip: gz, brotli: br }))));
  process.exit(0);
}


const header = ['build', 'raw B', 'gzip B', 'brotli B', 'gzip goal', 'gzip limit', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());

// the builds are reproducible (check-reproducible.mjs): the same source gives the same hashes
console.log('\nSubresource Integrity of each script build (<script src="…" integrity="…" crossorigin="anonymous">):');
for (const build of SCRIPT_BUILDS) {
  if (existsSync(build)) console.log(`  ${build.padEnd(32)}sha384-${createHash('sha384').update(readFileSync(build)).digest('base64')}`);
}

// Each table between its markers: every row in docs/size.md; the production
// script builds and the page-view app, the figures a newcomer compares with
// matomo.js, in README.md.
const SUMMARY = ['dist/matomo-lite.js (full IIFE)', 'dist/matomo-lite.core.js (core IIFE)', 'app: createTracker + trackPageView'];
for (const [path, table] of [
  [
    'docs/size.md',
    [
      '| build | raw | gzip | brotli | goal (gzip) | limit (gzip) |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r[0]} | ${r[1]} B | ${r[2]} B | ${r[3]} B | ${r[4]} | ${r[5]} |`),
    ],
  ],
  [
    'README.md',
    [
      '| production build | minified | gzip | brotli |',
      '| --- | ---: | ---: | ---: |',
      ...rows.filter((r) => SUMMARY.includes(r[0])).map((r) => `| ${r[0]} | ${r[1]} B | ${r[2]} B | ${r[3]} B |`),
    ],
  ],
]) {
  const text = readFileSync(path, 'utf8');
  const updated = text.replace(/(<!-- size:start -->\n)[\s\S]*?(<!-- size:end -->)/, `$1${table.join('\n')}\n$2`);
  if (!text.includes('<!-- size:start -->')) {
    console.error(`size: ${path} has no <!-- size:start --> … <!-- size:end --> markers`);
    process.exitCode = 1;
  } else if (process.argv.includes('--write')) {
    writeFileSync(path, updated);
    console.log(`${path}: size table updated`);
  } else if (process.argv.includes('--check') && updated != text) {
    console.error(`size: ${path}'s size table is out of date; run \`npm run size -- --write\``);
    process.exitCode = 1;
  }
}

if (failed) {
  console.error('size: a limit is exceeded (or a build is missing)');
  process.exit(1);
}
