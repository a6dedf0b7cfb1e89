// `npm start`: the demo site, the hit inspector, the API reference and the
// collector on one port. (npm start builds the scripts and the reference
// first, so /dist/matomo-lite.js and /docs/ are fresh.)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from '../e2e/collector/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST || '127.0.0.1';
const matomoUrl = process.env.MATOMO_URL || '';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT=${process.env.PORT} is not a port number`);
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist', 'matomo-lite.js'))) {
  console.warn('dist/matomo-lite.js is missing: run "npm run build" (npm start does), or the demo pages will say so.');
}
if (!fs.existsSync(path.join(root, '.build', 'reference', 'index.html'))) {
  console.warn('The API reference is not built: run "npm run docs" (npm start does), or /docs/ will say so.');
}

let collector;
try {
  collector = await startCollector({ port, host, root, matomoUrl, quiet: false });
} catch (err) {
  console.error(err.code === 'EADDRINUSE' ? `Port ${port} on ${host} is in use: set PORT to another one (PORT=0 picks a free port).` : `Could not start: ${err.message}`);
  process.exit(1);
}

console.log(`
  demo site      ${collector.url}/demo/
  hit inspector  ${collector.url}/inspector
  API reference  ${collector.url}/docs/  (with the guides of docs/)
  collector      ${collector.url}/matomo.php  (hits as JSON: ${collector.url}/__hits)
  forwarding     ${matomoUrl ? `on: every hit is also sent to ${matomoUrl}` : 'off (set MATOMO_URL to also send hits to a real Matomo)'}

  Each hit is logged below. Ctrl+C stops.
`);

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  // A stuck socket must not keep the process alive.
  setTimeout(() => process.exit(0), 3000).unref();
  collector.close().then(() => process.exit(0));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
