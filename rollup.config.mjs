import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import terser from '@rollup/plugin-terser';

/**
 * Every build of matomo-lite, declared here. `tsc -p tsconfig.build.json`
 * first compiles src/ to .build/tsc/ (and writes the .d.ts files straight to
 * dist/esm/); rollup then lays out:
 *
 * - dist/esm/: one unminified ES module per source module, for bundlers
 *   (tree-shaking works across module boundaries; sideEffects is false);
 * - dist/matomo-lite.js: the minified script-tag build (IIFE) with a map;
 * - dist/matomo-lite.core.js: the smaller script-tag build (`_paq` with the
 *   functions most sites use, see src/paq/core.ts).
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

// Properties starting with `_` are internal and renamed in the script-tag
// bundles, which are built in one pass so every use agrees on the new name.
// The ESM build is never mangled: separately imported entry points must agree.
// `_paq` is Matomo's public queue name and must survive.
const minify = terser({
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
  mangle: { properties: { regex: /^_(?!paq$)/ } },
  format: { comments: false },
});

const iife = (input, file) => ({
  input: join(TSC_OUT, input),
  // freeze: false: the namespace object handed to the `_paq` layer is ours; freezing it costs bytes
  output: { file, format: 'iife', sourcemap: true, plugins: [minify], generatedCode: 'es2015', freeze: false },
  treeshake: { moduleSideEffects: (id) => id.includes('/bundles/') },
});

export default [
  {
    input: Object.fromEntries(modules(TSC_OUT).map((file) => [relative(TSC_OUT, file).replace(/\.js$/, ''), file])),
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: TSC_OUT, entryFileNames: '[name].js' },
    treeshake: false,
  },
  iife('bundles/full.js', 'dist/matomo-lite.js'),
  iife('bundles/core.js', 'dist/matomo-lite.core.js'),
];
