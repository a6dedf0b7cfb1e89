// A Matomo-compatible receiver for the e2e tests, the demo and the benchmarks:
// records every hit with its violations, answers the way matomo.php would,
// streams hits to the inspector and serves the demo and fixture pages.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRequest, CollectorError, MAX_BODY_BYTES, TRACKER_PATHS, splitUrl } from './parse.mjs';
import { describeRules } from './validate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const STATIC_PREFIXES = ['/dist/', '/demo/', '/e2e/pages/', '/docs/'];
// URL prefixes served from another folder of the repository: the API
// reference TypeDoc builds (`npm run docs`, an ignored folder)
const MOUNTS = { '/docs/': '/.build/reference/' };
// Single-page apps: a path below one of these that is no file is a route of
// the app, served its index.html, as an SPA's host does (a reload, a shared link).
const SPA_ROOTS = ['/demo/spa/', '/e2e/pages/spa/'];
const MAX_DELAY_MS = 10000;
const MAX_HANG_MS = 60000;
const FORWARD_TIMEOUT_MS = 10000;
const SSE_KEEPALIVE_MS = 15000;
// Whoever tests with this cookie set gets its value on each record, so a test can
// tell its own hits from a straggler of the test before (see e2e/fixtures.ts).
export const TAG_COOKIE = '__e2e_tag';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wav': 'audio/wav',
};

// The 43-byte transparent 1×1 GIF Matomo answers with when send_image is not 0.
export const PIXEL_GIF = Buffer.from(
  '47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);

const ENDPOINT_PAGE =
  '<!doctype html><title>matomo-lite collector</title><p>This is a Matomo-compatible tracking endpoint (matomo-lite e2e collector). Send it tracking requests; see <a href="/inspector">/inspector</a>.</p>';

class TooLarge extends CollectorError {}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return reject(new TooLarge(400, `request body of ${declared} bytes is over the ${limit}-byte limit`));
    const chunks = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        reject(new TooLarge(400, `request body over the ${limit}-byte limit`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!settled) {
        settled = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
  });
}

function readCookie(header, name) {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** MATOMO_URL may be a base (https://stats.example.org/) or the endpoint itself (…/matomo.php). */
export function forwardTarget(matomoUrl, requestPath, query) {
  const base = new URL(matomoUrl);
  const target = /\.php$/.test(base.pathname) ? base : new URL(base.pathname.replace(/\/?$/, '') + requestPath, base);
  const q = [target.search.slice(1), query].filter(Boolean).join('&');
  return `${target.origin}${target.pathname}${q ? '?' + q : ''}`;
}

function log(quiet, ...args) {
  if (!quiet) console.log(...args);
}

function summarize(record) {
  const status = record.violations.length ? `✗ ${record.violations.join(' | ')}` : '✓';
  return `#${record.seq} ${record.transport}${record.bulkSize ? ` ${record.bulkIndex + 1}/${record.bulkSize}` : ''} ${record.kind} idsite=${record.params.idsite ?? '-'} ${status}`;
}

/**
 * A fault mode, null for none: the tracker endpoint answers `status`
 * without recording anything (Matomo down for a deploy: 503), or `drop`s the
 * connection unanswered, or holds each request `hang` ms before handling it
 * as usual. `count` limits it to that many requests, then it switches off.
 */
export function parseFault(query) {
  const q = new URLSearchParams(query);
  const fault = {};
  if (q.get('status')) fault.status = Math.min(Math.max(Number(q.get('status')) || 503, 200), 599);
  if (q.has('drop')) fault.drop = true;
  if (q.get('hang')) fault.hang = Math.min(Math.max(Number(q.get('hang')) || 0, 0), MAX_HANG_MS);
  if (q.get('count')) fault.count = Math.max(Number(q.get('count')) || 0, 0);
  return Object.keys(fault).some((k) => k != 'count') ? fault : null;
}

/**
 * startCollector(options) → Promise<{ url, port, hits, preflights, refused, clear(), setFault(), close() }>
 * `hits`, `preflights` and `refused` (the tracker requests a fault mode
 * answered or dropped) are live arrays that clear() empties in place.
 */
export async function startCollector({
  port = 0,
  host = '127.0.0.1',
  root = path.resolve(HERE, '..', '..'),
  matomoUrl = process.env.MATOMO_URL,
  delayKnob = true,
  quiet = true,
} = {}) {
  const rootDir = fs.realpathSync(root);
  const hits = [];
  const preflights = [];
  const refused = [];
  let fault = null;
  const sseClients = new Set();
  const timers = new Set();
  // Matomo refuses a second order with the same ec_id on one site, so we remember them.
  const orders = new Map();
  let seq = 0;
  const forwardLog = { networkFailed: false, badStatus: false };

  function broadcast(event, data) {
    const frame = (event ? `event: ${event}\n` : '') + `data: ${JSON.stringify(data)}\n\n`;
    for (const res of sseClients) res.write(frame);
  }

  function clear() {
    hits.length = 0;
    preflights.length = 0;
    refused.length = 0;
    orders.clear();
    broadcast('clear', { seq });
  }

  function checkOrder(record) {
    const { idgoal, ec_id: orderId, idsite } = record.params;
    if (idgoal !== '0' || !orderId || record.outcome !== 'stored') return;
    const seen = orders.get(idsite) ?? new Set();
    orders.set(idsite, seen);
    if (seen.has(orderId)) {
      record.violations.push(`ec_id: order ${JSON.stringify(orderId)} was already recorded for site ${idsite} (Matomo answers 400)`);
      record.outcome = 'error';
    } else {
      seen.add(orderId);
    }
  }

  function record(partial, req) {
    const rec = {
      seq: ++seq,
      // the request's arrival: every hit of one bulk body has the same
      receivedAt: (req.receivedAt ??= Date.now()),
      ...partial,
      origin: req.headers.origin,
      referer: req.headers.referer,
      testTag: readCookie(req.headers.cookie, TAG_COOKIE),
    };
    checkOrder(rec);
    hits.push(rec);
    broadcast(null, rec);
    log(quiet, summarize(rec));
    return rec;
  }

  function forward(req, query, body) {
    if (!matomoUrl) return;
    let target;
    try {
      target = forwardTarget(matomoUrl, splitUrl(req.url).path, query);
    } catch (err) {
      if (!forwardLog.networkFailed) console.warn(`[collector] MATOMO_URL ${JSON.stringify(matomoUrl)} is not a URL: ${err.message}`);
      forwardLog.networkFailed = true;
      return;
    }
    const headers = {};
    for (const name of ['content-type', 'user-agent', 'accept-language']) if (req.headers[name]) headers[name] = req.headers[name];
    fetch(target, {
      method: req.method,
      headers,
      body: req.method === 'POST' && body?.length ? body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    })
      .then((res) => {
        if (res.status >= 400 && !forwardLog.badStatus) {
          forwardLog.badStatus = true;
          console.warn(`[collector] forwarding to ${target} answered ${res.status} (further non-2xx answers are not logged)`);
        }
        return res.arrayBuffer();
      })
      .catch((err) => {
        if (!forwardLog.networkFailed) {
          forwardLog.networkFailed = true;
          console.warn(`[collector] forwarding to ${matomoUrl} failed: ${err.message} (further failures are not logged)`);
        }
      });
  }

  function setFault(next) {
    fault = next && Object.keys(next).length ? { ...next } : null;
    broadcast('fault', fault);
    log(quiet, `[collector] fault mode: ${fault ? JSON.stringify(fault) : 'off'}`);
  }

  /** Applies the fault mode to one tracker request; true when it answered (or dropped) it. */
  async function applyFault(req, res) {
    const current = fault;
    if (!current) return false;
    if (current.count !== undefined && --current.count <= 0) fault = null;
    if (current.hang) {
      // then handled as usual: a slow Matomo, not a failing one
      await new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          timers.delete(timer);
          resolve();
        };
        const timer = setTimeout(done, current.hang);
        timers.add(timer);
        res.on('close', done);
      });
      return res.destroyed;
    }
    refused.push({ receivedAt: Date.now(), method: req.method, path: req.url, mode: current.drop ? 'drop' : current.status });
    if (current.drop) {
      req.socket.destroy();
      return true;
    }
    // Matomo's own error pages carry the CORS headers too (set in handle())
    send(res, current.status, `fault mode: ${current.status}\n`, 'text/plain; charset=utf-8');
    return true;
  }

  async function handleTracker(req, res, query) {
    if (await applyFault(req, res)) return;
    let body = Buffer.alloc(0);
    if (req.method === 'POST') body = await readBody(req, MAX_BODY_BYTES);
    forward(req, query, body);
    const parsed = parseRequest({ method: req.method, url: req.url, headers: req.headers, body });
    const records = parsed.hits.map((h) => record(h, req));

    if (!parsed.bulk) {
      if (records.length === 0) return send(res, 200, ENDPOINT_PAGE, 'text/html; charset=utf-8');
      const [rec] = records;
      if (rec.outcome === 'error' || rec.outcome === 'fatal') {
        return send(res, 400, `Matomo would reject this hit (HTTP 400):\n${rec.violations.map((v) => `- ${v}`).join('\n')}\n`, 'text/plain; charset=utf-8');
      }
      if (!parsed.sendImage) return send(res, 204);
      return send(res, 200, PIXEL_GIF, 'image/gif');
    }

    const tracked = records.filter((r) => r.outcome === 'stored' || r.outcome === 'excluded').length;
    const invalid = records.filter((r) => r.outcome === 'error').length;
    if (records.some((r) => r.outcome === 'fatal')) {
      return send(res, 500, JSON.stringify({ status: 'error', tracked, invalid }), 'application/json; charset=utf-8');
    }
    if (!parsed.sendImage) return send(res, 204);
    return send(res, 200, JSON.stringify({ status: 'success', tracked, invalid }), 'application/json; charset=utf-8');
  }

  function handleEvents(req, res) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function handleHits(req, res, query) {
    const url = new URL('http://x/?' + query);
    if (req.method === 'DELETE') {
      clear();
      return send(res, 204);
    }
    if (req.method !== 'GET') return send(res, 405, 'use GET or DELETE\n', 'text/plain; charset=utf-8');
    const since = Number(url.searchParams.get('since') ?? 0) || 0;
    return send(res, 200, JSON.stringify(hits.filter((h) => h.seq > since)), 'application/json; charset=utf-8');
  }

  function serveFile(req, res, file, query) {
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // ?csp=<policy> serves a page under that Content-Security-Policy header
      // (e2e/security.spec.ts): a header, as sites send it, from the server's own
      // address (a document fulfilled by the test runner has none, and Chromium's
      // local network access checks then refuse its requests to the collector)
      const csp = type.startsWith('text/html') ? new URLSearchParams(query).get('csp') : null;
      const deliver = () => {
        if (res.destroyed) return;
        sendRange(req, res, stat.size, type, (start, end) =>
          fs.createReadStream(file, { start, end })
            .on('error', () => res.destroy())
            .pipe(res),
          csp && /^[\x20-\x7e]+$/.test(csp) ? { 'Content-Security-Policy': csp } : undefined,
        );
      };
      const delay = delayKnob && type.startsWith('text/html') ? Math.min(Math.max(Number(new URLSearchParams(query).get('delay')) || 0, 0), MAX_DELAY_MS) : 0;
      if (!delay) return deliver();
      const timer = setTimeout(() => {
        timers.delete(timer);
        deliver();
      }, delay);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    });
  }

  function handleStatic(req, res, pathname, query) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'bad path encoding\n', 'text/plain; charset=utf-8');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return send(res, 400, 'bad path\n', 'text/plain; charset=utf-8');
    const normal = path.posix.normalize(decoded);
    const prefix = STATIC_PREFIXES.find((p) => normal.startsWith(p) || normal + '/' === p);
    if (!prefix || normal !== decoded) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
    if (normal + '/' === prefix) return redirect(res, prefix);
    const dir = MOUNTS[prefix] || prefix;
    const baseDir = path.join(rootDir, dir);
    if (dir != prefix && !fs.existsSync(baseDir)) return send(res, 404, `not built: run npm run docs (npm start does)\n`, 'text/plain; charset=utf-8');
    let file = path.join(baseDir, normal.slice(prefix.length));
    if (normal.endsWith('/')) file = path.join(file, 'index.html');
    // realpath so that a symlink inside the served folders cannot lead out of them.
    fs.realpath(file, (err, real) => {
      const app = SPA_ROOTS.find((root) => normal.startsWith(root));
      if (err && app && !path.posix.extname(normal)) return serveFile(req, res, path.join(rootDir, app, 'index.html'), query);
      if (err) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
      fs.realpath(baseDir, (err2, realBase) => {
        if (err2 || !real.startsWith(realBase + path.sep)) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
        fs.stat(real, (err3, stat) => {
          if (!err3 && stat.isDirectory()) return redirect(res, normal + '/');
          serveFile(req, res, real, query);
        });
      });
    });
  }

  async function handle(req, res) {
    const { path: pathname, query } = splitUrl(req.url || '/');
    // Matomo answers every tracking response with these, so cross-origin beacons
    // and credentialed fetches behave as they would against a real server.
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');

    if (req.method === 'OPTIONS') {
      preflights.push({ receivedAt: Date.now(), path: pathname, origin: req.headers.origin, method: req.headers['access-control-request-method'], headers: req.headers['access-control-request-headers'] });
      // PROTOCOL §1.9: matomo.php answers a preflight with a wildcard origin, which a
      // browser refuses for credentialed requests; we keep that so the rig catches it.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', '*');
      return send(res, 204);
    }
    if (TRACKER_PATHS.includes(pathname)) return handleTracker(req, res, query);
    if (pathname === '/__hits') return handleHits(req, res, query);
    if (pathname === '/__hits/clear' && req.method === 'POST') {
      clear();
      return send(res, 204);
    }
    if (pathname === '/__events') return handleEvents(req, res);
    if (pathname === '/__fault') {
      if (req.method === 'POST') setFault(parseFault(query));
      return send(res, 200, JSON.stringify(fault), 'application/json; charset=utf-8');
    }
    if (pathname === '/__media/tone.wav') return sendBytes(req, res, toneWav(new URLSearchParams(query).get('seconds')), 'audio/wav');
    if (pathname === '/__rules') return send(res, 200, JSON.stringify(describeRules()), 'application/json; charset=utf-8');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8');
    if (pathname === '/') return redirect(res, '/demo/');
    if (pathname === '/inspector') return serveFile(req, res, path.join(HERE, 'inspector.html'), '');
    if (pathname === '/inspector.js') return serveFile(req, res, path.join(HERE, 'inspector.js'), '');
    if (pathname === '/favicon.ico') return send(res, 204);
    return handleStatic(req, res, pathname, query);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      const status = err instanceof CollectorError ? err.status : 500;
      if (!(err instanceof CollectorError)) console.error('[collector] internal error:', err);
      else log(quiet, `[collector] ${status} ${req.method} ${req.url?.slice(0, 120)}: ${err.message}`);
      // An over-long body is left unread: close the connection rather than drain it.
      if (err instanceof TooLarge) res.setHeader('Connection', 'close');
      send(res, status, `${err.message}\n`, 'text/plain; charset=utf-8');
    });
  });
  // No request may hold a socket forever (tests and CI must never hang).
  server.requestTimeout = 30000;
  server.headersTimeout = 10000;
  server.keepAliveTimeout = 2000;

  const keepAlive = setInterval(() => {
    for (const res of sseClients) res.write(': keep-alive\n\n');
  }, SSE_KEEPALIVE_MS);
  keepAlive.unref();

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  let closing;
  function close() {
    closing ??= new Promise((resolve) => {
      clearInterval(keepAlive);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const res of sseClients) res.end();
      sseClients.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  return { url: `http://${shownHost}:${actualPort}`, port: actualPort, hits, preflights, refused, clear, setFault, close };
}

/**
 * Answers a GET or HEAD for `size` bytes of `type`, or for the one byte range
 * the request asks for, as a media element does: without ranges Chromium
 * cannot seek in a video. `write(start, end)` sends those bytes.
 */
function sendRange(req, res, size, type, write, extraHeaders) {
  const range = byteRange(req.headers.range, size);
  if (range === null) {
    res.writeHead(416, { 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store' });
    return res.end();
  }
  const [start, end] = range ?? [0, size - 1];
  res.writeHead(range ? 206 : 200, {
    'Content-Type': type,
    'Content-Length': end - start + 1,
    'Accept-Ranges': 'bytes',
    ...(range && { 'Content-Range': `bytes ${start}-${end}/${size}` }),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  if (req.method === 'HEAD' || size === 0) return res.end();
  write(start, end);
}

function sendBytes(req, res, bytes, type) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', 'text/plain; charset=utf-8');
  sendRange(req, res, bytes.length, type, (start, end) => res.end(bytes.subarray(start, end + 1)));
}

/** Longest generated tone, in seconds. */
const MAX_TONE_S = 600;

/**
 * A WAV of `seconds` (default 30, at most MAX_TONE_S): 8 kHz, 8-bit mono PCM,
 * silent but for a short beep at the start of each second, so a listener
 * hears where it is. Generated, so the media demo and tests need no file and
 * no codec beyond PCM (Debian's Chromium has no proprietary ones).
 */
export function toneWav(seconds) {
  const RATE = 8000;
  const length = Math.round(Math.min(Math.max(Number(seconds) || 30, 1), MAX_TONE_S) * RATE);
  const wav = Buffer.alloc(44 + length);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + length, 4);
  wav.write('WAVEfmt ', 8, 'latin1');
  // PCM, 1 channel, 8000 Hz, 8000 bytes/s, 1 byte per frame, 8 bits
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(length, 40);
  for (let i = 0; i < length; i++) {
    const beep = i % RATE < RATE / 10;
    wav[44 + i] = 128 + (beep ? Math.round(40 * Math.sin((2 * Math.PI * 880 * i) / RATE)) : 0);
  }
  return wav;
}

/**
 * The one range of a `Range: bytes=a-b` header (`a-`, `-n` too) as [start, end]
 * within a file of `size` bytes; undefined for no header or one we do not
 * serve as a range (several ranges, another unit: the whole file then), null
 * for a range outside the file (416).
 */
export function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  // `-n`: the last n bytes (all of them when n is larger); `-0` asks for none
  const [start, end] = match[1] === '' ? [Math.max(size - Number(match[2]), 0), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  return start > end || start >= size ? null : [start, end];
}

function send(res, status, body, contentType) {
  if (res.headersSent || res.destroyed) return;
  const headers = { 'Cache-Control': 'no-store' };
  if (contentType) headers['Content-Type'] = contentType;
  if (body != null) headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(status, headers);
  res.end(body ?? undefined);
}

function redirect(res, location) {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}
