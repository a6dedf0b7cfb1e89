import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

/**
 * Every build of matomo-lite, declared here. `tsc -p tsconfig.build.json`
 * first compiles src/ to .build/tsc/ (with source maps, and the .d.ts files
 * straight to dist/esm/); rollup then lays out each entry twice, from one
 * source, with the build-time flag `__DEBUG__` (src/debug.d.ts) set:
 *
 * | production (`__DEBUG__` false)  | debug (`__DEBUG__` true)              |
 * | ------------------------------- | ------------------------------------- |
 * | dist/esm/                       | dist/esm-debug/ (`development` condition) |
 * | dist/matomo-lite.js (minified)  | dist/matomo-lite.debug.js (readable)  |
 * | dist/matomo-lite.core.js (min.) | dist/matomo-lite.core.debug.js        |
 *
 * Production builds drop every warning sentence as dead code; what a call
 * does is the same in both. dist/esm/ and dist/esm-debug/ are one unminified
 * ES module per source module, for bundlers (tree-shaking works across
 * module boundaries; sideEffects is false); both use the same .d.ts files.
 *
 * Builds are reproducible: no dates, no absolute paths, stable ordering, so
 * the same source gives byte-identical files for Subresource Integrity.
 */

const TSC_OUT = '.build/tsc';

function modules(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name == 'bundles' ? [] : modules(path);
      return path.endsWith('.js') ? [path] : [];
    });
}

/** Sets the flag; `preventAssignment` keeps a (never written) `__DEBUG__ = …` intact. */
const flag = (debug) => replace({ values: { __DEBUG__: String(debug) }, preventAssignment: true });

/** Hands rollup tsc's source maps, so the debug build's map leads to src/*.ts. */
const tscMaps = {
  name: 'tsc-maps',
  load(id) {
    if (!id.endsWith('.js') || !existsSync(id + '.map')) return null;
    return { code: readFileSync(id, 'utf8'), map: JSON.parse(readFileSync(id + '.map', 'utf8')) };
  },
};

// Properties starting with `_` are internal and renamed in the minified
// script-tag bundles, which are built in one pass so every use agrees on the
// new name. The ESM builds are never mangled: separately imported entry points
// must agree. `_paq` is Matomo's public queue name and must survive.
const minify = terser({
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  mangle: { properties: { regex: /^_(?!paq$)/ } },
  format: { comments: false },
});

const esm = (debug) => ({
  input: Object.fromEntries(modules(TSC_OUT).map((file) => [relative(TSC_OUT, file).replace(/\.js$/, ''), file])),
  output: {
    dir: debug ? 'dist/esm-debug' : 'dist/esm',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: TSC_OUT,
    entryFileNames: '[name].js',
  },
  plugins: [flag(debug)],
  // every module is an entry, so every export stays; what goes is the code
  // the flag made dead (the words of the warnings in production)
  treeshake: { moduleSideEffects: true },
});

// The debug script is not minified: readable names, every message, and a map to src/.
const iife = (input, file, debug) => ({
  input: join(TSC_OUT, input),
  output: {
    file,
    format: 'iife',
    sourcemap: true,
    plugins: debug ? [] : [minify],
    generatedCode: 'es2015',
  },
  plugins: [tscMaps, flag(debug)],
  treeshake: { moduleSideEffects: (id) => id.includes('/bundles/') },
});

export default [
  esm(false),
  esm(true),
  iife('bundles/full.js', 'dist/matomo-lite.js', false),
  iife('bundles/core.js', 'dist/matomo-lite.core.js', false),
  iife('bundles/full.js', 'dist/matomo-lite.debug.js', true),
  iife('bundles/core.js', 'dist/matomo-lite.core.debug.js', true),
];
