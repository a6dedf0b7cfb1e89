// The package as a user gets it (e2e/package.spec.ts): `npm pack` once, the
// tarball installed into a throwaway consumer project in a temp folder, and
// there the consumer's own tools: Vite, esbuild, rollup and webpack (this
// repository's pinned devDependencies, run on the consumer's files, resolving
// 'matomo-lite' from the consumer's node_modules like any package), and tsc
// under moduleResolution bundler and node16.
//
// Nothing here names a feature: the entries come from the installed
// package.json's `exports`, so a new entry is bundled, loaded and
// type-checked without a change here.

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

export type Flavour = 'production' | 'development';
export type Exports = Record<string, string | Record<string, string>>;

export interface Consumer {
  /** the consumer project */
  dir: string;
  /** the installed package: node_modules/matomo-lite */
  packageDir: string;
  /** its package.json, as installed */
  manifest: { name: string; version: string; exports: Exports; unpkg?: string; jsdelivr?: string; [field: string]: unknown };
  /** entries that are modules with types (`import * as x from …`) */
  modules: string[];
  /** entries that are the script-tag builds (a classic script, no types: `import …` for its side effects) */
  scripts: string[];
  /** by script entry, the consumer's module (and bundle) that imports it: `script-0` … */
  scriptInputs: Record<string, string>;
  remove(): void;
}

/** `matomo-lite` or `matomo-lite/heartbeat`: how a user imports an entry. */
export const specifier = (name: string, entry: string) => (entry == '.' ? name : name + entry.slice(1));

/**
 * Packs this repository (its current dist/: `npm test` builds first), and
 * installs the tarball into a new consumer project: an ES module project
 * (`"type": "module"`, as node16 resolution needs for an ESM-only package)
 * holding the page-view app, the generated `entries.ts`, test/types.ts,
 * docs/paq.md's `_paq` snippet, and the two tsconfigs. The package has no dependencies, so the install needs
 * no registry: `--offline` makes sure of it.
 */
export async function createConsumer(): Promise<Consumer> {
  const dir = mkdtempSync(join(tmpdir(), 'matomo-lite-consumer-'));
  try {
    const packed = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env: npmEnv() })).stdout);
    const tarball = join(dir, packed[0].filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    await run('npm', ['install', tarball, '--offline', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, env: npmEnv() });

    const packageDir = join(dir, 'node_modules', packed[0].name);
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const exportEntries = Object.entries(manifest.exports as Exports);
    const modules = exportEntries.filter(([, target]) => typeof target == 'object' && 'types' in target).map(([entry]) => entry);
    const scripts = exportEntries.filter(([, target]) => typeof target == 'string' && target.endsWith('.js')).map(([entry]) => entry);
    const scriptInputs = Object.fromEntries(scripts.map((entry, i) => [entry, `script-${i}`]));

    cpSync(join(ROOT, 'e2e/pages/package-app.ts'), join(dir, 'main.ts'));
    cpSync(join(ROOT, 'e2e/pages/package-paq.ts'), join(dir, 'paq.ts'));
    cpSync(join(ROOT, 'test/types.ts'), join(dir, 'types.ts'));
    writeFileSync(join(dir, 'entries.ts'), entriesModule(manifest.name, modules));
    for (const entry of scripts) writeFileSync(join(dir, scriptInputs[entry] + '.js'), `import '${specifier(manifest.name, entry)}';\n`);
    // what a bundler reads: the TypeScript sources with their types stripped, file by file, as Vite and esbuild do
    for (const name of ['main', 'entries']) {
      const { outputText } = ts.transpileModule(readFileSync(join(dir, name + '.ts'), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020, verbatimModuleSyntax: true },
      });
      writeFileSync(join(dir, name + '.js'), outputText);
    }
    for (const mode of ['bundler', 'node16'] as const) writeFileSync(join(dir, `tsconfig.${mode}.json`), JSON.stringify(tsconfig(mode), null, 2));

    return { dir, packageDir, manifest, modules, scripts, scriptInputs, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The environment for npm, less what `npm test` exported about this repository (its package, its lifecycle). */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(package|lifecycle|config_local_prefix)/i.test(key)));
}

/**
 * Imports every module entry and publishes its export names on
 * `window.packageEntries`, so a test can compare what each bundle offers
 * with what the `.d.ts` files declare. For tsc, every function of every
 * entry must take a Tracker first, as test/types.ts checks for the root
 * (a type error names the one that does not).
 */
function entriesModule(name: string, entries: string[]): string {
  const imports = entries.map((entry, i) => `import * as entry${i} from '${specifier(name, entry)}';`);
  const checks = entries.map((_, i) => `type Checked${i} = TrackerFirst<Exclude<NotTrackerFirst<typeof entry${i}>, 'createTracker'>>;`);
  const pairs = entries.map((entry, i) => `  [${JSON.stringify(entry)}, entry${i}],`);
  return `// Generated by e2e/package-consumer.ts from the installed package's exports map.
import type { Tracker } from '${name}';
${imports.join('\n')}

/** The names of a module's functions whose first argument is not exactly a Tracker. */
type NotTrackerFirst<M> = {
  [K in keyof M]: M[K] extends (...args: infer A) => unknown
    ? A extends [infer T, ...unknown[]] ? ([T] extends [Tracker] ? ([Tracker] extends [T] ? never : K) : K) : K
    : never;
}[keyof M];
type TrackerFirst<Others extends never> = Others;
${checks.join('\n')}

const entries: [string, object][] = [
${pairs.join('\n')}
];
(window as unknown as { packageEntries: Record<string, string[]> }).packageEntries = Object.fromEntries(
  entries.map(([entry, namespace]) => [entry, Object.keys(namespace).sort()]),
);
`;
}

/** The consumer's tsconfig for a `moduleResolution`: strict, and every shipped .d.ts checked too (skipLibCheck off). */
function tsconfig(mode: 'bundler' | 'node16') {
  return {
    compilerOptions: {
      target: 'ES2020',
      module: mode == 'bundler' ? 'ESNext' : 'Node16',
      moduleResolution: mode == 'bundler' ? 'Bundler' : 'Node16',
      lib: ['ES2020', 'DOM', 'DOM.Iterable'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      skipDefaultLibCheck: true,
      verbatimModuleSyntax: true,
      types: [],
    },
    files: ['main.ts', 'entries.ts', 'types.ts', 'paq.ts'],
  };
}

export interface TypeCheck {
  /** tsc's errors, formatted as tsc prints them; empty when it compiles */
  errors: string;
  /** the value exports (not types) the .d.ts files declare, by module entry */
  exports: Record<string, string[]>;
}

/** tsc (through its API, so the declared exports can be read too) with the consumer's tsconfig for `mode`. */
export function typeCheck(consumer: Consumer, mode: 'bundler' | 'node16'): TypeCheck {
  const configFile = join(consumer.dir, `tsconfig.${mode}.json`);
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, consumer.dir, undefined, configFile);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  const errors = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => consumer.dir,
    getNewLine: () => '\n',
  });

  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(consumer.dir, 'entries.ts'))!;
  const exports: Record<string, string[]> = {};
  for (const entry of consumer.modules) {
    const imported = source.statements.find(
      (s) => ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly && (s.moduleSpecifier as ts.StringLiteral).text == specifier(consumer.manifest.name, entry),
    ) as ts.ImportDeclaration | undefined;
    const module = imported && checker.getSymbolAtLocation(imported.moduleSpecifier);
    const values = (module ? checker.getExportsOfModule(module) : []).filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.flags & ts.SymbolFlags.Value;
    });
    exports[entry] = values.map((symbol) => symbol.name).sort();
  }
  return { errors, exports };
}

export interface Bundler {
  name: string;
  /**
   * Bundles the consumer's modules into `out`, one `<name>.js` per input;
   * for development with the `development` condition, the way that
   * bundler's users get it.
   */
  bundle(consumer: Consumer, flavour: Flavour, out: string): Promise<void>;
}

// main.js and entries.js in both flavours; the script inputs in development
// only: every bundler applies the sideEffects list in development as in
// production (each drops the import without it), and minifying 200 KB of
// script builds would add seconds per bundler for nothing the test reads
const inputs = (consumer: Consumer, flavour: Flavour) =>
  Object.fromEntries(
    ['main', 'entries', ...(flavour == 'development' ? Object.values(consumer.scriptInputs) : [])].map((name) => [name, join(consumer.dir, name + '.js')]),
  );

export const BUNDLERS: Bundler[] = [
  {
    // `vite build`; its development build is `NODE_ENV=development vite build --mode development`
    // (Vite picks the condition from NODE_ENV, and sets NODE_ENV for the process, so it is restored)
    name: 'vite',
    async bundle(consumer, flavour, out) {
      const { build } = await import('vite');
      const before = process.env.NODE_ENV;
      process.env.NODE_ENV = flavour;
      try {
        await build({
          root: consumer.dir,
          configFile: false,
          logLevel: 'silent',
          mode: flavour,
          build: { outDir: out, emptyOutDir: true, rolldownOptions: { input: inputs(consumer, flavour), output: { entryFileNames: '[name].js' } } },
        });
      } finally {
        if (before === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = before;
      }
    },
  },
  {
    // esbuild --bundle --minify [--conditions=development]
    name: 'esbuild',
    async bundle(consumer, flavour, out) {
      const esbuild = await import('esbuild');
      await esbuild.build({
        absWorkingDir: consumer.dir,
        entryPoints: inputs(consumer, flavour),
        outdir: out,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2020',
        minify: flavour == 'production',
        conditions: flavour == 'development' ? ['development'] : [],
        logLevel: 'silent',
      });
    },
  },
  {
    // rollup with node-resolve (+ terser in production), exportConditions for development
    name: 'rollup',
    async bundle(consumer, flavour, out) {
      const { rollup } = await import('rollup');
      const { nodeResolve } = await import('@rollup/plugin-node-resolve');
      const { default: terser } = await import('@rollup/plugin-terser');
      const build = await rollup({
        input: inputs(consumer, flavour),
        plugins: [nodeResolve({ browser: true, exportConditions: flavour == 'development' ? ['development'] : [] })],
        onwarn: () => {},
      });
      await build.write({ dir: out, format: 'es', entryFileNames: '[name].js', plugins: flavour == 'production' ? [terser({ ecma: 2020, module: true })] : [] });
      await build.close();
    },
  },
  {
    // webpack --mode production|development (its mode sets the condition); no eval source maps,
    // which a strict CSP refuses
    name: 'webpack',
    async bundle(consumer, flavour, out) {
      const { default: webpack } = await import('webpack');
      const compiler = webpack({
        mode: flavour,
        context: consumer.dir,
        entry: inputs(consumer, flavour),
        output: { path: out, filename: '[name].js' },
        devtool: false,
        infrastructureLogging: { level: 'none' },
      });
      const stats = await new Promise<import('webpack').Stats>((done, fail) => compiler.run((error, result) => (error ? fail(error) : done(result!))));
      await new Promise((done) => compiler.close(done));
      if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    },
  },
];
