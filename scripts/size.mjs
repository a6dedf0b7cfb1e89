/**
 * Size report and budgets (`npm run size`, part of `npm test`).
 *
 * Measures every shipped script-tag build as a file, and fixture apps that
 * import a few functions from the ESM build, bundled with rollup + terser as a
 * site's own build would (default terser options: no property mangling), so
 * tree-shaking counts. Prints raw, gzip and brotli bytes; exits 1 when a
 * budget (gzip) is exceeded.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { rollup } from 'rollup';
import terser from '@rollup/plugin-terser';

const KB = 1024;

/** name, how to get the code, gzip budget in bytes (or undefined: reported only) */
const ENTRIES = [
  ['dist/matomo-lite.js (full IIFE)', file('dist/matomo-lite.js'), 6.5 * KB],
  ['dist/matomo-lite.core.js (core IIFE)', file('dist/matomo-lite.core.js'), 3.0 * KB, true],
  ['app: createTracker + trackPageView', app('scripts/size-fixtures/page-view.js'), 1.8 * KB],
  ['app: + enableHeartBeatTimer', app('scripts/size-fixtures/heartbeat.js')],
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
for (const [name, load, budget, optional] of ENTRIES) {
  const code = await load();
  if (!code) {
    if (!optional) {
      failed = true;
      rows.push([name, 'missing', '', '', budget ? fmt(budget) : '', 'FAIL']);
    }
    continue;
  }
  const gz = gzip(code);
  const over = budget !== undefined && gz > budget;
  failed ||= over;
  rows.push([name, code.length, gz, brotli(code), budget ? fmt(budget) : '-', budget ? (over ? 'OVER' : 'ok') : '']);
}

function fmt(bytes) {
  return (bytes / KB).toFixed(2) + ' KB';
}

const header = ['build', 'raw B', 'gzip B', 'brotli B', 'gzip budget', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  '));
if (failed) {
  console.error('size: a budget is exceeded (or a build is missing)');
  process.exit(1);
}
