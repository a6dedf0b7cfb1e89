/**
 * Builds reproducibly or fails: hashes every file in dist/, builds again,
 * and compares. Sites pin dist/matomo-lite.js with Subresource Integrity, so
 * the same source must always give byte-identical files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

function hashes(dir, out = {}) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashes(path, out);
    else out[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

const before = hashes('dist');
execSync('npm run build --silent', { stdio: 'inherit' });
const after = hashes('dist');
const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
const changed = names.filter((name) => before[name] !== after[name]);
if (changed.length) {
  console.error('check-reproducible: a second build differs in:\n  ' + changed.join('\n  '));
  process.exit(1);
}
console.log(`check-reproducible: ${names.length} files byte-identical across two builds`);
