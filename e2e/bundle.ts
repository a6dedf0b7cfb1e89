// A fixture app bundled and minified as a site's build would: rollup with
// node-resolve through the package's `exports` map (this repository is the
// package `matomo-lite` to itself), under these extra export conditions.
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export async function bundleApp(input: string, conditions: string[] = []): Promise<string> {
  const build = await rollup({ input, plugins: [nodeResolve({ exportConditions: conditions })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'es', plugins: [terser({ ecma: 2020, module: true })] });
  await build.close();
  return output[0].code;
}
