// The oracle the e2e tests lean on: every rule a hit must meet, taken from
// PROTOCOL.md §13.2 (what matomo.php enforces) and §2.1/§2.2 (the contract
// matomo.js keeps, which a drop-in must keep too).
//
// Severity tells the server how Matomo itself would react, so the collector
// can answer with the same status code (a hit's "outcome" is its worst severity):
//   dropped  matomo.php never sees the hit (e.g. a bulk entry without '?')
//   fatal    a generic server error: 400 for a single hit, 500 for a whole bulk body
//   error    matomo.php rejects the hit (400 for a single hit, "invalid" in a bulk)
//   excluded matomo.php answers success but stores nothing
//   ignored  matomo.php drops the value silently and keeps the hit
//   client   matomo.php would not notice, but matomo.js never sends it this way

const INTEGER = /^-?\d+$/;
const UNSIGNED = /^\d+$/;
// PHP's is_numeric, which is what the server's float parameters go through.
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEX16 = /^[0-9a-fA-F]{16}$/;
const PV_ID = /^[0-9a-zA-Z]{6}$/;
const RES = /^\d+x\d+$/;
const PF_KEYS = ['pf_net', 'pf_srv', 'pf_tfr', 'pf_dm1', 'pf_dm2', 'pf_onl'];
const PF_MAX = 16777215;
const FLOAT_KEYS = ['revenue', 'ec_st', 'ec_tx', 'ec_sh', 'ec_dt', '_pkp', 'e_v'];
const FLAG_KEYS = ['_idn', 'cookie', 'pdf', 'qt', 'realp', 'wma', 'fla', 'java', 'ag'];
const ONLY_ONE_KEYS = ['ping', 'consent', 'ca'];
// Parameters that make the server pick an action type other than "page view".
const ACTION_KEYS = ['e_c', 'e_a', 'c_n', 'ma_id', 'link', 'download', 'search', 'idgoal'];
const NOT_WITH_ACTION_NAME = ['e_c', 'e_a', 'search', 'idgoal', 'ping', 'link', 'download', 'c_n', 'ma_id'];
const JUNK_VALUES = ['undefined', 'null', 'NaN', '[object Object]'];
// Media Analytics (§10.1): every parameter it documents, those every media hit needs, the seconds and pixels.
const MEDIA_KEYS = ['ma_id', 'ma_re', 'ma_mt', 'ma_ti', 'ma_pn', 'ma_st', 'ma_le', 'ma_ps', 'ma_ttp', 'ma_w', 'ma_h', 'ma_fs', 'ma_se'];
const MEDIA_REQUIRED = ['ma_id', 'ma_re', 'ma_mt'];
const MEDIA_NUMBERS = ['ma_st', 'ma_le', 'ma_ps', 'ma_ttp', 'ma_w', 'ma_h'];
const SECONDS = /^\d+(\.\d+)?$/;
// What encodeURIComponent leaves alone, plus the separators and '+' (PHP reads it as a space).
const ENCODED_QUERY = /^[A-Za-z0-9\-_.!~*'()%&=+]*$/;

const has = (p, k) => Object.prototype.hasOwnProperty.call(p, k);
const shown = (v) => JSON.stringify(v);

function isAbsoluteUrl(value, protocols) {
  let u;
  try {
    u = new URL(value);
  } catch {
    return false;
  }
  return protocols ? protocols.includes(u.protocol) : true;
}

/** True when the server would treat the hit as a page view (no other action type claims it). */
export function isPageView(params) {
  return !has(params, 'ca') && !has(params, 'ping') && !ACTION_KEYS.some((k) => has(params, k));
}

/**
 * The action kind a hit is recorded as, in Matomo's priority order:
 * ping, goal/ecommerce conversions, media, download > link > event > content > search > page view.
 */
export function actionKind(params) {
  if (params.ping === '1') return 'ping';
  if (has(params, 'idgoal')) return params.idgoal === '0' ? 'ecommerce' : 'goal';
  if (has(params, 'ma_id')) return 'media';
  if (has(params, 'download')) return 'download';
  if (has(params, 'link')) return 'link';
  if (has(params, 'e_c') || has(params, 'e_a')) return 'event';
  if (has(params, 'c_n') || has(params, 'c_i')) return 'content';
  if (has(params, 'search')) return 'search';
  if (params.ca === '1') return 'unknown';
  return 'pageview';
}

const rule = (id, severity, source, text, check) => ({ id, severity, source, text, check });

/**
 * Each check gets { params, keys, raw, transport } and returns a message (or a list of
 * messages) describing what is wrong, or nothing when the hit passes.
 */
export const RULES = [
  // --- §13.2: what matomo.php enforces ---
  rule('idsite', 'error', '§13.2', 'idsite must be an integer > 0', ({ params }) => {
    if (!has(params, 'idsite')) return 'must be an integer > 0 (missing)';
    if (!UNSIGNED.test(params.idsite) || Number(params.idsite) <= 0) return `must be an integer > 0 (got ${shown(params.idsite)})`;
  }),
  rule('rec', 'excluded', '§13.2', 'rec must be 1, or Matomo silently stores nothing', ({ params }) => {
    if (params.rec !== '1') return `must be 1, else Matomo stores nothing (got ${has(params, 'rec') ? shown(params.rec) : 'nothing'})`;
  }),
  rule('_id', 'client', '§13.2', '_id must be empty or 16 hex characters', ({ params }) => {
    if (has(params, '_id') && params._id !== '' && !HEX16.test(params._id)) return `must be empty or 16 hex characters (got ${shown(params._id)})`;
  }),
  rule('cid', 'error', '§13.2', 'cid must be exactly 16 characters', ({ params }) => {
    if (has(params, 'cid') && [...params.cid].length !== 16) return `must be exactly 16 characters (got ${shown(params.cid)})`;
  }),
  rule('e_c/e_a', 'error', '§13.2', 'e_c and e_a must both be non-empty after trimming when either is present', ({ params }) => {
    if (!has(params, 'e_c') && !has(params, 'e_a')) return;
    const bad = ['e_c', 'e_a'].filter((k) => !has(params, k) || params[k].trim() === '');
    if (bad.length) return `both must be non-empty after trimming when either is present (${bad.map((k) => `${k}=${has(params, k) ? shown(params[k]) : 'missing'}`).join(', ')})`;
  }),
  rule('c_n', 'error', '§13.2', 'c_n must be non-empty after trimming when present', ({ params }) => {
    if (has(params, 'c_n') && params.c_n.trim() === '') return `must be non-empty after trimming (got ${shown(params.c_n)})`;
  }),
  rule('idgoal', 'ignored', '§13.2', 'idgoal must be an integer', ({ params }) => {
    if (has(params, 'idgoal') && !INTEGER.test(params.idgoal)) return `must be an integer (got ${shown(params.idgoal)})`;
  }),
  rule('float', 'ignored', '§13.2', `${FLOAT_KEYS.join(', ')} must be floats (1, 1.5, 1e3)`, ({ params }) =>
    FLOAT_KEYS.filter((k) => has(params, k) && !FLOAT.test(params[k])).map((k) => `${k} must be a float (got ${shown(params[k])})`),
  ),
  rule('ec_items', 'ignored', '§13.2', 'ec_items must be a JSON array of arrays', ({ params }) => {
    if (!has(params, 'ec_items')) return;
    let items;
    try {
      items = JSON.parse(params.ec_items);
    } catch {
      return `must be a JSON array of arrays (not JSON: ${shown(params.ec_items.slice(0, 80))})`;
    }
    if (!Array.isArray(items) || !items.every(Array.isArray)) return `must be a JSON array of arrays (got ${shown(params.ec_items.slice(0, 80))})`;
  }),
  rule('pf_*', 'ignored', '§13.2', `${PF_KEYS.join(', ')} must be integers 0..${PF_MAX}`, ({ params, keys }) => {
    const out = [];
    for (const k of PF_KEYS) {
      if (has(params, k) && (!UNSIGNED.test(params[k]) || Number(params[k]) > PF_MAX)) out.push(`${k} must be an integer 0..${PF_MAX} (got ${shown(params[k])})`);
    }
    for (const k of new Set(keys)) {
      if (k.startsWith('pf_') && !PF_KEYS.includes(k)) out.push(`${k} is not a page performance parameter (${PF_KEYS.join(', ')})`);
    }
    return out;
  }),
  rule('pf_* on page view', 'error', '§2.5', 'a negative pf_* value on a page view is rejected', ({ params }) => {
    if (!isPageView(params)) return;
    const neg = PF_KEYS.filter((k) => has(params, k) && /^-\d/.test(params[k]));
    if (neg.length) return `a negative value on a page view gives HTTP 400 (${neg.map((k) => `${k}=${params[k]}`).join(', ')})`;
  }),
  rule('h/m/s', 'ignored', '§13.2', 'h must be 0–23, m and s 0–59', ({ params }) =>
    [['h', 23], ['m', 59], ['s', 59]]
      .filter(([k, max]) => has(params, k) && (!UNSIGNED.test(params[k]) || Number(params[k]) > max))
      .map(([k, max]) => `${k} must be an integer 0–${max} (got ${shown(params[k])})`),
  ),
  rule('ca+ping', 'fatal', '§1.8', 'ca=1 together with ping=1 is rejected', ({ params }) => {
    if (has(params, 'ca') && has(params, 'ping')) return 'ca=1 must never be sent with ping=1 (server error, hit dropped)';
  }),
  rule('ca without action', 'fatal', '§1.8', 'ca=1 needs an action parameter (e_c, c_n, ma_id, link, download, search, idgoal)', ({ params }) => {
    if (params.ca === '1' && !has(params, 'ping') && !ACTION_KEYS.some((k) => has(params, k))) return `ca=1 without any action parameter (${ACTION_KEYS.join(', ')}): no handler, hit dropped`;
  }),
  rule('cdo', 'error', '§13.2', 'cdo (seconds ago) must be an integer 0..86400 without token_auth', ({ params }) => {
    if (!has(params, 'cdo')) return;
    if (!UNSIGNED.test(params.cdo)) return `must be whole seconds ≥ 0 (got ${shown(params.cdo)})`;
    if (Number(params.cdo) > 86400 && !has(params, 'token_auth')) return `a hit ${params.cdo} s old needs token_auth: Matomo answers 400 (over 86400 s)`;
  }),
  // --- §10.1: Media Analytics (the plugin's server code is closed: these are its documented formats) ---
  rule('ma_* required', 'client', '§10.1', `a media hit carries ${MEDIA_REQUIRED.join(', ')}, none empty`, ({ params, keys }) => {
    if (!keys.some((k) => k.startsWith('ma_'))) return;
    const missing = MEDIA_REQUIRED.filter((k) => !has(params, k) || params[k] === '');
    if (missing.length) return `a media hit needs ${missing.join(', ')} (missing or empty)`;
  }),
  rule('ma_* values', 'client', '§10.1', 'ma_id letters and digits; ma_mt video or audio; ma_st, ma_le, ma_ps, ma_ttp, ma_w, ma_h numbers ≥ 0; ma_fs 0 or 1; ma_se positions ≥ 0, each once', ({ params, keys }) => {
    const out = [];
    if (has(params, 'ma_id') && !/^[0-9a-zA-Z]+$/.test(params.ma_id)) out.push(`ma_id must be letters and digits (got ${shown(params.ma_id)})`);
    if (has(params, 'ma_mt') && !['video', 'audio'].includes(params.ma_mt)) out.push(`ma_mt must be video or audio (got ${shown(params.ma_mt)})`);
    for (const k of MEDIA_NUMBERS) if (has(params, k) && !SECONDS.test(params[k])) out.push(`${k} must be a number ≥ 0 (got ${shown(params[k])})`);
    if (has(params, 'ma_fs') && !['0', '1'].includes(params.ma_fs)) out.push(`ma_fs must be 0 or 1 (got ${shown(params.ma_fs)})`);
    if (has(params, 'ma_se')) {
      const positions = params.ma_se.split(',');
      if (!positions.every((v) => UNSIGNED.test(v))) out.push(`ma_se must be positions in seconds, comma-separated (got ${shown(params.ma_se)})`);
      else if (new Set(positions).size !== positions.length) out.push(`ma_se sends each position once (got ${shown(params.ma_se)})`);
    }
    for (const k of new Set(keys)) if (k.startsWith('ma_') && !MEDIA_KEYS.includes(k)) out.push(`${k} is not a Media Analytics parameter`);
    return out;
  }),
  rule('search_count', 'ignored', '§13.2', 'search_count must be an integer ≥ 0', ({ params }) => {
    if (has(params, 'search_count') && !UNSIGNED.test(params.search_count)) return `must be an integer ≥ 0 (got ${shown(params.search_count)})`;
  }),

  // --- §2.1 / §2.2: the contract matomo.js keeps ---
  rule('send_image', 'client', '§1.3', 'send_image must be 0 (1 only on image GETs)', ({ params, transport }) => {
    const ok = params.send_image === '0' || (transport === 'get' && params.send_image === '1');
    if (!ok) return `must be 0 (1 only on image GETs) (got ${has(params, 'send_image') ? shown(params.send_image) : 'nothing'})`;
  }),
  rule('r', 'client', '§2.1', 'r must be digits', ({ params }) => {
    if (has(params, 'r') && !UNSIGNED.test(params.r)) return `must be digits (got ${shown(params.r)})`;
  }),
  rule('url', 'client', '§2.1', 'url must be an absolute http(s) URL', ({ params }) => {
    if (!has(params, 'url')) return 'must be an absolute http(s) URL (missing)';
    if (!isAbsoluteUrl(params.url, ['http:', 'https:'])) return `must be an absolute http(s) URL (got ${shown(params.url)})`;
  }),
  rule('urlref', 'client', '§2.1', 'urlref must be an absolute URL when present', ({ params }) => {
    if (has(params, 'urlref') && !isAbsoluteUrl(params.urlref)) return `must be an absolute URL (got ${shown(params.urlref)})`;
  }),
  rule('pv_id', 'client', '§2.4', 'pv_id must be 6 characters [0-9a-zA-Z]', ({ params }) => {
    if (has(params, 'pv_id') && !PV_ID.test(params.pv_id)) return `must be 6 characters [0-9a-zA-Z] (got ${shown(params.pv_id)})`;
  }),
  rule('res', 'client', '§2.7', 'res must be WxH', ({ params }) => {
    if (has(params, 'res') && !RES.test(params.res)) return `must be WxH, e.g. 1920x1080 (got ${shown(params.res)})`;
  }),
  rule('uadata', 'client', '§2.6', 'uadata must be a JSON object', ({ params }) => {
    if (!has(params, 'uadata')) return;
    let v;
    try {
      v = JSON.parse(params.uadata);
    } catch {
      return `must be a JSON object (not JSON: ${shown(params.uadata.slice(0, 80))})`;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return `must be a JSON object (got ${shown(params.uadata.slice(0, 80))})`;
  }),
  rule('flags', 'client', '§2.7', `${FLAG_KEYS.join(', ')} must be 0 or 1`, ({ params }) =>
    FLAG_KEYS.filter((k) => has(params, k) && params[k] !== '0' && params[k] !== '1').map((k) => `${k} must be 0 or 1 (got ${shown(params[k])})`),
  ),
  rule('_refts', 'client', '§2.1', '_refts must be Unix seconds (digits)', ({ params }) => {
    if (has(params, '_refts') && !UNSIGNED.test(params._refts)) return `must be Unix seconds, digits only (got ${shown(params._refts)})`;
  }),
  rule('only 1', 'client', '§2.2', `${ONLY_ONE_KEYS.join(', ')} are only ever sent as 1`, ({ params }) =>
    ONLY_ONE_KEYS.filter((k) => has(params, k) && params[k] !== '1').map((k) => `${k} is only ever sent as 1 (got ${shown(params[k])})`),
  ),
  rule('ca on actions', 'client', '§1.8', 'events, content and media hits carry ca=1', ({ params }) => {
    const needs = ['e_c', 'e_a', 'c_n', 'ma_id'].filter((k) => has(params, k));
    if (needs.length && params.ca !== '1') return `${needs.join('/')} hits must carry ca=1 (missing)`;
  }),
  rule('link/download', 'client', '§7.7', 'link and download are absolute URLs, never a script, mailto: or tel: link, one of them per hit', ({ params }) => {
    const kinds = ['link', 'download'].filter((k) => has(params, k));
    if (kinds.length > 1) return 'link and download must not be sent together';
    for (const k of kinds) {
      if (!isAbsoluteUrl(params[k])) return `${k} must be an absolute URL (got ${shown(params[k].slice(0, 80))})`;
      if (/^(javascript|vbscript|jscript|mocha|livescript|ecmascript|mailto|tel):/i.test(params[k])) return `${k} must not be a ${params[k].split(':')[0]}: URL (matomo.js never tracks one)`;
    }
  }),
  rule('ca on links', 'client', '§7.7', 'a link or download hit carries ca=1 only with its content interaction (§8.6)', ({ params }) => {
    if ((has(params, 'link') || has(params, 'download')) && has(params, 'ca') && !has(params, 'c_n')) return 'ca=1 on a link or download hit without a content interaction (c_i, c_n…)';
  }),
  rule('content part', 'client', '§8.3', 'c_i, c_p and c_t come with c_n and are never empty; an impression carries c_p', ({ params }) => {
    const part = ['c_i', 'c_p', 'c_t'].filter((k) => has(params, k));
    const out = part.filter((k) => params[k].trim() === '').map((k) => `${k} is empty (matomo.js leaves an empty one out)`);
    if (part.length && !has(params, 'c_n')) out.push(`${part.join(', ')} without c_n: Matomo records no content action`);
    if (has(params, 'c_n') && !has(params, 'c_i') && !has(params, 'c_p')) out.push('an impression without c_p: Matomo pairs interactions with impressions by c_n and c_p');
    return out;
  }),
  rule('dimensionN', 'client', '§6.6', 'custom dimensions are dimensionN with N ≥ 1', ({ keys }) =>
    [...new Set(keys)].filter((k) => k.startsWith('dimension') && !/^dimension[1-9]\d*$/.test(k)).map((k) => `${shown(k)} is not dimensionN with N ≥ 1`),
  ),
  rule('junk value', 'client', '§14', 'no value is literally undefined, null, NaN or [object Object]', ({ params }) =>
    Object.keys(params).filter((k) => JUNK_VALUES.includes(params[k])).map((k) => `${k}=${params[k]} leaks a JavaScript value onto the wire`),
  ),
  rule('duplicate key', 'client', '§1.1', 'no parameter appears twice in one hit', ({ keys }) => {
    const seen = new Set();
    const dup = new Set();
    for (const k of keys) (seen.has(k) ? dup : seen).add(k);
    if (dup.size) return `sent more than once: ${[...dup].join(', ')}`;
  }),
  rule('action_name', 'client', '§6.1', 'action_name only on page views', ({ params }) => {
    if (!has(params, 'action_name')) return;
    const clash = NOT_WITH_ACTION_NAME.filter((k) => has(params, k));
    if (clash.length) return `only page views carry action_name (this hit also has ${clash.join(', ')})`;
  }),
  rule('encoding', 'client', '§0', 'every value is encodeURIComponent-encoded', ({ raw }) => {
    if (typeof raw !== 'string' || ENCODED_QUERY.test(raw)) return;
    const bad = [...new Set(raw.replace(/[A-Za-z0-9\-_.!~*'()%&=+]/g, ''))].slice(0, 10);
    return `characters left unencoded in the query: ${bad.map((c) => shown(c)).join(' ')}`;
  }),
];

/** Structured violations: [{ rule, severity, message }] where message starts with the rule id. */
export function checkHit(params, keys = Object.keys(params), raw = undefined, context = {}) {
  const input = { params, keys, raw, transport: context.transport };
  const out = [];
  for (const r of RULES) {
    let found;
    try {
      found = r.check(input);
    } catch (err) {
      // A rule that trips over odd input must not take the collector down with it.
      found = `rule crashed: ${err && err.message}`;
    }
    for (const message of [].concat(found ?? [])) out.push({ rule: r.id, severity: r.severity, message: `${r.id}: ${message}` });
  }
  return out;
}

/**
 * validateHit(params, keys, raw, { transport }?) → string[]; each string starts with the
 * rule id, e.g. `idsite: must be an integer > 0 (got "0")`. An empty list means the hit
 * is what matomo.js would send and what matomo.php accepts.
 */
export function validateHit(params, keys, raw, context) {
  return checkHit(params, keys, raw, context).map((v) => v.message);
}


/** The rule list without the functions, for the inspector. */
export function describeRules() {
  return RULES.map(({ id, severity, source, text }) => ({ id, severity, source, text }));
}
