/**
 * Where the bytes are (`npm run size:modules`): each source module's share of
 * a build, so size work starts at the biggest part. Each module's code as
 * rollup rendered it after tree-shaking, minified alone (names mangled, no
 * cross-module compression) and gzipped alone: the numbers add up to more
 * than the real build, but rank the modules right.
 *
 *   node scripts/size-modules.mjs [full|core|page-view|heartbeat]
 */
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { minify } from 'terser';
import { gzipSync } from 'node:zlib';

const INPUTS = {
  full: '.build/tsc/bundles/full.js',
  core: '.build/tsc/bundles/core.js',
  'page-view': 'scripts/size-fixtures/page-view.js',
  heartbeat: 'scripts/size-fixtures/heartbeat.js',
};
const which = process.argv[2] || 'full';
const input = INPUTS[which];
if (!input) throw new Error('unknown build ' + which + '; one of ' + Object.keys(INPUTS).join(', '));

const bundle = await rollup({
  input,
  plugins: [nodeResolve()],
  onwarn: () => {},
  treeshake: { moduleSideEffects: (id) => id.includes('/bundles/') || id.includes('size-fixtures') },
});
const { output } = await bundle.generate({ format: 'es' });
await bundle.close();

const rows = [];
for (const [id, module] of Object.entries(output[0].modules)) {
  if (!module.code) continue;
  const { code = '' } = await minify(module.code, { module: true, compress: false, mangle: true });
  rows.push([id.replace(/^.*?(\.build\/tsc|dist\/esm|scripts)\//, ''), code.length, gzipSync(code, { level: 9 }).length]);
}
rows.sort((a, b) => b[2] - a[2]);
console.log(`${which}: module, minified B, gzip B (alone)`);
for (const [name, min, gz] of rows) console.log(`${name.padEnd(34)} ${String(min).padStart(6)} ${String(gz).padStart(6)}`);
const sum = (i) => rows.reduce((total, row) => total + row[i], 0);
console.log(`${'sum'.padEnd(34)} ${String(sum(1)).padStart(6)} ${String(sum(2)).padStart(6)}`);
