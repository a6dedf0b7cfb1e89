// Media tracking (enableMediaTracking) in a real Chromium, with real media:
// the committed WebM clip (demo/files/clip.webm, 10 s, scripts/make-clip.mjs)
// and a WAV the collector generates (/__media/tone.wav?seconds=N). Playback
// is driven through the elements; times are awaited on the media's own clock
// (currentTime), never slept, so a loaded machine only makes them slower.
import { test, expect, type HitRecord } from './fixtures';
import { isPageView } from './page-helpers';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import type { Page } from '@playwright/test';

// audio may play without a click
test.use({ launchOptions: { executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] } });

const PAGE = '/e2e/pages/media.html';
const CLIP = /\/demo\/files\/clip\.webm$/;

const isMedia = (h: HitRecord) => h.kind === 'media';
const of = (pattern: RegExp) => (h: HitRecord) => isMedia(h) && pattern.test(h.params.ma_re ?? '');
const st = (h: HitRecord) => Number(h.params.ma_st);

type Media = HTMLMediaElement;

async function open(page: Page, query = '') {
  await page.goto(PAGE + query);
  await page.waitForSelector('body[data-ready]');
}

/** Calls a method of the element (play(), pause()), or sets its position. */
const act = (page: Page, id: string, what: 'play' | 'pause' | number) =>
  page.evaluate(
    ([id, what]) => {
      const el = document.getElementById(id as string) as Media;
      if (typeof what == 'number') el.currentTime = what;
      else return el[what as 'play' | 'pause']();
    },
    [id, what] as const,
  );

/** Waits until the element has played to this position (its own clock, however slow the machine). */
const reach = (page: Page, id: string, seconds: number) =>
  page.waitForFunction(([id, s]) => (document.getElementById(id as string) as Media).currentTime >= (s as number), [id, seconds] as const, { timeout: 20_000 });

const ended = (page: Page, id: string) => page.waitForFunction((id) => (document.getElementById(id) as Media).ended, id, { timeout: 20_000 });

const position = (page: Page, id: string) => page.evaluate((id) => (document.getElementById(id) as Media).currentTime, id);

/** Every `ma_se` position the hits sent, in order. */
const segments = (list: HitRecord[]) => list.flatMap((h) => (h.params.ma_se ? h.params.ma_se.split(',') : []));

test('play 3 s, pause 2 s, seek, play to the end: ma_st is the play time, each ma_se once, nothing while paused', async ({ page, hits }) => {
  await open(page);
  const [view] = await hits.waitFor(1, { where: isPageView });
  // the clip is visible: its impression
  const [impression] = await hits.waitFor(1, { where: of(CLIP) });
  expect(impression.params).toMatchObject({ ma_ti: 'Test clip', ma_mt: 'video', ma_pn: 'html5', ma_st: '0', ma_ps: '0', ma_le: '10', ma_w: '320', ma_h: '180', ma_fs: '0', ca: '1' });
  expect(impression.params.ma_id).toMatch(/^[a-zA-Z0-9]{16}$/);
  expect(impression.keys.slice(0, 5)).toEqual(['ma_id', 'ma_ti', 'ma_re', 'ma_mt', 'ma_pn']);

  await act(page, 'video', 'play');
  await reach(page, 'video', 3);
  await act(page, 'video', 'pause');
  const paused = await position(page, 'video');
  const [play, pause] = await hits.waitFor(3, { where: of(CLIP) }).then((list) => list.slice(1));
  expect(play.params).toMatchObject({ ma_st: '0', ma_ps: '0' });
  expect(Number(play.params.ma_ttp)).toBeGreaterThanOrEqual(0);
  expect(Math.abs(st(pause) - paused)).toBeLessThanOrEqual(1);
  expect(pause.params.ma_ps).toBe(String(Math.round(paused)));

  // 2 s paused: no hit
  await hits.expectNone(2000, (h) => of(CLIP)(h) && h.seq > pause.seq);
  await act(page, 'video', 6);
  const [seek] = await hits.waitFor(1, { where: (h) => of(CLIP)(h) && h.seq > pause.seq });
  expect(seek.params).toMatchObject({ ma_st: pause.params.ma_st, ma_ps: '6' });

  await act(page, 'video', 'play');
  await ended(page, 'video');
  const all = await hits.waitFor(1, { where: (h) => of(CLIP)(h) && h.params.ma_ps === '10', settle: 500 });
  const clip = hits.all(of(CLIP));
  const end = clip.at(-1)!;
  expect(all).toHaveLength(1);
  // played: to `paused`, then from 6 to 10
  expect(Math.abs(st(end) - (paused + 4))).toBeLessThanOrEqual(1);
  expect(end.params).toMatchObject({ ma_le: '10', ma_ps: '10' });
  expect(segments(clip)).toEqual(['5', '10']);
  for (const h of clip) {
    expect(h.params.ma_id).toBe(impression.params.ma_id);
    expect(h.params.pv_id).toBe(view.params.pv_id);
    expect(h.params.ca).toBe('1');
  }
  // events are off by default; the ignored video sent nothing
  expect(hits.all((h) => h.kind === 'event')).toEqual([]);
  expect(hits.all(of(/ignored/))).toEqual([]);
  hits.expectNoViolations(hits.all());
});

test('the page left while playing: a ping every 5 s, then a last update', async ({ page, hits }) => {
  await open(page);
  await act(page, 'audio', 'play');
  await reach(page, 'audio', 6);
  const pings = await hits.waitFor(3, { where: of(/tone\.wav/) });
  // impression, play, the ping 5 s later: what played by then (less on a
  // machine too busy to play), which is where it is
  expect(pings.slice(0, 2).map((h) => h.params.ma_st)).toEqual(['0', '0']);
  expect(st(pings[2])).toBeGreaterThan(0);
  expect(st(pings[2])).toBeLessThanOrEqual(5);
  expect(Math.abs(st(pings[2]) - Number(pings[2].params.ma_ps))).toBeLessThanOrEqual(1);
  const before = await position(page, 'audio');
  await page.goto('/e2e/pages/basic.html?track=none');
  const [last] = await hits.waitFor(1, { where: (h) => of(/tone\.wav/)(h) && h.seq > pings[2].seq });
  expect(st(last)).toBeGreaterThanOrEqual(Math.floor(before));
  expect(st(last) - before).toBeLessThanOrEqual(1.5);
  expect(last.params.ma_id).toBe(pings[0].params.ma_id);
  expect(last.params).toMatchObject({ ma_mt: 'audio', ma_ti: 'Tone', ma_le: '30' });
  hits.expectNoViolations(hits.all());
});

test('fullscreen: ma_fs=1 and the size on screen, then back', async ({ page, hits }) => {
  await open(page);
  await hits.waitFor(1, { where: of(CLIP) });
  await act(page, 'video', 'play');
  await page.click('#fullscreen');
  await page.waitForFunction(() => document.fullscreenElement?.id === 'video');
  await act(page, 'video', 'pause');
  const [full] = await hits.waitFor(1, { where: (h) => of(CLIP)(h) && h.params.ma_fs === '1' });
  const screen = await page.evaluate(() => [innerWidth, innerHeight]);
  expect([Number(full.params.ma_w), Number(full.params.ma_h)]).toEqual(screen);
  await page.evaluate(() => document.exitFullscreen());
  await page.waitForFunction(() => !document.fullscreenElement);
  await act(page, 'video', 'play');
  const [back] = await hits.waitFor(1, { where: (h) => of(CLIP)(h) && h.seq > full.seq });
  expect(back.params).toMatchObject({ ma_fs: '0', ma_w: '320', ma_h: '180' });
  hits.expectNoViolations(hits.all());
});

test('a new source is a new view: the old one closes with its play time', async ({ page, hits }) => {
  await open(page);
  const [first] = await hits.waitFor(1, { where: of(CLIP) });
  await act(page, 'video', 'play');
  await reach(page, 'video', 2);
  const played = await position(page, 'video');
  await page.evaluate(() => ((document.getElementById('video') as Media).src = '/demo/files/clip.webm?second'));
  const [closing] = await hits.waitFor(1, { where: (h) => of(CLIP)(h) && Number(h.params.ma_st) > 0 });
  expect(closing.params.ma_id).toBe(first.params.ma_id);
  expect(Math.abs(st(closing) - played)).toBeLessThanOrEqual(1);
  // the new one: an impression (the element is still visible), then its own play
  const [impression] = await hits.waitFor(1, { where: of(/\?second$/) });
  expect(impression.params).toMatchObject({ ma_st: '0', ma_ti: 'Test clip' });
  expect(impression.params.ma_id).not.toBe(first.params.ma_id);
  await act(page, 'video', 'play');
  const [, play] = await hits.waitFor(2, { where: of(/\?second$/) });
  expect(play.params.ma_id).toBe(impression.params.ma_id);
  hits.expectNoViolations(hits.all());
});

test('an ignored element sends nothing, however it plays', async ({ page, hits }) => {
  await open(page);
  await hits.waitFor(1, { where: of(CLIP) });
  await act(page, 'ignored', 'play');
  await reach(page, 'ignored', 1);
  await act(page, 'ignored', 'pause');
  await hits.expectNone(1500, of(/ignored/));
});

test('an element added after load is found, seen and tracked; with trackEvents, its events', async ({ page, hits }) => {
  await open(page, '?events=1');
  await page.evaluate(() => {
    const audio = document.createElement('audio');
    audio.id = 'late';
    audio.controls = true;
    audio.src = '/__media/tone.wav?seconds=3';
    document.body.prepend(audio);
  });
  const [impression] = await hits.waitFor(1, { where: of(/seconds=3$/) });
  expect(impression.params).toMatchObject({ ma_st: '0', ma_ti: 'tone.wav', ma_le: '3', ma_mt: 'audio' });
  await act(page, 'late', 'play');
  await ended(page, 'late');
  const [, , end] = await hits.waitFor(3, { where: of(/seconds=3$/) });
  expect(end.params).toMatchObject({ ma_ps: '3', ma_se: '5' });
  expect(Math.abs(st(end) - 3)).toBeLessThanOrEqual(1);
  const events = await hits.waitFor(2, { where: (h) => h.kind === 'event' });
  expect(events.map((h) => [h.params.e_c, h.params.e_a, h.params.e_n, h.params.ca])).toEqual([
    ['MediaAudio', 'play', 'tone.wav', '1'],
    ['MediaAudio', 'finish', 'tone.wav', '1'],
  ]);
  hits.expectNoViolations(hits.all());
});

test('20 media elements, none playing: no script time over 10 s idle', async ({ page, hits }) => {
  test.setTimeout(45_000);
  await open(page, '?many=20');
  // the impressions of what is visible, then nothing
  await hits.waitFor(2, { where: isMedia, settle: 1000 });
  expect(await page.locator('video, audio').count()).toBe(23);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptTime = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ScriptDuration')!.value;
  };
  const before = await scriptTime();
  const seen = hits.all().length;
  await page.waitForTimeout(10_000);
  const after = await scriptTime();
  expect(after - before).toBe(0);
  expect(hits.all()).toHaveLength(seen);
});
