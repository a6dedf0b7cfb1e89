/**
 * Packaging lint (`npm run lint:package`, part of `npm test`, after the
 * build): the package as `npm pack` makes it, checked by
 *
 * - publint, strict (its warnings fail too): `exports`, `files`, fields and
 *   the files they point to;
 * - arethetypeswrong (`attw --pack`), profile esm-only: every entry's types
 *   resolve, and resolve to what the JavaScript is, under TypeScript's
 *   `bundler` and `node16` resolution. The package is ESM-only
 *   (`"type": "module"`, no `require` condition), so node10 and `require()`
 *   from CommonJS are out of scope.
 *
 * attw skips the entries of the script-tag builds (dist/matomo-lite*.js:
 * `./script`, `./script/core` …): classic scripts for a `<script>` tag,
 * which export nothing, so there is nothing to type; they are in `exports`
 * so that tools can find the file (`import.meta.resolve`, Vite's `?url`) or
 * run it from a bundle (`import 'matomo-lite/script'`, kept by the
 * `sideEffects` list). They are picked from the exports map by their target,
 * so a new module entry without types still fails.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SCRIPT_BUILD = /^\.\/dist\/matomo-lite[^/]*\.js$/;

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const scripts = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target == 'string' && SCRIPT_BUILD.test(target))
  .map(([entry]) => entry);

// each packs on its own, so both run at once; attw's table (one row per
// entry) is printed when it fails, publint's few lines always (its
// suggestions do not fail, and are worth reading)
const run = (name, args, verbose) =>
  new Promise((resolve, reject) => {
    execFile(`node_modules/.bin/${name}`, args, (error, stdout, stderr) => {
      if (error && typeof error.code != 'number') return reject(error);
      if (error) console.error(`${name} ${args.join(' ')}: failed\n${stdout}${stderr}`);
      else console.log(verbose ? stdout.trim() : `${name}: no problems`);
      resolve(!error);
    });
  });

const results = await Promise.all([
  run('publint', ['--strict'], true),
  run('attw', ['--pack', '.', '--profile', 'esm-only', '--exclude-entrypoints', ...scripts]),
]);
if (results.includes(false)) process.exit(1);
