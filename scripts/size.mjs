/**
 * Size report and budgets (`npm run size`, part of `npm test`).
 *
 * Measures every shipped script-tag build as a file, and fixture apps that
 * import a few functions from the ESM build, bundled with rollup + terser as a
 * site's own build would (default terser options: no property mangling), so
 * tree-shaking counts. Prints raw, gzip and brotli bytes.
 *
 * Each entry has a goal (ARCHITECTURE.md's budget) and a limit. The limit is
 * enforced (exit 1 when exceeded) so sizes cannot creep; where the goal is not
 * met yet the row says so. `--write` also rewrites README.md's size table;
 * `--check` fails when that table is not what was measured, so the sizes the
 * README claims stay true (npm test runs it).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const KB = 1024;

// Enforced ceilings (gzip bytes), set from measurements with a little headroom.
// They are above ARCHITECTURE.md's goals: see README.md, "Size".
const LIMITS = { full: 11.3 * KB, core: 9.4 * KB, pageView: 5.55 * KB };

/** name, how to get the code, gzip goal and enforced gzip limit in bytes (undefined: reported only), optional */
const ENTRIES = [
  ['dist/matomo-lite.js (full IIFE)', file('dist/matomo-lite.js'), 6.5 * KB, LIMITS.full],
  ['dist/matomo-lite.core.js (core IIFE)', file('dist/matomo-lite.core.js'), 3.0 * KB, LIMITS.core, true],
  ['app: createTracker + trackPageView', app('scripts/size-fixtures/page-view.js'), 1.8 * KB, LIMITS.pageView],
  ['app: + enableHeartBeatTimer', app('scripts/size-fixtures/heartbeat.js')],
  ['app: + events, site search, goals', app('scripts/size-fixtures/actions.js')],
  ['app: + consent banner', app('scripts/size-fixtures/consent.js')],
  ['app: + ecommerce', app('scripts/size-fixtures/ecommerce.js')],
];

function file(path) {
  return async () => (existsSync(path) ? readFileSync(path) : undefined);
}

function app(input) {
  return async () => {
    if (!existsSync(input)) return undefined;
    const bundle = await rollup({ input, onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'es', plugins: [terser({ ecma: 2020, module: true })] });
    await bundle.close();
    return Buffer.from(output[0].code);
  };
}

const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
const rows = [];
for (const [name, load, goal, limit, optional] of ENTRIES) {
  const code = await load();
  if (!code) {
    if (!optional) {
      failed = true;
      rows.push([name, 'missing', '', '', '', '', 'FAIL']);
    }
    continue;
  }
  const gz = gzip(code);
  const overLimit = limit !== undefined && gz > limit;
  failed ||= overLimit;
  const status = overLimit ? 'OVER LIMIT' : goal && gz > goal ? 'over goal' : goal ? 'ok' : '';
  rows.push([name, code.length, gz, brotli(code), goal ? fmt(goal) : '-', limit ? fmt(limit) : '-', status]);
}

// --json: the measurements only, for scripts/size-delta.mjs (no limits, no README)
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows.map(([name, raw, gz, br]) => ({ name, raw, gzip: gz, brotli: br }))));
  process.exit(0);
}

function fmt(bytes) {
  return (bytes / KB).toFixed(2) + ' KB';
}

const header = ['build', 'raw B', 'gzip B', 'brotli B', 'gzip goal', 'gzip limit', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());

{
  const table = [
    '| build | raw | gzip | brotli | goal (gzip) | limit (gzip) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r[0]} | ${r[1]} B | ${r[2]} B | ${r[3]} B | ${r[4]} | ${r[5]} |`),
  ].join('\n');
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(/(<!-- size:start -->\n)[\s\S]*?(<!-- size:end -->)/, `$1${table}\n$2`);
  if (process.argv.includes('--write')) {
    writeFileSync('README.md', updated);
    console.log('README.md size table updated');
  } else if (process.argv.includes('--check') && updated != readme) {
    console.error("size: README.md's size table is out of date; run `npm run size -- --write`");
    process.exitCode = 1;
  }
}

if (failed) {
  console.error('size: a limit is exceeded (or a build is missing)');
  process.exit(1);
}
