import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { disableMediaTracking, enableMediaTracking, scanForMedia, trackPageView } from '../../src/index';
import type { Tracker } from '../../src/core/tracker';
import { hitOf, parse, type Sent } from '../helpers';
import { FakeObserver, Player, SRC } from './media-support';
import { said } from '../warnings';
import { setup, teardown, tracker, type SentHit } from './support';

let sent: Sent[];
let warnings: () => string[];
let t: Tracker;
let stops: (() => void)[] = [];
const trackers: Tracker[] = [];

beforeEach(() => {
  ({ sent, warnings } = setup());
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  document.body.replaceChildren();
});
afterEach(async () => {
  for (const stop of stops) stop();
  stops = [];
  for (const each of trackers.splice(0)) disableMediaTracking(each);
  // the last updates stop() sent must leave now: a later test's pagehide would flush them into its hits
  await vi.advanceTimersByTimeAsync(1000);
  teardown();
});

/** A tracker with a page view sent, past the first-request window, with media tracking on. */
async function start(options?: Parameters<typeof enableMediaTracking>[1]) {
  t = tracker({ debug: true });
  trackers.push(t);
  trackPageView(t);
  await vi.advanceTimersByTimeAsync(1000);
  sent.length = 0;
  const stop = enableMediaTracking(t, options);
  stops.push(stop);
  return stop;
}

/** The hits sent so far (their dispatch runs at once: the clock moves 1 ms), then forgets them. */
async function take(): Promise<SentHit[]> {
  // 1 ms: fake timers give a 0 ms timer set in a timer's callback (a ping's hit) 1 ms
  await vi.advanceTimersByTimeAsync(1);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  const hits = sent.flatMap((s) => {
    const raws = s.body.startsWith('{') ? (JSON.parse(s.body).requests as string[]).map((q) => q.slice(1)) : [hitOf(s)];
    return raws.map((raw) => ({ url: s.url, raw, ...parse(raw) }));
  });
  sent.length = 0;
  return hits;
}

const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/** The media parameters of a hit, in wire order. */
const ma = (hit: SentHit) => Object.fromEntries(hit.keys.filter((k) => /^(ma_|ca$|e_)/.test(k)).map((k) => [k, hit.get(k)]));

describe('enableMediaTracking: impressions (§10.2)', () => {
  it('sends an impression with ma_st=0 when a media is first visible, with the view parameters in order', async () => {
    const video = new Player('video', { 'data-matomo-title': 'Intro' });
    await start();
    expect(await take()).toEqual([]);
    FakeObserver.show(video.el);
    const [hit, ...more] = await take();
    expect(more).toEqual([]);
    expect(hit.raw).toMatch(/^ma_id=[a-zA-Z0-9]{16}&ma_ti=Intro&ma_re=https%3A%2F%2Fwww\.example\.com%2Fmedia%2Fintro%2520clip\.webm&ma_mt=video&ma_pn=html5&ma_st=0&ma_le=30&ma_ps=0&ma_w=0&ma_h=0&ma_fs=0&ca=1&idsite=1&/);
    expect(hit.get('pv_id')).toBe(t._pvId);
    expect(hit.get('ma_ttp')).toBeNull();
    expect(hit.get('ma_se')).toBeNull();
    // once: the element is no longer watched
    expect(FakeObserver.watched(video.el)).toBe(false);
    FakeObserver.show(video.el);
    expect(await take()).toEqual([]);
  });

  it('sends audio without the video parameters', async () => {
    const audio = new Player('audio', { title: 'Podcast' });
    await start();
    FakeObserver.show(audio.el);
    const [hit] = await take();
    expect(ma(hit)).toEqual({ ma_id: expect.any(String), ma_ti: 'Podcast', ma_re: SRC, ma_mt: 'audio', ma_pn: 'html5', ma_st: '0', ma_le: '30', ma_ps: '0', ca: '1' });
  });

  it('takes the title from data-matomo-title, data-piwik-title, title, aria-label, else the file name', async () => {
    const players = [
      new Player('audio', { 'data-matomo-title': 'A', 'data-piwik-title': 'B', title: 'C' }),
      new Player('audio', { 'data-piwik-title': 'B', title: 'C' }),
      new Player('audio', { title: 'C', 'aria-label': 'D' }),
      new Player('audio', { 'aria-label': 'D' }),
      new Player('audio'),
      new Player('audio', { 'data-matomo-resource': 'https://cdn.example.org/x/episode-7.mp3?token=1' }),
      new Player('audio', { 'data-piwik-resource': 'podcast:episode-8' }),
    ];
    players[4].currentSrc = 'https://www.example.com/media/bad%E0%A4%A.webm';
    await start();
    for (const player of players) FakeObserver.show(player.el);
    const hits = await take();
    expect(hits.map((hit) => hit.get('ma_ti'))).toEqual(['A', 'B', 'C', 'D', null, 'episode-7.mp3', null]);
    expect(hits.slice(5).map((hit) => hit.get('ma_re'))).toEqual(['https://cdn.example.org/x/episode-7.mp3?token=1', 'podcast:episode-8']);
    const decoded = new Player('audio');
    await wait(0);
    FakeObserver.show(decoded.el);
    expect((await take())[0].get('ma_ti')).toBe('intro clip.webm');
  });

  it('waits for the metadata before an impression, so that it carries the length', async () => {
    const [loading, lazy] = [new Player('video'), new Player('video', { preload: 'none' })];
    for (const player of [loading, lazy]) {
      player.readyState = 0;
      player.duration = NaN;
    }
    await start();
    FakeObserver.show(loading.el);
    FakeObserver.show(lazy.el);
    // preload=none: no metadata before a play, so at once
    expect((await take()).map((hit) => [hit.get('ma_le'), hit.get('ma_ps')])).toEqual([[null, null]]);
    loading.readyState = 1;
    loading.duration = 30;
    loading.el.dispatchEvent(new Event('loadedmetadata'));
    loading.el.dispatchEvent(new Event('loadedmetadata'));
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_le'), hit.get('ma_ps')])).toEqual([['0', '30', '0']]);
  });

  it('sends no impression for a media played before it was seen: the play hit says it all', async () => {
    const audio = new Player('audio');
    await start();
    audio.play();
    expect((await take()).map((hit) => hit.get('ma_st'))).toEqual(['0']);
    FakeObserver.show(audio.el);
    expect(await take()).toEqual([]);
    expect(FakeObserver.watched(audio.el)).toBe(false);
  });
});

describe('enableMediaTracking: play time and segments', () => {
  it('play 3 s, pause 2 s, seek, play to the end: ma_st counts play only, ma_se each position once', async () => {
    const video = new Player('video');
    await start();
    FakeObserver.show(video.el);
    const [impression] = await take();
    await wait(2000);
    video.play();
    const [play] = await take();
    expect(ma(play)).toMatchObject({ ma_id: impression.get('ma_id'), ma_st: '0', ma_ps: '0', ma_ttp: '2' });
    expect(play.get('ma_se')).toBeNull();
    await wait(3000);
    video.pause();
    const [pause] = await take();
    expect(ma(pause)).toMatchObject({ ma_st: '3', ma_ps: '3', ma_ttp: '2', ma_se: '5' });
    // paused: no hit, and the play time does not grow
    await wait(2000);
    expect(await take()).toEqual([]);
    video.seek(20);
    // the seek reports once it settled
    expect(await take()).toEqual([]);
    await wait(1000);
    const [seek] = await take();
    expect(ma(seek)).toMatchObject({ ma_st: '3', ma_ps: '20' });
    expect(seek.get('ma_se')).toBeNull();
    video.play();
    await take();
    await wait(10_000);
    // the ping of the 5th second came meanwhile
    video.end();
    const hits = [...sent].length ? await take() : [];
    const end = hits.at(-1)!;
    expect(ma(end)).toMatchObject({ ma_st: '13', ma_ps: '30', ma_le: '30' });
    expect(hits.flatMap((hit) => hit.get('ma_se')?.split(',') ?? [])).toEqual(['25', '30']);
    expect(new Set(hits.map((hit) => hit.get('ma_id')))).toEqual(new Set([impression.get('ma_id')]));
  });

  it('pings every pingInterval seconds while playing, and not while paused', async () => {
    const audio = new Player('audio');
    await start({ pingInterval: 4 });
    audio.play();
    await take();
    await wait(3990);
    expect(await take()).toEqual([]);
    await wait(10);
    expect((await take()).map(ma)).toEqual([expect.objectContaining({ ma_st: '4', ma_ps: '4', ma_se: '5' })]);
    await wait(4000);
    // rounded up: position 8 is in the segment that ends at 10
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_se')])).toEqual([['8', '10']]);
    audio.pause();
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_se')])).toEqual([['8', null]]);
    await wait(60_000);
    expect(await take()).toEqual([]);
  });

  it('does not count time while stalled or seeking, and works out where a seek left from', async () => {
    const audio = new Player('audio');
    await start();
    audio.play();
    await wait(2000);
    audio.stall();
    await wait(3000);
    audio.resume();
    await wait(2000);
    // seeking while playing: at `seeking` the element is already at 50
    audio.duration = 100;
    audio.seek(50);
    await wait(1000);
    const hits = await take();
    // the ping at 5 s (2 s played), then the seek settled: 4 s played up to
    // position 4, 1 s from 50 on; nothing in between
    expect(hits.slice(1).map((hit) => [hit.get('ma_st'), hit.get('ma_ps'), hit.get('ma_se')])).toEqual([
      ['2', '2', '5'],
      ['5', '51', '55'],
    ]);
    audio.pause();
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_ps'), hit.get('ma_se')])).toEqual([['5', '51', null]]);
  });

  it('counts what the media played, not the clock, when the page is too busy to play it', async () => {
    const audio = new Player('audio');
    await start();
    audio.play();
    await wait(2000);
    // stuck at 2 s without a waiting event
    Object.defineProperty(audio.el, 'currentTime', { configurable: true, get: () => 2 });
    await wait(6000);
    audio.pause();
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_ps')])).toEqual([
      ['0', '0'],
      ['2', '2'],
      ['2', '2'],
    ]);
  });

  it('sends one update for a seek that took many steps (a dragged slider)', async () => {
    const video = new Player('video');
    await start();
    for (let to = 1; to <= 10; to++) {
      video.seek(to);
      await wait(100);
    }
    await wait(1000);
    expect((await take()).map((hit) => hit.get('ma_ps'))).toEqual(['10']);
  });

  it('seeking while paused adds neither play time nor segments', async () => {
    const video = new Player('video');
    await start();
    video.seek(12);
    await wait(1000);
    video.seek(3);
    await wait(5000);
    expect((await take()).map((hit) => [hit.get('ma_st'), hit.get('ma_ps'), hit.get('ma_se')])).toEqual([
      ['0', '12', null],
      ['0', '3', null],
    ]);
  });

  it('reports an end without a pause event once, and one with it once', async () => {
    for (const withPause of [false, true]) {
      document.body.replaceChildren();
      disableMediaTracking(t);
      const video = new Player('video');
      await start();
      video.play();
      await wait(2000);
      video.position = 28;
      video.end(withPause);
      const hits = await take();
      expect(hits).toHaveLength(2);
      expect(ma(hits[1])).toMatchObject({ ma_st: '2', ma_ps: '30', ma_se: '5,10,15,20,25,30' });
      // the end stops the pings
      await wait(20_000);
      expect(await take()).toEqual([]);
    }
  });

  it('counts the visitor’s time at other playback rates, and the media’s positions', async () => {
    const video = new Player('video');
    video.playbackRate = 2;
    await start();
    video.play();
    await wait(4000);
    video.pause();
    expect((await take()).slice(1).map((hit) => [hit.get('ma_st'), hit.get('ma_ps'), hit.get('ma_se')])).toEqual([['4', '8', '5,10']]);
  });

  it('leaves ma_le out for a live stream (duration Infinity) and counts its segments', async () => {
    const audio = new Player('audio');
    audio.duration = Infinity;
    await start();
    audio.play();
    await wait(6000);
    audio.pause();
    const hits = await take();
    expect(hits.every((hit) => hit.get('ma_le') === null)).toBe(true);
    expect(ma(hits.at(-1)!)).toMatchObject({ ma_st: '6', ma_ps: '6', ma_se: '10' });
  });

  it('copes with NaN positions and durations: no ma_ps, ma_le or segments, and nothing thrown', async () => {
    const audio = new Player('audio');
    audio.duration = NaN;
    Object.defineProperty(audio.el, 'currentTime', { configurable: true, get: () => NaN });
    await start();
    audio.play();
    await wait(3000);
    audio.pause();
    const hits = await take();
    expect(hits.map((hit) => [hit.get('ma_st'), hit.get('ma_ps'), hit.get('ma_le'), hit.get('ma_se')])).toEqual([
      ['0', null, null, null],
      ['3', null, null, null],
    ]);
    expect(warnings()).toEqual([]);
  });

  it('stops a view maxTrackingTime seconds after its first play', async () => {
    const audio = new Player('audio');
    audio.duration = 10_000;
    await start({ maxTrackingTime: 12 });
    audio.play();
    await wait(12_000);
    expect((await take()).map((hit) => hit.get('ma_st'))).toEqual(['0', '5', '10']);
    await wait(30_000);
    audio.pause();
    expect(await take()).toEqual([]);
  });
});

describe('enableMediaTracking: views and elements', () => {
  it('starts a new view (ma_id) when the source changes, closing the one that played', async () => {
    const video = new Player('video');
    await start();
    FakeObserver.show(video.el);
    video.play();
    await wait(3000);
    video.load('https://www.example.com/media/next.webm');
    const hits = await take();
    const first = hits[0].get('ma_id');
    expect(hits.map((hit) => [hit.get('ma_id'), hit.get('ma_st'), hit.get('ma_re')])).toEqual([
      [first, '0', SRC],
      [first, '0', SRC],
      [first, '3', SRC],
    ]);
    // the last update of the old view: the element no longer knows its position
    expect(ma(hits[2])).toMatchObject({ ma_se: '5' });
    expect(hits[2].get('ma_ps')).toBeNull();
    // the new view's impression: the element is visible
    FakeObserver.show(video.el);
    const [impression] = await take();
    expect(ma(impression)).toMatchObject({ ma_re: 'https://www.example.com/media/next.webm', ma_ti: 'next.webm', ma_st: '0', ma_le: '20' });
    expect(impression.get('ma_id')).not.toBe(first);
    video.play();
    await wait(1000);
    video.pause();
    expect((await take()).map((hit) => [hit.get('ma_id'), hit.get('ma_st')])).toEqual([
      [impression.get('ma_id'), '0'],
      [impression.get('ma_id'), '1'],
    ]);
  });

  it('ignores data-matomo-ignore, data-piwik-ignore and media without a source', async () => {
    const ignored = [new Player('video', { 'data-matomo-ignore': '' }), new Player('audio', { 'data-piwik-ignore': '' })];
    const none = new Player('video');
    none.currentSrc = '';
    await start();
    for (const player of [...ignored, none]) {
      FakeObserver.show(player.el);
      player.play();
      await wait(6000);
      player.pause();
    }
    expect(await take()).toEqual([]);
    // a source arrives later: from then on it is tracked
    none.load(SRC);
    none.play();
    expect((await take()).map((hit) => hit.get('ma_re'))).toEqual([SRC]);
  });

  it('finds media added later, inside added elements too, and in a shadow root through scanForMedia', async () => {
    await start();
    const box = document.createElement('div');
    const late = new Player('audio', {}, box);
    document.body.append(box);
    const direct = new Player('video');
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const hidden = new Player('audio', {}, shadow);
    await wait(0);
    for (const player of [late, direct, hidden]) FakeObserver.show(player.el);
    expect(await take()).toHaveLength(2);
    scanForMedia(t, shadow);
    FakeObserver.show(hidden.el);
    expect(await take()).toHaveLength(1);
    // and later media in that shadow root
    const later = new Player('audio', {}, shadow);
    await wait(0);
    FakeObserver.show(later.el);
    expect(await take()).toHaveLength(1);
  });

  it('tracks an element once, whatever scans find it again', async () => {
    const audio = new Player('audio');
    await start();
    scanForMedia(t);
    enableMediaTracking(t);
    trackPageView(t);
    document.body.append(audio.el);
    await wait(1000);
    await take();
    audio.play();
    expect(await take()).toHaveLength(1);
  });

  it('keeps a view that plays across a single-page app’s page view, with the new pv_id', async () => {
    const audio = new Player('audio');
    await start();
    audio.play();
    const [play] = await take();
    trackPageView(t);
    await wait(5000);
    const hits = await take();
    const ping = hits.find((hit) => hit.get('ma_id'))!;
    expect(ping.get('ma_id')).toBe(play.get('ma_id'));
    expect(ping.get('pv_id')).toBe(t._pvId);
    expect(ping.get('pv_id')).not.toBe(play.get('pv_id'));
  });
});

describe('enableMediaTracking: leaving and stopping', () => {
  it('sends a last update of what plays when the page is hidden or left', async () => {
    const [video, audio] = [new Player('video'), new Player('audio')];
    await start();
    video.play();
    audio.play();
    await wait(3000);
    audio.pause();
    await take();
    await wait(1000);
    window.dispatchEvent(new Event('pagehide'));
    const hits = await take();
    expect(hits.map((hit) => [hit.get('ma_mt'), hit.get('ma_st')])).toEqual([['video', '4']]);
  });

  it('stop() sends a last update of what plays, then nothing more', async () => {
    const [playing, unseen] = [new Player('audio'), new Player('video')];
    const stop = await start();
    playing.play();
    await wait(2000);
    await take();
    stop();
    expect((await take()).map((hit) => hit.get('ma_st'))).toEqual(['2']);
    expect(FakeObserver.watched(unseen.el)).toBe(false);
    playing.pause();
    unseen.play();
    document.body.append(new Player('audio').el);
    await wait(60_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(await take()).toEqual([]);
    stop();
    // and it starts again
    enableMediaTracking(t);
    unseen.pause();
    expect(await take()).toHaveLength(1);
  });

  it('disableMediaTracking stops it too', async () => {
    const audio = new Player('audio');
    await start();
    disableMediaTracking(t);
    audio.play();
    expect(await take()).toEqual([]);
  });
});

describe('enableMediaTracking: events (§10.3)', () => {
  it('sends none by default', async () => {
    const audio = new Player('audio');
    await start();
    audio.play();
    audio.pause();
    expect((await take()).filter((hit) => hit.get('e_c'))).toEqual([]);
  });

  it('with trackEvents: play, pause, resume, seek and finish, after the update', async () => {
    const [video, audio] = [new Player('video', { title: 'Intro' }), new Player('audio')];
    await start({ trackEvents: true });
    video.play();
    video.pause();
    video.seek(10);
    video.play();
    video.end();
    video.play();
    audio.play();
    await wait(1000);
    const events = (await take()).filter((hit) => hit.get('e_c')).map(ma);
    expect(events).toEqual([
      { e_c: 'MediaVideo', e_a: 'play', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaVideo', e_a: 'pause', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaVideo', e_a: 'seek', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaVideo', e_a: 'resume', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaVideo', e_a: 'finish', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaVideo', e_a: 'play', e_n: 'Intro', ca: '1' },
      { e_c: 'MediaAudio', e_a: 'play', e_n: 'intro clip.webm', ca: '1' },
    ]);
  });

  it('keeps to the rate limits per page view: per media, for all media, twice the pauses for long media', async () => {
    const [a, b, c, long] = [new Player('audio'), new Player('audio'), new Player('audio'), new Player('audio')];
    b.currentSrc = 'https://www.example.com/b.mp3';
    c.currentSrc = 'https://www.example.com/c.mp3';
    long.currentSrc = 'https://www.example.com/long.mp3';
    long.duration = 901;
    await start({ trackEvents: true });
    const count = async () => {
      const by: Record<string, number> = {};
      for (const hit of await take()) {
        const key = hit.get('e_a') + ' ' + hit.get('e_n');
        if (hit.get('e_c')) by[key] = (by[key] || 0) + 1;
      }
      return by;
    };
    const cycles = (player: Player, n: number) => {
      for (let i = 0; i < n; i++) {
        player.play();
        player.pause();
      }
    };
    cycles(a, 60);
    cycles(long, 60);
    expect(await count()).toEqual({
      'play intro clip.webm': 1,
      'resume intro clip.webm': 25,
      'pause intro clip.webm': 25,
      'play long.mp3': 1,
      'resume long.mp3': 50,
      'pause long.mp3': 50,
    });
    cycles(b, 30);
    expect(await count()).toEqual({ 'play b.mp3': 1, 'resume b.mp3': 25, 'pause b.mp3': 25 });
    // all media: 100 pauses and resumes are used up
    cycles(c, 5);
    expect(await count()).toEqual({ 'play c.mp3': 1 });
    // a new page view starts over
    trackPageView(t);
    c.play();
    expect(await count()).toEqual({ 'resume c.mp3': 1 });
  });

  it('can be switched on and off while tracking runs', async () => {
    const audio = new Player('audio');
    await start();
    enableMediaTracking(t, { trackEvents: true });
    audio.play();
    enableMediaTracking(t, { trackEvents: false });
    audio.pause();
    expect((await take()).filter((hit) => hit.get('e_c')).map((hit) => hit.get('e_a'))).toEqual(['play']);
  });
});

describe('enableMediaTracking: options and input', () => {
  it('refuses bad options with a warning and keeps the others', async () => {
    await start({ pingInterval: 0.5, maxTrackingTime: Infinity, trackEvents: 'yes', volume: 1 } as never);
    enableMediaTracking(t, 'fast' as never);
    expect(t._mediaOpts).toEqual({ pingInterval: 5, maxTrackingTime: 10800, trackEvents: false });
    expect(warnings()).toEqual(
      said([
        'enableMediaTracking: pingInterval must be a number of seconds from 1 to 2147483, got 0.5; ignored',
        'enableMediaTracking: maxTrackingTime must be a number of seconds from 1 to 2147483, got Infinity; ignored',
        'enableMediaTracking: trackEvents must be true or false, got "yes"; ignored',
        'enableMediaTracking: unknown option "volume", got 1; ignored',
        'enableMediaTracking: options must be an object, got "fast"; ignored',
      ]),
    );
  });

  it('scanForMedia warns while media tracking is off, and refuses what is not a node', async () => {
    t = tracker();
    trackers.push(t);
    scanForMedia(t);
    enableMediaTracking(t);
    scanForMedia(t, '#player' as never);
    expect(warnings()).toEqual(said(['scanForMedia: media tracking is off; call enableMediaTracking first', 'scanForMedia: root must be a DOM node, got "#player"; ignored']));
  });

  it('throws nothing into the page, whatever the element says', async () => {
    const audio = new Player('audio');
    await start();
    Object.defineProperty(audio.el, 'duration', { configurable: true, get: () => { throw new Error('hostile'); } });
    expect(() => audio.play()).not.toThrow();
    expect(() => FakeObserver.show(audio.el)).not.toThrow();
  });
});
