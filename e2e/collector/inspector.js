// Live view of what reached the collector. Everything from the wire is put in
// the page with textContent only: hits are untrusted input.
(() => {
  const $ = (id) => document.getElementById(id);
  const list = $('hits');
  const seen = new Map(); // seq → element
  let total = 0;
  let bad = 0;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props);
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  function pad(n, w = 2) {
    return String(n).padStart(w, '0');
  }

  function clock(ms) {
    const d = new Date(ms);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function short(s, n = 80) {
    return s.length > n ? s.slice(0, n - 1) + '…' : s;
  }

  // The few parameters that say what a hit is about, per action kind.
  function glance(h) {
    const p = h.params;
    const parts = [];
    const add = (k, v) => v !== undefined && v !== '' && parts.push([k, v]);
    switch (h.kind) {
      case 'pageview': add('title', p.action_name); add('url', p.url); break;
      case 'event': add('', [p.e_c, p.e_a, p.e_n].filter((x) => x !== undefined).join(' › ')); add('value', p.e_v); break;
      case 'search': add('keyword', p.search); add('category', p.search_cat); add('results', p.search_count); break;
      case 'goal': add('goal', p.idgoal); add('revenue', p.revenue); break;
      case 'ecommerce': {
        add(p.ec_id ? 'order' : 'cart', p.ec_id || 'update');
        add('revenue', p.revenue);
        try { add('items', String(JSON.parse(p.ec_items).length)); } catch { add('items', p.ec_items); }
        break;
      }
      case 'link': add('link', p.link); add('content', p.c_n); break;
      case 'download': add('download', p.download); add('content', p.c_n); break;
      case 'content': add(p.c_i ? 'interaction' : '', p.c_i || 'impression'); add('name', p.c_n); add('piece', p.c_p); add('target', p.c_t); break;
      case 'media': {
        // an impression has played nothing and has no time to play yet
        add(p.ma_mt || 'media', p.ma_ti || p.ma_re);
        add('played', p.ma_st === '0' && p.ma_ttp === undefined ? 'impression' : p.ma_st && `${p.ma_st} s`);
        add('at', `${p.ma_ps ?? '?'} s of ${p.ma_le ?? '?'} s`);
        add('segments', p.ma_se);
        break;
      }
      case 'ping': add('url', p.url); break;
      default: add('url', p.url);
    }
    add('site', p.idsite);
    add('pv', p.pv_id);
    const span = el('span', { className: 'glance' });
    for (const [k, v] of parts) {
      if (span.childNodes.length) span.append('  ');
      if (k) span.append(el('span', { className: 'k', textContent: k + ' ' }));
      span.append(short(String(v)));
    }
    return span;
  }

  // A violation names its parameter(s) at the start ("idsite: …") or inline ("e_v must …").
  function flaggedKeys(h) {
    const keys = new Set();
    for (const v of h.violations) {
      for (const k of Object.keys(h.params)) {
        if (v.startsWith(k + ':') || v.includes(` ${k} `) || v.includes(` ${k}=`) || v.includes(`: ${k} `) || v.includes(`(${k}=`)) keys.add(k);
      }
    }
    return keys;
  }

  function render(h) {
    const isBad = h.violations.length > 0;
    const transport = h.transport + (h.bulkSize ? ` ${h.bulkIndex + 1}/${h.bulkSize}` : '');
    const summary = el(
      'summary',
      {},
      el('span', { className: 'time', textContent: clock(h.receivedAt) }),
      el('span', { className: 'badge', textContent: transport, title: h.contentType || '' }),
      el('span', { className: 'method', textContent: h.method }),
      el('span', { className: `badge kind-${h.kind}`, textContent: h.kind }),
      // a hit sent again after a failure says how long ago it happened (cdo)
      ...(h.params.cdo ? [el('span', { className: 'badge', textContent: `${h.params.cdo} s late`, title: 'retried: cdo=' + h.params.cdo })] : []),
      glance(h),
      el('span', {
        className: `badge ${isBad ? 'count-bad' : 'count-ok'}`,
        textContent: isBad ? `${h.violations.length} violation${h.violations.length > 1 ? 's' : ''}` : 'ok',
      }),
    );
    const body = el('div', { className: 'body' });
    if (isBad) body.append(el('ul', { className: 'violations' }, ...h.violations.map((v) => el('li', { textContent: v }))));
    const flagged = flaggedKeys(h);
    const rows = h.keys.map((k, i) =>
      el(
        'tr',
        { className: flagged.has(k) ? 'flagged' : '' },
        el('td', { className: 'key', textContent: k }),
        // A repeated key shows the value Matomo keeps (the last one, URL beating body).
        el('td', { className: 'val', textContent: h.keys.indexOf(k) === i ? h.params[k] : `(duplicate) ${h.params[k]}` }),
      ),
    );
    body.append(el('table', { className: 'params' }, el('thead', {}, el('tr', {}, el('th', { textContent: 'parameter' }), el('th', { textContent: 'decoded value' }))), el('tbody', {}, ...rows)));
    body.append(
      el('div', {
        className: 'meta',
        textContent: `#${h.seq} · ${h.method} ${h.path} · ${h.contentType || 'no content type'} · Matomo outcome: ${h.outcome}${h.origin ? ' · origin ' + h.origin : ''}`,
      }),
    );
    body.append(el('code', { className: 'raw', textContent: h.raw }));
    const node = el('details', { className: `hit${isBad ? ' bad' : ''}` }, summary, body);
    node.dataset.search = `${h.kind} kind:${h.kind} ${h.transport} ${h.raw} ${JSON.stringify(h.params)}`.toLowerCase();
    node.dataset.bad = isBad ? '1' : '';
    return node;
  }

  function applyFilter(node) {
    const q = $('filter').value.trim().toLowerCase();
    const hide = ($('only-bad').checked && !node.dataset.bad) || (q && !q.split(/\s+/).every((w) => node.dataset.search.includes(w)));
    node.hidden = Boolean(hide);
  }

  function updateCounts() {
    $('count').textContent = String(total);
    $('bad-count').textContent = String(bad);
    $('empty').hidden = total > 0;
  }

  function add(h, fresh) {
    if (seen.has(h.seq)) return;
    const node = render(h);
    if (fresh) node.classList.add('fresh');
    applyFilter(node);
    seen.set(h.seq, node);
    // Newest on top, even when a backlog and live events interleave.
    let before = null;
    for (const child of list.children) {
      if (Number(child.dataset.seq) < h.seq) {
        before = child;
        break;
      }
    }
    node.dataset.seq = String(h.seq);
    list.insertBefore(node, before);
    total++;
    if (h.violations.length) bad++;
    updateCounts();
  }

  function reset() {
    seen.clear();
    list.replaceChildren();
    total = 0;
    bad = 0;
    updateCounts();
  }

  // Reset before asking, not after: a hit streamed in while the request is in flight
  // then survives, and one the server had already stored comes back in the answer.
  async function loadAll() {
    reset();
    const res = await fetch('/__hits', { cache: 'no-store' });
    for (const h of await res.json()) add(h, false);
  }

  function connect() {
    const status = $('status');
    const source = new EventSource('/__events');
    source.onopen = () => {
      status.textContent = 'live';
      status.className = 'stat live';
      // Reload on every (re)connect: it fills the gap and follows a collector restart.
      loadAll().catch(() => {});
    };
    source.onmessage = (e) => add(JSON.parse(e.data), true);
    source.addEventListener('clear', reset);
    source.onerror = () => {
      status.textContent = 'disconnected, retrying…';
      status.className = 'stat down';
    };
  }

  async function loadRules() {
    const rules = await (await fetch('/__rules')).json();
    $('rules-body').replaceChildren(
      ...rules.map((r) =>
        el('tr', {}, el('td', { className: 'key', textContent: r.id }), el('td', { textContent: r.severity }), el('td', { textContent: r.source }), el('td', { textContent: r.text })),
      ),
    );
  }

  $('clear').addEventListener('click', () => {
    fetch('/__hits', { method: 'DELETE' }).then(reset, () => {});
  });
  $('toggle-rules').addEventListener('click', () => {
    const box = $('rules');
    box.hidden = !box.hidden;
    if (!box.hidden && !$('rules-body').childElementCount) loadRules().catch(() => {});
  });
  for (const id of ['filter', 'only-bad']) $(id).addEventListener('input', () => [...list.children].forEach(applyFilter));

  updateCounts();
  connect();
})();
