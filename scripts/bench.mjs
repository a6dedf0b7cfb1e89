/**
 * Main-thread cost of the tracker against matomo.js, in the same run, on the
 * same page (`npm run bench`): ARCHITECTURE.md's page of 2,000 content
 * blocks and 1,000 links, in Debian's Chromium, with Matomo's standard
 * snippet plus trackVisibleContentImpressions and enableLinkTracking.
 *
 *   npm run bench [-- --runs 5] [-- --check] [-- --no-core] [-- --matomo ../shared/reference/matomo.js]
 *
 * Each run loads the page once per tracker, in a fresh browser context, in
 * turn (so a busy machine slows them alike), and measures four phases:
 *
 * - init: from navigation to one second after the load event;
 * - scroll: to the bottom in 20 steps, 250 ms apart (matomo.js checks the
 *   blocks 100 ms after a scroll), each step less than a viewport, so every
 *   block is in the viewport once;
 * - idle: 10 s with nothing happening;
 * - link clicks: 50 clicks on links in the viewport (their navigation
 *   prevented by the page, after the trackers saw the click), as script
 *   time per click.
 *
 * Script time is Chromium's own counter (CDP Performance.getMetrics,
 * ScriptDuration), long tasks come from a PerformanceObserver; both are net
 * of a control page with the same DOM and no tracker, as the median of the
 * runs (after one warm-up run each). The impressions each tracker sent are
 * counted at the collector after the idle phase. matomo.js is read from the
 * shared reference copy at bench time and served by this script's own
 * server: it is never copied into the repository.
 *
 * `--check` exits 1 when a goal of issue #13 is missed (matomo-lite.js
 * against matomo.js): init ≤ 1/10, scroll ≤ 1/20 with no long task, idle 0
 * ms while matomo.js's is above 0, the same number of impressions. Not part
 * of `npm test`: timings depend on the machine and its load.
 */
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startCollector } from '../e2e/collector/server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf('--' + name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(option('runs', 5));
const CHECK = process.argv.includes('--check');
const MATOMO_JS = path.resolve(ROOT, option('matomo', '../shared/reference/matomo.js'));

const BLOCKS = 2000;
const LINKS = 1000;
const COLUMNS = 10;
const VIEWPORT = { width: 1280, height: 720 };
const SETTLE_MS = 1000;
const STEPS = 20;
const STEP_MS = 250;
const IDLE_MS = 10_000;
const CLICKS = 50;
const CLICK_MS = 20;

/** Goals of issue #13, ours/matomo.js: script time ratios, our scroll long tasks. */
const GOALS = { init: 1 / 10, scroll: 1 / 20 };

const TRACKERS = [
  ['control', 'no tracker (control)', ''],
  ['matomo', 'matomo.js 5.2', '/matomo.js'],
  ['full', 'dist/matomo-lite.js', '/dist/matomo-lite.js'],
  ['core', 'dist/matomo-lite.core.js', '/dist/matomo-lite.core.js'],
].filter(([id]) => id != 'core' || !process.argv.includes('--no-core'));

if (!existsSync(MATOMO_JS)) {
  console.error(`bench: matomo.js not found at ${MATOMO_JS} (give its path with --matomo)`);
  process.exit(1);
}
for (const [, , script] of TRACKERS) {
  if (script.startsWith('/dist/') && !existsSync(path.join(ROOT, script))) {
    console.error(`bench: ${script.slice(1)} is missing: run npm run build (npm run bench does)`);
    process.exit(1);
  }
}

/**
 * The page: BLOCKS content blocks in a grid, every other one with a link
 * (outlinks, downloads and internal links), and, unless `script` is empty,
 * Matomo's standard snippet loading it.
 */
function page(script, trackerUrl) {
  const blocks = [];
  for (let i = 0; i < BLOCKS; i++) {
    const link =
      i % 2 == 0
        ? i % 4 == 0
          ? `<a href="https://partner${i % 50}.example.org/offer/${i}">Offer ${i}</a>`
          : i % 8 == 2
            ? `<a href="/files/report-${i}.pdf">Report ${i}</a>`
            : `<a href="/article/${i}">Article ${i}</a>`
        : '';
    blocks.push(`<div class="b" data-track-content data-content-name="Teaser ${i}" data-content-piece="Banner ${i % 20}">Block ${i} ${link}</div>`);
  }
  const snippet = script
    ? `<script>
var _paq = window._paq = window._paq || [];
_paq.push(['trackPageView']);
_paq.push(['enableLinkTracking']);
_paq.push(['trackVisibleContentImpressions']);
(function() {
  _paq.push(['setTrackerUrl', ${JSON.stringify(trackerUrl)}]);
  _paq.push(['setSiteId', '1']);
  var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
  g.async=true; g.src=${JSON.stringify(script)}; s.parentNode.insertBefore(g,s);
})();
</script>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>
<style>body{margin:0;display:grid;grid-template-columns:repeat(${COLUMNS},1fr);gap:4px;font:12px sans-serif}.b{height:60px;background:#eef;overflow:hidden}</style>
${snippet}</head><body>${blocks.join('\n')}</body></html>`;
}

/** The bench's own server: the pages, matomo.js from the reference copy, and dist/. */
async function startServer(trackerUrl) {
  const matomo = readFileSync(MATOMO_JS);
  const pages = Object.fromEntries(TRACKERS.map(([id, , script]) => [`/${id}.html`, page(script, trackerUrl)]));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (type, body) => {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    if (pages[url.pathname]) return send('text/html; charset=utf-8', pages[url.pathname]);
    if (url.pathname == '/matomo.js') return send('text/javascript; charset=utf-8', matomo);
    if (/^\/dist\/matomo-lite(\.core)?\.js$/.test(url.pathname)) return send('text/javascript; charset=utf-8', readFileSync(path.join(ROOT, url.pathname)));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Counts long tasks from navigation on (an init script, so the control page runs it too). */
function countLongTasks() {
  window.__longTasks = 0;
  new PerformanceObserver((list) => {
    window.__longTasks += list.getEntries().length;
  }).observe({ type: 'longtask', buffered: true });
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One load of one page: script ms and long tasks per phase, impressions, and whether the build tracks links. */
async function measure(browser, origin, collector, id) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const tab = await context.newPage();
  // matomo-lite's "not in this build" warnings (the core build)
  tab.on('console', () => {});
  await tab.addInitScript(countLongTasks);
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  const snapshot = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const tasks = await tab.evaluate(() => window.__longTasks || 0).catch(() => 0);
    return { script: (metrics.find((m) => m.name == 'ScriptDuration')?.value ?? 0) * 1000, tasks };
  };
  collector.clear();
  const phases = {};
  let last = { script: 0, tasks: 0 };
  const phase = async (name) => {
    const now = await snapshot();
    phases[name] = { script: now.script - last.script, tasks: now.tasks - last.tasks };
    last = now;
  };

  await tab.goto(`${origin}/${id}.html`, { waitUntil: 'load' });
  await pause(SETTLE_MS);
  await phase('init');

  const height = await tab.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  for (let step = 1; step <= STEPS; step++) {
    await tab.evaluate((y) => window.scrollTo(0, y), Math.ceil((height * step) / STEPS));
    await pause(STEP_MS);
  }
  await phase('scroll');

  await pause(IDLE_MS);
  await phase('idle');
  const impressions = collector.hits.filter((h) => h.params.c_n != null && h.params.c_i == null).length;

  // links in the viewport, chosen before the phase; the page prevents their
  // navigation last, in the bubbling phase on window, so every tracker sees the click
  const clicks = await tab.evaluate((most) => {
    addEventListener('click', (event) => event.preventDefault());
    window.__links = [...document.links].filter((a) => {
      const r = a.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }).slice(0, most);
    return window.__links.length;
  }, CLICKS);
  await phase('select');
  for (let i = 0; i < clicks; i++) {
    await tab.evaluate((i) => window.__links[i].click(), i);
    await pause(CLICK_MS);
  }
  await phase('click');
  await context.close();
  return { ...phases, impressions, clicked: clicks };
}

const median = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const collector = await startCollector({ quiet: true, matomoUrl: '' });
const server = await startServer(collector.url + '/matomo.php');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
const runs = Object.fromEntries(TRACKERS.map(([id]) => [id, []]));
try {
  // one warm-up round, not counted: the first loads fill caches
  for (let round = 0; round <= RUNS; round++) {
    process.stderr.write(round ? `run ${round}/${RUNS}\r` : 'warm-up\r');
    for (const [id] of TRACKERS) {
      const result = await measure(browser, server.url, collector, id);
      if (round) runs[id].push(result);
    }
  }
} finally {
  await browser.close();
  await server.close();
  await collector.close();
}

/** A tracker's median net of the control page, per run (each run against its own control load). */
const net = (id, phase, key) => median(runs[id].map((run, i) => run[phase][key] - runs.control[i][phase][key]));

const ms = (value) => value.toFixed(1) + ' ms';
const result = {};
for (const [id] of TRACKERS.slice(1)) {
  result[id] = {};
  for (const phase of ['init', 'scroll', 'idle']) result[id][phase] = { script: net(id, phase, 'script'), tasks: net(id, phase, 'tasks') };
  result[id].impressions = median(runs[id].map((run) => run.impressions));
  result[id].click = median(runs[id].map((run, i) => (run.click.script - runs.control[i].click.script) / Math.max(run.clicked, 1)));
}

const ratio = (phase, id = 'full') => result[id][phase].script / result.matomo[phase].script;
const rows = [
  ['phase', ...TRACKERS.slice(1).map(([, name]) => name), 'lite.js / matomo.js', 'goal'],
  ...['init', 'scroll', 'idle'].map((phase) => [
    { init: 'init (load + 1 s)', scroll: `scroll (${STEPS} steps)`, idle: `idle (${IDLE_MS / 1000} s)` }[phase],
    ...TRACKERS.slice(1).map(([id]) => `${ms(result[id][phase].script)}, ${result[id][phase].tasks} long tasks`),
    phase == 'idle' ? '-' : ratio(phase).toFixed(3),
    phase == 'idle' ? '0 ms (matomo.js > 0)' : `≤ ${GOALS[phase] == 0.1 ? '1/10' : '1/20'}${phase == 'scroll' ? ', 0 long tasks' : ''}`,
  ]),
  [
    'link click (script per click)',
    ...TRACKERS.slice(1).map(([id]) => result[id].click.toFixed(2) + ' ms'),
    (result.full.click / result.matomo.click).toFixed(3),
    '-',
  ],
  ['impressions sent', ...TRACKERS.slice(1).map(([id]) => String(result[id].impressions)), '-', 'equal'],
];
console.log(
  `\n${BLOCKS} content blocks, ${LINKS} links, ${VIEWPORT.width}×${VIEWPORT.height}; Matomo's snippet + trackVisibleContentImpressions + enableLinkTracking.\n` +
    `Script time (CDP ScriptDuration) and long tasks, net of the page without a tracker; median of ${RUNS} runs.\n`,
);
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());

if (CHECK) {
  const failures = [];
  if (!(ratio('init') <= GOALS.init)) failures.push(`init: ${ratio('init').toFixed(3)} of matomo.js's script time, goal ≤ 1/10`);
  if (!(ratio('scroll') <= GOALS.scroll)) failures.push(`scroll: ${ratio('scroll').toFixed(3)} of matomo.js's script time, goal ≤ 1/20`);
  if (result.full.scroll.tasks > 0) failures.push(`scroll: ${result.full.scroll.tasks} long tasks, goal 0`);
  if (result.full.idle.script >= 0.05) failures.push(`idle: ${ms(result.full.idle.script)} of script, goal 0 ms`);
  if (!(result.matomo.idle.script > 0)) failures.push(`idle: matomo.js ran no script (${ms(result.matomo.idle.script)}): the page did not measure what it should`);
  if (result.full.impressions != result.matomo.impressions) failures.push(`impressions: ${result.full.impressions}, matomo.js ${result.matomo.impressions}`);
  console.log(failures.length ? '\nbench --check FAILED:\n- ' + failures.join('\n- ') : '\nbench --check: every goal met');
  if (failures.length) process.exitCode = 1;
}
