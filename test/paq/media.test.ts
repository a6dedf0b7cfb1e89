import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api as coreList } from '../../src/paq/core';
import { api as fullList } from '../../src/paq/full';
import { named } from '../../src/paq/index';
import { mediaCommands, startMediaAnalytics } from '../../src/paq/media';
import { FakeObserver, Player } from '../features/media-support';
import { MATOMO, setup, start, teardown, win, type SentHit } from './support';
import { said } from '../warnings';

// what bundles/full.ts does
const full = () => start(named([...fullList, ...mediaCommands])) && startMediaAnalytics();

let hits: () => Promise<SentHit[]>;
let warnings: () => string[];

beforeEach(() => {
  ({ hits, warnings } = setup());
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  document.body.replaceChildren();
});
afterEach(async () => {
  // stop media tracking, and let the last updates leave before the next test
  win._paq?.push?.(['MediaAnalytics::disableMediaAnalytics']);
  await vi.advanceTimersByTimeAsync(1000);
  delete (window as { matomoMediaAnalyticsAsyncInit?: unknown }).matomoMediaAnalyticsAsyncInit;
  teardown();
});

const snippet = (...extra: unknown[][]) => [['setTrackerUrl', MATOMO], ['setSiteId', '3'], ['trackPageView'], ...extra];
const media = async () => (await hits()).filter((hit) => hit.get('ma_id'));
const events = async () => (await hits()).filter((hit) => hit.get('e_c')).map((hit) => hit.get('e_a'));

describe('the Media Analytics plugin’s `_paq` commands (full build)', () => {
  it('enableMediaTracking, with options, and the plugin’s option commands before or after it', async () => {
    const audio = new Player('audio');
    win._paq = snippet(['MediaAnalytics::setPingInterval', 10], ['MediaAnalytics.enableTrackEvents'], ['enableMediaTracking', { maxTrackingTime: 15 }]);
    full();
    await hits();
    audio.play();
    await vi.advanceTimersByTimeAsync(9000);
    expect((await media()).map((hit) => hit.get('ma_st'))).toEqual(['0']);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await media()).map((hit) => hit.get('ma_st'))).toEqual(['0', '10']);
    expect(await events()).toEqual(['play']);
    win._paq.push(['MediaAnalytics.disableTrackEvents'], ['MediaAnalytics::setMaxTrackingTime', 5]);
    audio.pause();
    // past maxTrackingTime: no update, and no event
    expect(await media()).toHaveLength(2);
    expect(await events()).toEqual(['play']);
    expect(warnings()).toEqual([]);
  });

  it('enableMediaAnalytics and disableMediaAnalytics start and stop it; scanForMedia looks in a node', async () => {
    win._paq = snippet(['MediaAnalytics::enableMediaAnalytics'], ['MediaAnalytics::disableMediaAnalytics']);
    full();
    const audio = new Player('audio');
    audio.play();
    expect(await media()).toEqual([]);
    win._paq.push(['MediaAnalytics::enableMediaAnalytics']);
    const host = document.createElement('div');
    document.body.append(host);
    const inShadow = new Player('audio', {}, host.attachShadow({ mode: 'open' }));
    win._paq.push(['MediaAnalytics::scanForMedia', host.shadowRoot]);
    inShadow.play();
    audio.pause();
    expect((await media()).map((hit) => hit.get('ma_st'))).toEqual(['0', '0']);
  });

  it('Matomo.MediaAnalytics has the static commands, for every tracker: matomoMediaAnalyticsAsyncInit uses them', async () => {
    const audio = new Player('audio');
    const init = vi.fn(() => {
      (win.Matomo as unknown as { MediaAnalytics: Record<string, (...args: unknown[]) => void> }).MediaAnalytics.setPingInterval(2);
    });
    (window as { matomoMediaAnalyticsAsyncInit?: () => void }).matomoMediaAnalyticsAsyncInit = init;
    win._paq = snippet(['enableMediaTracking']);
    full();
    expect(init).toHaveBeenCalledOnce();
    expect(Object.keys((win.Matomo as unknown as { MediaAnalytics: object }).MediaAnalytics).sort()).toEqual([
      'disableMediaAnalytics',
      'enableMediaAnalytics',
      'scanForMedia',
      'setMaxTrackingTime',
      'setPingInterval',
    ]);
    await hits();
    audio.play();
    await vi.advanceTimersByTimeAsync(2000);
    expect((await media()).map((hit) => hit.get('ma_st'))).toEqual(['0', '2']);
  });

  it('reports a matomoMediaAnalyticsAsyncInit that throws, and goes on', async () => {
    (window as { matomoMediaAnalyticsAsyncInit?: () => void }).matomoMediaAnalyticsAsyncInit = () => {
      throw new Error('oops');
    };
    win._paq = snippet(['enableMediaTracking']);
    full();
    expect(warnings()).toEqual(said(['matomoMediaAnalyticsAsyncInit: it threw Error: oops']));
    const audio = new Player('audio');
    await vi.advanceTimersByTimeAsync(0);
    audio.play();
    expect(await media()).toHaveLength(1);
  });

  it('leaves the plugin’s other commands unknown, with a warning, and runs the rest', async () => {
    win._paq = snippet(['MediaAnalytics::removePlayer', 'youtube'], ['MediaAnalytics.disableTrackProgress'], ['enableMediaTracking']);
    full();
    const audio = new Player('audio');
    await vi.advanceTimersByTimeAsync(0);
    audio.play();
    expect(await media()).toHaveLength(1);
    // once per distinct line: production prints one for both
    expect(warnings()).toEqual([...new Set(said(['_paq: unknown command "MediaAnalytics::removePlayer"; ignored', '_paq: unknown command "MediaAnalytics.disableTrackProgress"; ignored']))]);
  });

  const tag = () => {
    const script = document.createElement('script');
    script.dataset.trackerUrl = MATOMO;
    script.dataset.siteId = '3';
    script.dataset.mediaTracking = '';
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
  };

  it('data-media-tracking on the script tag turns it on', async () => {
    tag();
    const audio = new Player('audio');
    full();
    await hits();
    audio.play();
    expect(await media()).toHaveLength(1);
  });

  it('data-media-tracking comes before the page’s commands: a page that turns it off wins', async () => {
    tag();
    const audio = new Player('audio');
    win._paq = [['MediaAnalytics::disableMediaAnalytics']];
    full();
    await hits();
    audio.play();
    expect(await media()).toEqual([]);
  });
});

describe('the core build', () => {
  it('has no media tracking: it says so, and neither calls the plugin hook nor offers Matomo.MediaAnalytics', async () => {
    const init = vi.fn();
    (window as { matomoMediaAnalyticsAsyncInit?: () => void }).matomoMediaAnalyticsAsyncInit = init;
    win._paq = snippet(['enableMediaTracking'], ['MediaAnalytics::setPingInterval', 10]);
    start(named(coreList));
    expect(init).not.toHaveBeenCalled();
    expect((win.Matomo as unknown as Record<string, unknown>).MediaAnalytics).toBeUndefined();
    expect(warnings()).toEqual(said(['enableMediaTracking: not in this build; ignored', '_paq: unknown command "MediaAnalytics::setPingInterval"; ignored']));
  });
});
