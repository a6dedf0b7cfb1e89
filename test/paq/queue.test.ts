import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../src/index';
import { api as coreList } from '../../src/paq/core';
import { named } from '../../src/paq/index';
import { scriptCommands } from '../../src/paq/script-tag';
import { MATOMO, setup, start, teardown, win, type MatomoTracker } from './support';
import { said, saidLine } from '../warnings';

afterEach(teardown);

const snippet = (...extra: unknown[][]) => [['trackPageView'], ['enableLinkTracking'], ['setTrackerUrl', MATOMO], ['setSiteId', '3'], ...extra];

describe('the queue before the script ran (§11.1, §11.3)', () => {
  it("runs Matomo's standard snippet: apply-first methods first, so trackPageView before setSiteId works", async () => {
    const { hits } = setup();
    win._paq = snippet();
    start();
    const [hit, ...more] = await hits();
    expect(more).toEqual([]);
    expect(hit.url.startsWith(MATOMO + '?')).toBe(true);
    expect(hit.get('idsite')).toBe('3');
    expect(hit.get('action_name')).toBe('Products & Co');
  });

  it('applies each apply-first method in §11.3 order, its commands in queue order, then the rest in queue order', async () => {
    const { hits } = setup();
    const order: string[] = [];
    const note = (what: string) => [() => order.push(what)];
    win._paq = [
      note('first plain'),
      ['setSiteId', 9],
      ['trackPageView', 'A'],
      ['setTrackerUrl', MATOMO],
      ['setSiteId', 4], // the last setSiteId wins, as in matomo.js
      ['disableCookies'],
      note('second plain'),
      ['trackPageView', 'B'],
    ];
    start();
    expect(order).toEqual(['first plain', 'second plain']);
    const sent = await hits();
    expect(sent.map((h) => [h.get('action_name'), h.get('idsite'), h.get('_id')])).toEqual([
      ['A', '4', ''],
      ['B', '4', ''],
    ]);
  });

  it('replaces _paq: a later push runs at once, several commands per push', async () => {
    const { hits } = setup();
    win._paq = snippet();
    start();
    expect(Array.isArray(win._paq)).toBe(false);
    win._paq.push(['setDocumentTitle', 'Later'], ['trackPageView'], ['trackEvent', 'Video', 'Play']);
    const sent = await hits();
    expect(sent.map((h) => h.get('action_name') ?? h.get('e_c'))).toEqual(['Products & Co', 'Later', 'Video']);
  });

  it('makes the first tracker on the first push when the queue was empty', async () => {
    const { hits } = setup();
    start();
    win._paq.push(['trackPageView'], ['setSiteId', 5], ['setTrackerUrl', MATOMO]);
    const [hit] = await hits();
    expect(hit.get('idsite')).toBe('5');
  });

  it('takes a queue that is not an array as empty', async () => {
    const { hits } = setup();
    win._paq = 'junk';
    start();
    win._paq.push(...snippet());
    expect(await hits()).toHaveLength(1);
  });
});

describe('function commands', () => {
  it('run once per async tracker with the tracker object as this, and getters return values', async () => {
    const { hits } = setup();
    const seen: unknown[] = [];
    win._paq = [
      ...snippet(['addTracker', MATOMO, 7]),
      [
        function (this: MatomoTracker, suffix: string) {
          seen.push(this.getSiteId() + suffix, typeof this.getVisitorId());
        },
        '!',
      ],
    ];
    start();
    expect(seen).toEqual(['3!', 'string', '7!', 'string']);
    win._paq.push([
      function (this: MatomoTracker) {
        this.trackEvent('From', 'function');
      },
    ]);
    const events = (await hits()).filter((h) => h.get('e_c') == 'From');
    expect(events.map((h) => h.get('idsite'))).toEqual(['3', '7']);
  });

  it('a function that throws is reported and the other commands still run', async () => {
    const { hits, warnings } = setup();
    win._paq = [
      ...snippet(),
      [
        () => {
          throw new Error('page bug');
        },
      ],
      ['trackEvent', 'After', 'throw'],
    ];
    expect(() => start()).not.toThrow();
    expect(() =>
      win._paq.push([
        () => {
          throw new Error('again');
        },
      ]),
    ).not.toThrow();
    expect(warnings().filter((w) => w.startsWith('_paq: '))).toEqual(said(['_paq: a function threw Error: page bug', '_paq: a function threw Error: again']));
    expect((await hits()).map((h) => h.get('e_c'))).toContain('After');
  });
});

describe('unknown, unsupported and coming methods (PROTOCOL §14 item 17)', () => {
  it('warn once with their name, never throw, and never stop the other commands', async () => {
    const { hits, warnings } = setup();
    win._paq = [['noSuchMethod', 1], ['Plugin.method'], ['Plugin::static'], ['killFrame'], 42, null, ...snippet(['noSuchMethod', 2])];
    // the core build, which lacks content tracking
    expect(() => start(named(coreList))).not.toThrow();
    win._paq.push(['noSuchMethod'], ['trackContentImpression', 'Banner', 'img.jpg'], ['trackContentImpression'], ['trackEvent', 'Still', 'here']);
    expect((await hits()).map((h) => h.get('action_name') ?? h.get('e_c'))).toEqual(['Products & Co', 'Still']);
    // once each (in production, where the words are gone: once per call)
    const count = (line: string) => warnings().filter((w) => w == saidLine(line)).length;
    expect(count('_paq: unknown command "noSuchMethod"; ignored')).toBe(1);
    expect(count('_paq: unknown command "Plugin.method"; ignored')).toBe(1);
    expect(count('killFrame: not supported by matomo-lite; ignored')).toBe(1);
    expect(count('trackContentImpression: not in this build; ignored')).toBe(1);
  });

  it('accept the no-op methods silently', () => {
    const { warnings } = setup();
    win._paq = snippet(['alwaysUseSendBeacon'], ['setGenerationTimeMs', 50], ['enableFileTracking']);
    start();
    expect(warnings().filter((w) => /alwaysUseSendBeacon|setGenerationTimeMs|enableFileTracking/.test(w))).toEqual([]);
  });

  it('keep names like toString and __proto__ from reaching Object.prototype', () => {
    const { warnings } = setup();
    win._paq = snippet(['toString'], ['__proto__', {}], ['constructor'], ['hasOwnProperty', 'x']);
    expect(() => start()).not.toThrow();
    expect(warnings()).toContain(saidLine('_paq: unknown command "__proto__"; ignored'));
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('are methods of the tracker objects too, so calling them does not throw', () => {
    setup();
    start();
    const tracker = win.Matomo!.getAsyncTracker()!;
    for (const name of ['trackLink', 'killFrame', 'alwaysUseSendBeacon', 'enableLinkTracking', 'trackContentImpression']) {
      expect(typeof tracker[name], name).toBe('function');
      expect(() => tracker[name]('x')).not.toThrow();
    }
  });
});

describe('bad values from a page', () => {
  it('a stored value with a lone UTF-16 surrogate goes as U+FFFD and does not stop later hits', async () => {
    const { hits } = setup();
    win._paq = [['setCustomDimension', 1, 'half \ud83d'], ['setUserId', '\udc00id'], ...snippet()];
    start();
    win._paq.push(['trackEvent', 'Still', 'sending']);
    const sent = await hits();
    expect(sent.map((h) => [h.get('dimension1'), h.get('uid')])).toEqual([
      ['half \ufffd', '\ufffdid'],
      ['half \ufffd', '\ufffdid'],
    ]);
  });
});

describe('bad values refused before they reach the wire (found by the fuzz test)', () => {
  it('NaN titles and data, relative referrers, # in the tracker URL, non-form content types', async () => {
    const { hits, warnings } = setup();
    win._paq = snippet(
      ['setReferrerUrl', 'not a url'],
      ['setCustomData', NaN],
      ['setTrackerUrl', 'https://matomo.example.com/matomo.php#x'],
      ['setRequestContentType', 'text/plain'],
      ['setDocumentTitle', Infinity],
      ['trackPageView', NaN],
    );
    start();
    const sent = await hits();
    expect(sent).toHaveLength(2);
    for (const hit of sent) {
      expect(hit.url.split('?')[0]).toBe(MATOMO);
      expect([hit.get('action_name'), hit.get('urlref'), hit.get('data')]).toEqual(['Products & Co', null, null]);
    }
    const lines = warnings().join('\n');
    for (const call of ['setReferrerUrl', 'setCustomData', 'setTrackerUrl', 'setRequestContentType', 'setDocumentTitle', 'trackPageView']) {
      expect(lines, call).toContain(call + ': ');
    }
  });
});

describe('several trackers (§11.4)', () => {
  it('every command runs on every async tracker, setTrackerUrl and setSiteId on the first only, addTracker once', async () => {
    const { hits } = setup();
    win._paq = [...snippet(['addTracker', 'https://other.example.org/matomo.php', 8])];
    start();
    win._paq.push(['setSiteId', 4], ['trackEvent', 'Both', 'trackers']);
    const sent = await hits();
    win._paq.push(['setTrackerUrl', 'https://third.example.org/matomo.php']);
    const trackers = win.Matomo!.getAsyncTrackers();
    expect(trackers.map((t) => [t.getTrackerUrl(), t.getSiteId()])).toEqual([
      ['https://third.example.org/matomo.php', '4'],
      ['https://other.example.org/matomo.php', '8'],
    ]);
    const seen = sent.map((h) => [h.url.split('?')[0], h.get('idsite'), h.get('action_name') ?? h.get('e_c')].join(' '));
    expect(seen.sort()).toEqual([
      `${MATOMO} 3 Products & Co`,
      `${MATOMO} 4 Both`,
      'https://other.example.org/matomo.php 8 Both',
      'https://other.example.org/matomo.php 8 Products & Co',
    ]);
    // each tracker has its own page view and visitor (the site id is in the cookie name)
    const views = sent.filter((h) => h.get('action_name'));
    expect(views[0].get('pv_id')).not.toBe(views[1].get('pv_id'));
  });

  it("addTracker in the pre-load queue runs before setTrackerUrl: a missing URL stays empty (matomo.js's trap)", async () => {
    const { hits, warnings } = setup();
    win._paq = snippet(['addTracker', null, 2]);
    start();
    expect(win.Matomo!.getAsyncTrackers()[1].getTrackerUrl()).toBe('');
    expect((await hits()).map((h) => h.get('idsite'))).toEqual(['3']);
    expect(warnings()).toContain(saidLine('trackPageView: trackerUrl is not set; hit not sent'));
  });

  it('a later addTracker without a URL takes the first tracker’s', () => {
    setup();
    win._paq = snippet();
    start();
    const added = win.Matomo!.getAsyncTracker()!.addTracker(undefined, 6) as MatomoTracker;
    expect([added.getTrackerUrl(), added.getSiteId()]).toEqual([MATOMO, '6']);
    expect(win.Matomo!.getAsyncTrackers()).toHaveLength(2);
  });
});

describe('window.Matomo (§11.5)', () => {
  it('calls matomoPluginAsyncInit, piwikAsyncInit and matomoAsyncInit, in that order, before the queue', () => {
    setup();
    const order: string[] = [];
    win.matomoPluginAsyncInit = [() => order.push('plugin 1'), () => order.push('plugin 2')];
    win.piwikAsyncInit = () => order.push('piwik');
    win.matomoAsyncInit = () => {
      order.push('matomo ' + typeof win.Matomo!.getTracker + ' ' + win.Matomo!.initialized);
      win._paq.push([() => order.push('queued by init')]);
    };
    win._paq = snippet();
    start();
    expect(order).toEqual(['plugin 1', 'plugin 2', 'piwik', 'matomo function false', 'queued by init']);
    expect(win.Matomo!.initialized).toBe(true);
    expect(win.Piwik).toBe(win.Matomo);
  });

  it('Matomo.getAsyncTracker() gives a tracker object bound to ours: methods send, getters return', async () => {
    const { hits } = setup();
    win._paq = snippet();
    start();
    const tracker = win.Matomo!.getAsyncTracker()!;
    tracker.trackEvent('Async', 'tracker', 'name', 2);
    expect(tracker.getSiteId()).toBe('3');
    expect(tracker.getNumTrackedPageViews()).toBe(1);
    const event = (await hits()).find((h) => h.get('e_c') == 'Async')!;
    expect([event.get('e_a'), event.get('e_n'), event.get('e_v'), event.get('idsite')]).toEqual(['tracker', 'name', '2', '3']);
  });

  it('getAsyncTracker(url, siteId) finds a tracker by exact URL and site id (as a string)', () => {
    setup();
    win._paq = snippet(['addTracker', 'https://other.example.org/matomo.php', 8]);
    start();
    const [first, second] = win.Matomo!.getAsyncTrackers();
    expect(win.Matomo!.getAsyncTracker('https://other.example.org/matomo.php', 8)).toBe(second);
    expect(win.Matomo!.getAsyncTracker(undefined, '3')).toBe(first);
    expect(win.Matomo!.getAsyncTracker(MATOMO, 8)).toBeUndefined();
  });

  it('never throws, whatever a page passes to its functions', () => {
    setup();
    win._paq = snippet();
    start();
    const hostile = Object.create(null);
    const M = win.Matomo! as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of ['getTracker', 'getAsyncTracker', 'addTracker', 'getAsyncTrackers']) {
      expect(() => M[name](hostile, hostile), name).not.toThrow();
      expect(() => M[name]('javascript:alert(1)', Symbol('s')), name).not.toThrow();
    }
  });

  it('getTracker() gives a standalone tracker that _paq commands do not reach', async () => {
    const { hits } = setup();
    win._paq = snippet();
    start();
    const standalone = win.Matomo!.getTracker(undefined, 12);
    expect(standalone.getTrackerUrl()).toBe(MATOMO);
    win._paq.push(['trackEvent', 'Queue', 'only']);
    standalone.trackEvent('Standalone', 'only');
    const sent = await hits();
    expect(sent.filter((h) => h.get('e_c') == 'Queue').map((h) => h.get('idsite'))).toEqual(['3']);
    expect(sent.filter((h) => h.get('e_c') == 'Standalone').map((h) => h.get('idsite'))).toEqual(['12']);
  });

  it('Matomo.addTracker during matomoAsyncInit makes the first tracker from the queue', async () => {
    const { hits } = setup();
    win._paq = [['trackPageView']];
    win.matomoAsyncInit = () => {
      win.Matomo!.addTracker(MATOMO, 11);
    };
    start();
    expect(win.Matomo!.getAsyncTrackers()).toHaveLength(1);
    expect((await hits()).map((h) => h.get('idsite'))).toEqual(['11']);
  });

  it('leaves an existing window.Matomo (matomo.js) and _paq alone, and says so once', async () => {
    const { hits, warnings } = setup();
    const theirs = { getAsyncTracker() {} } as unknown as typeof win.Matomo;
    win.Matomo = theirs;
    const queue = snippet();
    win._paq = queue;
    start();
    start();
    expect(win.Matomo).toBe(theirs);
    expect(win._paq).toBe(queue);
    expect(queue).toHaveLength(4);
    expect(await hits()).toEqual([]);
    expect(warnings().filter((w) => w == saidLine('_paq: window.Matomo exists (matomo.js?): _paq left to it'))).toHaveLength(1);
  });
});

describe('the core build', () => {
  it('says "not in this build" for a method only the full build has, and runs the rest', async () => {
    const { hits, warnings } = setup();
    win._paq = snippet(['trackEcommerceOrder', 'A1', 10], ['trackEvent', 'Core', 'build']);
    start(named(coreList));
    expect((await hits()).map((h) => h.get('action_name') ?? h.get('e_c'))).toEqual(['Products & Co', 'Core']);
    expect(warnings()).toContain(saidLine('trackEcommerceOrder: not in this build; ignored'));
  });

  it("runs the snippet's enableLinkTracking without a warning: an outlink click sends link=", async () => {
    const { hits, warnings } = setup();
    win._paq = snippet(['setLinkClasses', 'partner'], ['setLinkTrackingTimer', 250]);
    start(named(coreList));
    const a = document.createElement('a');
    a.href = '/partner';
    a.className = 'partner';
    document.body.appendChild(a);
    // happy-dom would follow it
    addEventListener('click', (event) => event.preventDefault(), { once: true });
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    a.remove();
    expect((await hits()).map((h) => h.get('action_name') ?? h.get('link'))).toEqual(['Products & Co', 'https://www.example.com/partner']);
    expect(win.Matomo!.getAsyncTracker()!.getLinkTrackingTimer()).toBe(250);
    expect(warnings()).toEqual([]);
    // its listener must not track the next tests' clicks: a second call returns the running one's stop()
    (win.Matomo!.getAsyncTracker()!.enableLinkTracking() as () => void)();
  });

  it('offers matomo-lite functions beyond Matomo’s too (setDebug), but not createTracker', () => {
    setup();
    start(api);
    const tracker = win.Matomo!.getAsyncTracker()!;
    expect(typeof tracker.setDebug).toBe('function');
    expect(tracker.createTracker).toBeUndefined();
  });
});

describe('the script tag’s data- attributes (script-tag.ts)', () => {
  const tag = (attributes: Record<string, string>) => {
    const script = document.createElement('script');
    for (const [name, value] of Object.entries(attributes)) script.setAttribute('data-' + name, value);
    return script;
  };

  it('become commands: settings before the queue, the page view and heartbeat after it', () => {
    expect(
      scriptCommands(
        tag({
          'tracker-url': MATOMO,
          'site-id': '3',
          'disable-cookies': '',
          'require-consent': '',
          domains: ' example.com, *.example.org  shop.example.net ',
          heartbeat: '',
          // present: on, whatever the value
          'link-tracking': 'false',
        }),
      ),
    ).toEqual([
      [
        ['setTrackerUrl', MATOMO],
        ['setSiteId', '3'],
        ['disableCookies'],
        ['requireConsent'],
        ['setDomains', ['example.com', '*.example.org', 'shop.example.net']],
        ['enableLinkTracking'],
      ],
      [['enableHeartBeatTimer', undefined], ['trackPageView']],
    ]);
    expect(scriptCommands(tag({ 'site-id': '3', heartbeat: '30', 'no-pageview': '' }))).toEqual([[['setSiteId', '3']], [['enableHeartBeatTimer', 30]]]);
  });

  it('data-spa: SPA tracking before the page view, the words it lists as options set to true', () => {
    const tail = (spa: string) => scriptCommands(tag({ 'site-id': '3', spa }))[1];
    expect(tail('')).toEqual([['enableSpaTracking', {}], ['trackPageView']]);
    expect(tail(' hash, replace ')).toEqual([['enableSpaTracking', { hash: true, replace: true }], ['trackPageView']]);
    // enableSpaTracking refuses what is not an option
    expect(tail('hsah')).toEqual([['enableSpaTracking', { hsah: true }], ['trackPageView']]);
  });

  it('do nothing without data-tracker-url or data-site-id, or without a script', () => {
    expect(scriptCommands(tag({ heartbeat: '' }))).toEqual([[], []]);
    expect(scriptCommands(null)).toEqual([[], []]);
  });

  it('configure the tracker and track a page view with no inline code, the page’s own commands winning', async () => {
    const { hits } = setup();
    const script = tag({ 'tracker-url': MATOMO, 'site-id': '3', 'disable-cookies': '' });
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    win._paq = [['setSiteId', 5], ['setCustomData', { from: 'page' }]];
    start();
    const [hit, ...rest] = await hits();
    expect(rest).toEqual([]);
    expect([hit.get('idsite'), hit.get('_id'), hit.get('data'), hit.get('action_name')]).toEqual(['5', '', '{"from":"page"}', 'Products & Co']);
  });
});
