// Turns one HTTP request to matomo.php into hit records, reading it the way
// Matomo does (PROTOCOL.md §1.1, §1.4, §13.1): GET query; POST whose params are in
// the URL (a sendBeacon with an empty body); form-urlencoded POST body, merged
// with the URL params where the URL wins; bulk JSON whenever the raw body
// contains "requests". Pure: no I/O, no clock, no sequence numbers.

import { checkHit, actionKind } from './validate.mjs';

export const TRACKER_PATHS = ['/matomo.php', '/piwik.php'];
export const MAX_BODY_BYTES = 1024 * 1024;

export class CollectorError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'CollectorError';
    this.status = status;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * PHP's urldecode: '+' is a space, %XX is a byte, a malformed '%' stays literal.
 * The bytes must then be valid UTF-8, because Matomo stores text as UTF-8 and a
 * broken sequence means the client encoded something wrongly.
 */
export function decodeComponent(text, where) {
  if (!/[%+]/.test(text)) return { value: text, malformed: false };
  const bytes = [];
  let malformed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '+') {
      bytes.push(0x20);
    } else if (c === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      if (c === '%') malformed = true;
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  try {
    return { value: utf8.decode(Uint8Array.from(bytes)), malformed };
  } catch {
    throw new CollectorError(400, `invalid UTF-8 after percent-decoding ${where}`);
  }
}

/**
 * A query string (no leading '?') → keys in wire order (duplicates kept, so the
 * validator can see them) and params where the last duplicate wins, as in PHP.
 */
export function parseQuery(query, where = 'the query') {
  const keys = [];
  // No prototype while filling, so a key like "__proto__" is stored, not obeyed.
  const params = Object.create(null);
  const notes = [];
  if (!query) return { keys, params: {}, notes };
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = decodeComponent(rawKey, `a parameter name in ${where}`);
    const value = decodeComponent(rawValue, `parameter "${key.value}" in ${where}`);
    if (key.value === '') continue;
    if (key.malformed || value.malformed) notes.push(`encoding: malformed percent sequence in ${shownPart(part)}`);
    keys.push(key.value);
    params[key.value] = value.value;
  }
  return { keys, params: { ...params }, notes };
}

const shownPart = (part) => JSON.stringify(part.length > 60 ? part.slice(0, 60) + '…' : part);

function header(headers, name) {
  const v = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

function isFormContentType(contentType) {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType || '');
}

/** Splits a request URL into path and raw query (no '?'); the fragment never reaches a server, but be safe. */
export function splitUrl(url) {
  const noHash = url.split('#', 1)[0];
  const q = noHash.indexOf('?');
  return q === -1 ? { path: noHash, query: '' } : { path: noHash.slice(0, q), query: noHash.slice(q + 1) };
}

function makeRecord(base, { transport, raw, keys, params, notes = [], extra = [] }) {
  const structured = [...extra, ...notes.map((message) => ({ rule: 'encoding', severity: 'client', message })), ...checkHit(params, keys, raw, { transport })];
  return {
    ...base,
    transport,
    raw,
    keys,
    params,
    kind: actionKind(params),
    violations: structured.map((v) => v.message),
    // How matomo.php would treat the hit (see OUTCOMES in validate.mjs).
    outcome: outcomeOf(structured),
  };
}

function outcomeOf(structured) {
  for (const o of ['dropped', 'fatal', 'error', 'excluded']) if (structured.some((v) => v.severity === o)) return o;
  return 'stored';
}

/**
 * parseRequest({ method, url, headers, body }) →
 *   { bulk: false, sendImage: boolean, hits: [record] }     a single hit
 *   { bulk: true,  sendImage: boolean, hits: [record, …] }  a bulk body, one record per entry
 *   { bulk: false, sendImage: true, hits: [] }              a bare GET: Matomo's "this is the endpoint" page
 * Records lack seq and receivedAt, which the server adds. Throws CollectorError for
 * input that is malformed as a whole; nothing of such a request is recorded.
 */
export function parseRequest({ method, url, headers = {}, body }) {
  method = String(method || 'GET').toUpperCase();
  const { path, query } = splitUrl(url || '/');
  const contentType = header(headers, 'content-type') || '';
  const buf = body == null ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const base = { method, path, contentType };

  if (method !== 'GET' && method !== 'POST') throw new CollectorError(405, `method ${method} not allowed: matomo.php takes GET or POST`);
  if (buf.length > MAX_BODY_BYTES) throw new CollectorError(400, `request body over ${MAX_BODY_BYTES} bytes`);
  const get = parseQuery(query, 'the URL query');

  if (method === 'GET' || buf.length === 0) {
    if (get.keys.length === 0) {
      if (method === 'GET') return { bulk: false, sendImage: true, hits: [] };
      throw new CollectorError(400, 'POST with no usable input: no parameters in the URL and an empty body');
    }
    if (!('idsite' in get.params)) throw new CollectorError(400, 'no idsite parameter: this is not a tracking request');
    const record = makeRecord(base, { transport: method === 'GET' ? 'get' : 'beacon-query', raw: query, ...get });
    return { bulk: false, sendImage: get.params.send_image !== '0', hits: [record] };
  }

  let text;
  try {
    text = utf8.decode(buf);
  } catch {
    throw new CollectorError(400, 'invalid UTF-8 in the request body');
  }

  if (text.includes('"requests"')) return parseBulk(base, text);

  if (!isFormContentType(contentType)) {
    // PHP fills $_POST only from form bodies, so matomo.php never sees this body.
    const lost = {
      rule: 'content-type',
      severity: 'error',
      message: `content-type: body sent as ${JSON.stringify(contentType || 'no Content-Type')} is ignored by matomo.php (PHP parses only application/x-www-form-urlencoded bodies)`,
    };
    const post = parseQuery(text, 'the body');
    const merged = mergeGetPost(get, post);
    if (!('idsite' in merged.params)) throw new CollectorError(400, 'no idsite parameter: this is not a tracking request');
    const record = makeRecord(base, { transport: 'post-body', raw: joinRaw(query, text), ...merged, extra: [lost] });
    // With params in the URL Matomo still tracks those; without, it has no usable input.
    const urlHit = get.keys.length > 0;
    if (urlHit) record.outcome = outcomeOf(checkHit(get.params, get.keys, query, { transport: 'beacon-query' }));
    return { bulk: false, sendImage: merged.params.send_image !== '0', hits: [record] };
  }

  const post = parseQuery(text, 'the body');
  const merged = mergeGetPost(get, post);
  if (merged.keys.length === 0) throw new CollectorError(400, 'POST with no usable input: the form body has no parameters');
  if (!('idsite' in merged.params)) throw new CollectorError(400, 'no idsite parameter: this is not a tracking request');
  const record = makeRecord(base, { transport: 'post-body', raw: joinRaw(query, text), ...merged });
  return { bulk: false, sendImage: merged.params.send_image !== '0', hits: [record] };
}

function joinRaw(query, body) {
  return query && body ? `${query}&${body}` : query || body;
}

/** Matomo reads $_GET + $_POST: the union, where the URL value wins. */
function mergeGetPost(get, post) {
  return {
    keys: [...get.keys, ...post.keys],
    params: { ...post.params, ...get.params },
    notes: [...get.notes, ...post.notes],
  };
}

function parseBulk(base, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CollectorError(400, `bulk body is not valid JSON: ${err.message}`);
  }
  if (json === null || typeof json !== 'object' || !Array.isArray(json.requests)) {
    throw new CollectorError(400, 'bulk body must be a JSON object with a "requests" array');
  }
  if (json.requests.length === 0) throw new CollectorError(400, 'bulk body has an empty "requests" array');
  const bulkSize = json.requests.length;
  const hits = json.requests.map((entry, bulkIndex) => {
    const where = `bulk entry ${bulkIndex}`;
    const b = { ...base, bulkIndex, bulkSize };
    if (typeof entry !== 'string') {
      const dropped = { rule: 'bulk entry', severity: 'dropped', message: `bulk entry: must be a string "?<hit>" (got ${JSON.stringify(entry)})` };
      return makeRecord(b, { transport: 'bulk', raw: JSON.stringify(entry), keys: [], params: {}, extra: [dropped] });
    }
    let query;
    const extra = [];
    if (entry.startsWith('?')) {
      query = entry.slice(1);
    } else if (/^[a-z][a-z0-9+.-]*:\/\/[^?]*\?/i.test(entry)) {
      query = splitUrl(entry).query;
    } else {
      // Matomo parses the entry as a URL and finds no query: the entry vanishes.
      query = entry;
      extra.push({ rule: 'bulk entry', severity: 'dropped', message: 'bulk entry: must start with "?" (or be a full URL with a query); matomo.php drops it silently' });
    }
    return makeRecord(b, { transport: 'bulk', raw: query, ...parseQuery(query, where), extra });
  });
  return { bulk: true, sendImage: !(json.send_image === 0 || json.send_image === '0'), hits };
}
