// @vitest-environment node
import { describe, it, expect, beforeAll, afterAll, beforeEach, vi } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCollector, forwardTarget, parseFault, PIXEL_GIF } from '../../e2e/collector/server.mjs';
import { TV01, tv01With } from './hits.mjs';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const T = 5000; // per-request time limit: a hung server must fail the test, not stall it

let root;
let c;

function makeRoot() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collector-root-'));
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  put('demo/index.html', '<!doctype html><title>demo</title>');
  put('demo/style.css', 'body{}');
  put('demo/spa/index.html', '<!doctype html><title>spa</title>');
  put('dist/matomo-lite.js', 'window.MatomoLite={};');
  put('dist/matomo-lite.js.map', '{}');
  put('e2e/pages/basic.html', '<!doctype html><title>basic</title>');
  put('e2e/pages/data.json', '{"a":1}');
  put('e2e/pages/icon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  put('e2e/pages/pic.png', 'png');
  put('secret.txt', 'top secret');
  put('src/index.ts', 'export {}');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'demo', 'link.txt'));
  return dir;
}

const get = (p, init = {}) => fetch(c.url + p, { signal: AbortSignal.timeout(T), ...init });
const post = (p, body, contentType = FORM, init = {}) =>
  get(p, { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {}, ...init });

/** A request with the path exactly as written: fetch would normalise "/../" away. */
function rawRequest(port, reqPath, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: reqPath, method, headers, timeout: T }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  root = makeRoot();
  c = await startCollector({ root, matomoUrl: '' });
});

afterAll(async () => {
  await c?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

beforeEach(() => c.clear());

describe('tracking requests, answered like matomo.php', () => {
  it('GET with send_image=0 → 204, recorded with zero violations (TV-01)', async () => {
    const res = await get(`/matomo.php?${TV01}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(c.hits).toHaveLength(1);
    expect(c.hits[0]).toMatchObject({ seq: expect.any(Number), method: 'GET', transport: 'get', raw: TV01, kind: 'pageview', violations: [] });
    expect(c.hits[0].receivedAt).toBeGreaterThan(Date.now() - 5000);
  });

  it('GET without send_image → 200 with the 43-byte GIF and no-store', async () => {
    const res = await get(`/matomo.php?${tv01With({ send_image: null })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(43);
    expect(bytes.subarray(0, 6).toString()).toBe('GIF89a');
    expect(bytes.equals(Buffer.from(PIXEL_GIF))).toBe(true);
  });

  it('beacon-style POST (params in the URL, empty body) → 204, transport beacon-query', async () => {
    const res = await post(`/matomo.php?${TV01}`, new Blob([], { type: FORM }), null);
    expect(res.status).toBe(204);
    expect(c.hits[0]).toMatchObject({ method: 'POST', transport: 'beacon-query', raw: TV01, violations: [] });
  });

  it('form POST (hit in the body) → 204, transport post-body', async () => {
    const res = await post('/piwik.php', TV01);
    expect(res.status).toBe(204);
    expect(c.hits[0]).toMatchObject({ method: 'POST', path: '/piwik.php', transport: 'post-body', contentType: FORM, raw: TV01, violations: [] });
  });

  it('GET wins over POST for the same key', async () => {
    await post('/matomo.php?idsite=5', tv01With({ idsite: '9' }));
    expect(c.hits[0].params.idsite).toBe('5');
  });

  it('bulk with "send_image":0 → 204 and one record per entry, in order', async () => {
    const body = JSON.stringify({ requests: [`?${tv01With({ action_name: 'first' })}`, `?${tv01With({ action_name: 'second' })}`], send_image: 0 });
    const res = await post('/matomo.php', body);
    expect(res.status).toBe(204);
    expect(c.hits.map((h) => [h.seq - c.hits[0].seq, h.transport, h.bulkIndex, h.bulkSize, h.params.action_name])).toEqual([
      [0, 'bulk', 0, 2, 'first'],
      [1, 'bulk', 1, 2, 'second'],
    ]);
  });

  it('bulk without send_image → 200 JSON with tracked and invalid counts (TV-28)', async () => {
    const res = await post('/matomo.php', JSON.stringify({ requests: ['?idsite=1&rec=1&url=https%3A%2F%2Fwww.example.com%2F', '?idsite=0&rec=1'] }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'success', tracked: 1, invalid: 1 });
    expect(c.hits).toHaveLength(2);
    expect(c.hits[1].violations).toContain('idsite: must be an integer > 0 (got "0")');
  });

  it('bulk with a custom action nobody handles → 500 JSON error, entries still recorded', async () => {
    const res = await post('/matomo.php', JSON.stringify({ requests: [`?${TV01}`, `?${tv01With({ action_name: null, ca: '1' })}`] }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ status: 'error', tracked: 1, invalid: 0 });
    expect(c.hits).toHaveLength(2);
  });

  // PROTOCOL.md TV-28, with the TV-01 hit where the vector says "…".
  const URL_PARAM = 'url=https%3A%2F%2Fwww.example.com%2F';
  it.each([
    [`idsite=1&rec=1&${URL_PARAM}&send_image=0`, 204, 'stored'],
    ['idsite=0&rec=1&send_image=0', 400, 'error'],
    [`idsite=1&rec=1&${URL_PARAM}&cid=abc&send_image=0`, 400, 'error'],
    [`idsite=1&rec=1&${URL_PARAM}&e_c=%20&e_a=Play&ca=1&send_image=0`, 400, 'error'],
    [`idsite=1&rec=1&${URL_PARAM}&e_c=Videos&e_a=Play&e_v=abc&ca=1&send_image=0`, 204, 'stored'],
    [`idsite=1&rec=1&${URL_PARAM}&ca=1&send_image=0`, 400, 'fatal'],
    [`idsite=1&${URL_PARAM}&send_image=0`, 204, 'excluded'],
    [`idsite=1&rec=1&action_name=x&${URL_PARAM}&pf_net=-5&send_image=0`, 400, 'error'],
    [`idsite=1&rec=1&ping=1&${URL_PARAM}&_id=0123456789abcdef&send_image=0`, 204, 'stored'],
  ])('TV-28: GET ?%s → %i', async (query, status, outcome) => {
    const res = await get(`/matomo.php?${query}`);
    expect(res.status).toBe(status);
    expect(c.hits).toHaveLength(1);
    expect(c.hits[0].outcome).toBe(outcome);
  });

  it('TV-28: a bulk entry without "?" → 204, recorded as dropped', async () => {
    const res = await post('/matomo.php', '{"requests":["idsite=1&rec=1"],"send_image":0}');
    expect(res.status).toBe(204);
    expect(c.hits[0].outcome).toBe('dropped');
  });

  it('an invalid single hit → 400 with the violations in plain text, and it is still recorded', async () => {
    const res = await get('/matomo.php?idsite=0&rec=1&send_image=0');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toContain('- idsite: must be an integer > 0 (got "0")');
    expect(c.hits).toHaveLength(1);
  });

  it('a second order with the same ec_id on a site → 400, like Matomo', async () => {
    const order = `/matomo.php?${tv01With({ action_name: null, idgoal: '0', ec_id: 'ORDER-1', revenue: '10', ec_items: '[]' })}`;
    expect((await get(order)).status).toBe(204);
    expect((await get(order)).status).toBe(400);
    expect(c.hits[1].violations).toEqual(['ec_id: order "ORDER-1" was already recorded for site 1 (Matomo answers 400)']);
  });

  it('a bare GET of the endpoint → 200 HTML, nothing recorded', async () => {
    const res = await get('/matomo.php');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('tracking endpoint');
    expect(c.hits).toEqual([]);
  });
});

describe('malformed input → 400 with a clear message, nothing recorded, nothing lost', () => {
  beforeEach(async () => {
    await get(`/matomo.php?${TV01}`);
    expect(c.hits).toHaveLength(1);
  });

  async function expect400(res, message) {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toMatch(message);
    // The hit from before survives and the server still works.
    expect(c.hits).toHaveLength(1);
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(c.hits).toHaveLength(2);
  }

  it('bad bulk JSON', async () => {
    await expect400(await post('/matomo.php', '{"requests":["?idsite=1"'), /^bulk body is not valid JSON/);
  });

  it('no idsite at all', async () => {
    await expect400(await get('/matomo.php?rec=1&url=https%3A%2F%2Fa.example%2F&send_image=0'), /^no idsite parameter/);
  });

  it('a 5 MB body with Content-Length is refused without reading it', async () => {
    await expect400(await post('/matomo.php', 'a'.repeat(5 * 1024 * 1024)), /over the 1048576-byte limit/);
  });

  it('a 5 MB chunked body (no Content-Length) is cut off at the limit', async () => {
    const chunk = Buffer.alloc(64 * 1024, 97);
    const res = await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: c.port, path: '/matomo.php', method: 'POST', headers: { 'content-type': FORM }, timeout: T }, (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode, body, connection: r.headers.connection }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
      let sent = 0;
      const pump = () => {
        while (sent < 80) {
          sent++;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(res.status).toBe(400);
    expect(res.body).toBe('request body over the 1048576-byte limit\n');
    expect(res.connection).toBe('close');
    expect(c.hits).toHaveLength(1);
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
  });

  it('invalid UTF-8 in the body', async () => {
    await expect400(await post('/matomo.php', Buffer.from([0x69, 0x64, 0x73, 0x69, 0x74, 0x65, 0x3d, 0x31, 0x26, 0x65, 0x3d, 0xc3, 0x28])), /^invalid UTF-8 in the request body/);
  });

  it('invalid UTF-8 in the percent-decoded query', async () => {
    await expect400(await get('/matomo.php?idsite=1&rec=1&action_name=%E2%82'), /^invalid UTF-8 after percent-decoding parameter "action_name"/);
  });

  it('a POST with nothing in it', async () => {
    await expect400(await post('/matomo.php', ''), /^POST with no usable input/);
  });
});

describe('CORS (PROTOCOL §1.9)', () => {
  it('echoes the Origin and allows credentials', async () => {
    const res = await get(`/matomo.php?${TV01}`, { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('answers * without an Origin', async () => {
    const res = await get('/__hits');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('answers a preflight with 204 and Matomo\'s headers, and records it', async () => {
    const res = await get('/matomo.php', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('*');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(c.preflights).toMatchObject([{ path: '/matomo.php', origin: 'https://shop.example', method: 'POST', headers: 'content-type' }]);
    expect(c.hits).toEqual([]);
  });
});

describe('fault modes (the reliability tests switch them on and off)', () => {
  afterAll(() => c.setFault(null));

  it('answers the given status with the CORS headers, recording nothing, until switched off', async () => {
    c.setFault({ status: 503 });
    const res = await get(`/matomo.php?${TV01}`, { headers: { origin: 'http://site.example' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://site.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await post('/matomo.php', TV01)).status).toBe(503);
    expect(c.hits).toHaveLength(0);
    expect(c.refused.map((r) => [r.method, r.mode])).toEqual([['GET', 503], ['POST', 503]]);
    // static files are not affected
    expect((await get('/demo/index.html')).status).toBe(200);
    c.setFault(null);
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(c.hits).toHaveLength(1);
  });

  it('count: only that many requests, then off', async () => {
    c.setFault({ status: 400, count: 1 });
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(400);
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(c.hits).toHaveLength(1);
  });

  it('drop: the connection closes unanswered', async () => {
    c.setFault({ drop: true });
    await expect(get(`/matomo.php?${TV01}`)).rejects.toThrow();
    expect(c.hits).toHaveLength(0);
    expect(c.refused.map((r) => r.mode)).toEqual(['drop']);
  });

  it('hang: holds each request, then handles it as usual', async () => {
    c.setFault({ hang: 300 });
    const start = Date.now();
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    expect(c.hits).toHaveLength(1);
    expect(c.refused).toHaveLength(0);
  });

  it('is switched over HTTP too: POST /__fault?status=503 (or drop, hang=ms, count=n), POST /__fault to switch off', async () => {
    expect(await (await post('/__fault?status=503&count=2', '')).json()).toEqual({ status: 503, count: 2 });
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(503);
    expect(await (await get('/__fault')).json()).toEqual({ status: 503, count: 1 });
    expect(await (await post('/__fault', '')).json()).toBeNull();
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(parseFault('drop=1')).toEqual({ drop: true });
    expect(parseFault('hang=99999999')).toEqual({ hang: 60000 });
    expect(parseFault('count=3')).toBeNull();
  });
});

describe('/__hits and /__events', () => {
  it('lists hits, filters with ?since, clears with DELETE and POST /__hits/clear', async () => {
    await get(`/matomo.php?${tv01With({ action_name: 'a' })}`);
    await get(`/matomo.php?${tv01With({ action_name: 'b' })}`);
    const all = await (await get('/__hits')).json();
    expect(all.map((h) => h.params.action_name)).toEqual(['a', 'b']);
    const newer = await (await get(`/__hits?since=${all[0].seq}`)).json();
    expect(newer.map((h) => h.params.action_name)).toEqual(['b']);

    expect((await get('/__hits', { method: 'DELETE' })).status).toBe(204);
    expect(await (await get('/__hits')).json()).toEqual([]);
    await get(`/matomo.php?${TV01}`);
    // Sequence numbers keep counting after a clear, so ?since stays meaningful.
    expect(c.hits[0].seq).toBe(all[1].seq + 1);
    expect((await get('/__hits/clear', { method: 'POST' })).status).toBe(204);
    expect(c.hits).toEqual([]);
  });

  it('streams each hit and each clear as Server-Sent Events', async () => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), T);
    const res = await fetch(`${c.url}/__events`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const nextFrame = async () => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('retry:') || frame.startsWith(':')) continue;
          return frame;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    try {
      await get(`/matomo.php?${tv01With({ action_name: 'live' })}`);
      const frame = await nextFrame();
      expect(frame.startsWith('data: ')).toBe(true);
      const rec = JSON.parse(frame.slice(6));
      expect(rec).toMatchObject({ transport: 'get', kind: 'pageview', violations: [] });
      expect(rec.params.action_name).toBe('live');
      c.clear();
      expect(await nextFrame()).toMatch(/^event: clear\ndata: /);
    } finally {
      clearTimeout(timer);
      ctrl.abort();
    }
  });

  it('serves the rule list for the inspector', async () => {
    const rules = await (await get('/__rules')).json();
    expect(rules.find((r) => r.id === 'idsite')).toEqual({ id: 'idsite', severity: 'error', source: '§13.2', text: 'idsite must be an integer > 0' });
  });
});

describe('static files', () => {
  it.each([
    ['/demo/', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/demo/index.html', 'text/html; charset=utf-8', '<!doctype html><title>demo</title>'],
    ['/demo/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/dist/matomo-lite.js', 'text/javascript; charset=utf-8', 'window.MatomoLite={};'],
    ['/dist/matomo-lite.js.map', 'application/json; charset=utf-8', '{}'],
    ['/e2e/pages/basic.html', 'text/html; charset=utf-8', '<!doctype html><title>basic</title>'],
    ['/e2e/pages/data.json', 'application/json; charset=utf-8', '{"a":1}'],
    ['/e2e/pages/icon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/e2e/pages/pic.png', 'image/png', 'png'],
  ])('%s → %s, no-store', async (p, type, body) => {
    const res = await get(p);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(body);
  });

  it('serves the index.html of a single-page app for its routes, not for its missing files', async () => {
    for (const route of ['/demo/spa/products', '/demo/spa/products/shoes']) {
      const res = await get(route);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<!doctype html><title>spa</title>');
    }
    expect((await get('/demo/spa/missing.js')).status).toBe(404);
    expect((await get('/demo/elsewhere')).status).toBe(404);
    expect((await rawRequest(c.port, '/demo/spa/../../secret.txt')).status).toBe(404);
  });

  it('redirects / to /demo/ and /demo to /demo/', async () => {
    for (const [from, to] of [['/', '/demo/'], ['/demo', '/demo/']]) {
      const res = await get(from, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(to);
    }
  });

  it('serves the inspector', async () => {
    const res = await get('/inspector');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>matomo-lite · hit inspector</title>');
    expect((await get('/inspector.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/demo/../secret.txt',
    '/demo/%2e%2e/secret.txt',
    '/demo/..%2fsecret.txt',
    '/demo/..%5csecret.txt',
    '/dist/../../etc/passwd',
    '/e2e/pages/%2e%2e/%2e%2e/secret.txt',
    '/demo//secret.txt',
    '/demo/link.txt',
    '/demo/index.html%00.png',
    '/secret.txt',
    '/src/index.ts',
    '/demo/missing.html',
  ])('refuses %s', async (p) => {
    const res = await rawRequest(c.port, p);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('root:');
  });

  it('?delay=MS holds an HTML page back (not other files), capped at 10 s', async () => {
    let t = Date.now();
    expect((await get('/e2e/pages/basic.html?delay=300')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    t = Date.now();
    await get('/demo/style.css?delay=2000');
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe('forwarding to MATOMO_URL', () => {
  it('maps the path and query onto the base URL or the endpoint', () => {
    expect(forwardTarget('https://stats.example.org', '/matomo.php', 'idsite=1')).toBe('https://stats.example.org/matomo.php?idsite=1');
    expect(forwardTarget('https://example.org/analytics/', '/piwik.php', 'a=1')).toBe('https://example.org/analytics/piwik.php?a=1');
    expect(forwardTarget('https://example.org/m/matomo.php', '/piwik.php', '')).toBe('https://example.org/m/matomo.php');
  });

  it('forwards method, path, query, body and content type unchanged', async () => {
    const seen = [];
    let notify;
    const arrived = new Promise((resolve) => (notify = resolve));
    const matomo = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (d) => chunks.push(d));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], ua: req.headers['user-agent'], body: Buffer.concat(chunks).toString() });
        res.writeHead(204).end();
        if (seen.length === 2) notify();
      });
    });
    await new Promise((r) => matomo.listen(0, '127.0.0.1', r));
    const fwd = await startCollector({ root, matomoUrl: `http://127.0.0.1:${matomo.address().port}/sub/` });
    try {
      await fetch(`${fwd.url}/matomo.php?${TV01}`, { headers: { 'user-agent': 'TestBrowser/1.0' }, signal: AbortSignal.timeout(T) });
      await fetch(`${fwd.url}/piwik.php?x=1`, { method: 'POST', body: TV01, headers: { 'content-type': FORM }, signal: AbortSignal.timeout(T) });
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error('nothing forwarded')), T))]);
      expect(seen).toEqual([
        { method: 'GET', url: `/sub/matomo.php?${TV01}`, type: undefined, ua: 'TestBrowser/1.0', body: '' },
        { method: 'POST', url: '/sub/piwik.php?x=1', type: FORM, ua: expect.any(String), body: TV01 },
      ]);
      expect(fwd.hits).toHaveLength(2);
    } finally {
      await fwd.close();
      await new Promise((r) => matomo.close(r));
    }
  });

  it('logs a failing Matomo once and keeps answering', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise((r) => probe.listen(0, '127.0.0.1', r));
    const deadPort = probe.address().port;
    await new Promise((r) => probe.close(r));
    const fwd = await startCollector({ root, matomoUrl: `http://127.0.0.1:${deadPort}` });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${fwd.url}/matomo.php?${TV01}`, { signal: AbortSignal.timeout(T) })).status).toBe(204);
      await vi.waitFor(() => expect(warn).toHaveBeenCalled(), { timeout: T });
      await new Promise((r) => setTimeout(r, 200));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/forwarding to http:\/\/127\.0\.0\.1:\d+ failed/);
      expect(fwd.hits).toHaveLength(3);
    } finally {
      await fwd.close();
    }
  });
});

describe('lifecycle', () => {
  it('close() ends open event streams and pending delayed pages', async () => {
    const other = await startCollector({ root });
    const ctrl = new AbortController();
    const stream = await fetch(`${other.url}/__events`, { signal: ctrl.signal });
    const slow = fetch(`${other.url}/e2e/pages/basic.html?delay=10000`).catch((err) => err);
    await new Promise((r) => setTimeout(r, 50));
    const t = Date.now();
    await other.close();
    expect(Date.now() - t).toBeLessThan(1000);
    expect(await slow).toBeInstanceOf(Error);
    ctrl.abort();
    expect(stream.status).toBe(200);
  });

  it('survives a client that hangs up in the middle of a body', async () => {
    await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: c.port, path: '/matomo.php', method: 'POST', headers: { 'content-type': FORM, 'content-length': 1000 } });
      req.on('error', () => resolve());
      req.write('idsite=1&rec=1');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await get(`/matomo.php?${TV01}`)).status).toBe(204);
    expect(c.hits).toHaveLength(1);
  });

  it('start on port 0 picks a free port each time', async () => {
    const a = await startCollector({ root });
    const b = await startCollector({ root });
    try {
      expect(a.port).toBeGreaterThan(0);
      expect(a.port).not.toBe(b.port);
      expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
