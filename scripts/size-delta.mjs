/**
 * What a change does to the sizes (`npm run size:delta [ref]`, ref defaults
 * to `main`): builds `ref` in a temporary git worktree, measures both trees
 * with this checkout's scripts/size.mjs, and prints each build's gzip bytes
 * before and after, the way a per-PR size comment would. Run it before
 * committing size-relevant work; the working tree is measured as it is
 * (build it first: `npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ref = process.argv[2] || 'main';
const here = process.cwd();
const script = resolve('scripts/size.mjs');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const measure = (cwd) => JSON.parse(run(process.execPath, [script, '--json'], cwd));

const dir = mkdtempSync(join(tmpdir(), 'size-delta-'));
let before;
try {
  run('git', ['worktree', 'add', '--detach', dir, ref], here);
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  run('npm', ['run', '--silent', 'build'], dir);
  before = measure(dir);
} finally {
  run('git', ['worktree', 'remove', '--force', dir], here);
  rmSync(dir, { recursive: true, force: true });
}
const after = measure(here);

const rows = after.map(({ name, gzip }) => {
  // a build or fixture that `ref` does not have is reported as new
  const old = before.find((row) => row.name == name)?.gzip;
  if (typeof old != 'number') return [name, '-', gzip, 'new'];
  return [name, old, gzip, (gzip > old ? '+' : '') + (gzip - old)];
});
const header = ['build (gzip B)', ref, 'working tree', 'delta'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd());
