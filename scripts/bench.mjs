/**
 * Main-thread cost of the tracker (`npm run bench`): ARCHITECTURE.md's page
 * with 2,000 content blocks and 1,000 links, loaded in Debian's Chromium,
 * the tracker initialised by Matomo's standard snippet (page view, link and
 * content tracking, heartbeat), then scrolled to the bottom. Chromium's own
 * counters (CDP Performance.getMetrics: ScriptDuration, TaskDuration) are
 * read at the end; the same page without a tracker is the baseline, so the
 * difference is what the tracker costs the page.
 *
 *   npm run bench [-- --runs 9]
 *
 * Link and content tracking are still to come (README "`_paq` methods"):
 * until they land, their commands only warn, and the numbers show the cost
 * of loading, initialising and sending. Not part of `npm test`: timings vary
 * with the machine, so nothing here is asserted.
 */
import { chromium } from '@playwright/test';
import { startCollector } from '../e2e/collector/server.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const at = process.argv.indexOf('--runs');
const RUNS = at > 0 ? Number(process.argv[at + 1]) : 7;
const BLOCKS = 2000;
const LINKS = 1000;

const VARIANTS = [
  ['no tracker (baseline)', ''],
  ['dist/matomo-lite.core.js', '/dist/matomo-lite.core.js'],
  ['dist/matomo-lite.js', '/dist/matomo-lite.js'],
];

/** The page: BLOCKS content blocks, LINKS links among them (half external, some downloads), and the snippet. */
function page(script) {
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
    blocks.push(
      `<div data-track-content data-content-name="Teaser ${i}" data-content-piece="Banner ${i % 20}" style="height:60px;margin:4px 0;background:#eef">` +
        `<p>Block ${i}</p>${link}</div>`,
    );
  }
  const snippet = script
    ? `<script>
var _paq = window._paq = window._paq || [];
_paq.push(['trackPageView']);
_paq.push(['enableLinkTracking']);
_paq.push(['trackVisibleContentImpressions']);
_paq.push(['enableHeartBeatTimer']);
(function() {
  _paq.push(['setTrackerUrl', '/matomo.php']);
  _paq.push(['setSiteId', '1']);
  var g = document.createElement('script'), s = document.getElementsByTagName('script')[0];
  g.async = true; g.src = '${script}'; s.parentNode.insertBefore(g, s);
})();
</script>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>bench</title>${snippet}</head><body>${blocks.join('\n')}</body></html>`;
}

async function measure(browser, origin, script) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  // silence the "not in this build" warnings of commands still to come
  tab.on('console', () => {});
  await tab.route(`${origin}/bench.html`, (route) => route.fulfill({ contentType: 'text/html', body: page(script) }));
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  await tab.goto(`${origin}/bench.html`, { waitUntil: 'load' });
  await tab.waitForTimeout(300);
  // to the bottom in steps, as a reader would, each step painted
  await tab.evaluate(async () => {
    const step = innerHeight;
    while (scrollY + innerHeight < document.body.scrollHeight) {
      scrollBy(0, step);
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    }
  });
  await tab.waitForTimeout(500);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await context.close();
  const value = (name) => metrics.find((m) => m.name == name)?.value ?? 0;
  return { script: value('ScriptDuration') * 1000, task: value('TaskDuration') * 1000 };
}

const median = (values) => values.slice().sort((a, b) => a - b)[values.length >> 1];

const collector = await startCollector({ quiet: true });
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
const rows = [];
try {
  for (const [name, script] of VARIANTS) {
    const runs = [];
    // one warm-up run, not counted: the first load fills caches
    await measure(browser, collector.url, script);
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, collector.url, script));
    rows.push([name, median(runs.map((r) => r.script)), median(runs.map((r) => r.task))]);
  }
} finally {
  await browser.close();
  await collector.close();
}

const [, baseScript, baseTask] = rows[0];
console.log(`${BLOCKS} content blocks, ${LINKS} links; init + scroll to the bottom; median of ${RUNS} runs (ms)\n`);
const table = [
  ['page', 'script', 'tracker script', 'all tasks', 'tracker tasks'],
  ...rows.map(([name, script, task], i) => [
    name,
    script.toFixed(1),
    i ? (script - baseScript).toFixed(1) : '-',
    task.toFixed(1),
    i ? (task - baseTask).toFixed(1) : '-',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(row.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '));
