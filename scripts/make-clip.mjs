/**
 * Makes demo/files/clip.webm, the short video of the media demo and e2e
 * tests (a committed fixture; run this only to change it):
 *
 *   node scripts/make-clip.mjs
 *
 * Debian's Chromium plays WebM (VP8) but no proprietary codec, and nothing
 * here may need the network, so the clip is drawn and encoded by Chromium
 * itself: canvas frames, WebCodecs' VP8 encoder (no real-time recording,
 * as MediaRecorder would need), then muxed below into a WebM with a
 * duration and cues, so that the element knows its length and seeks.
 * 10 s, 128×72, 5 frames per second, a keyframe every 2 s, a few KB.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const OUT = new URL('../demo/files/clip.webm', import.meta.url);
const [WIDTH, HEIGHT, FPS, SECONDS, KEY_EVERY_S] = [128, 72, 5, 10, 2];

// Encoding in the page: a colour every 2 s, a bar that fills up, a square
// that moves, so a viewer sees where the clip is.
async function encode() {
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // http://127.0.0.1 is a secure context, which WebCodecs needs; nothing is loaded
    await page.route('http://127.0.0.1/', (route) => route.fulfill({ body: '<!doctype html>', contentType: 'text/html' }));
    await page.goto('http://127.0.0.1/');
    return await page.evaluate(
      async ({ WIDTH, HEIGHT, FPS, SECONDS, KEY_EVERY_S }) => {
        const chunks = [];
        let failure;
        const encoder = new VideoEncoder({
          output: (chunk) => {
            const data = new Uint8Array(chunk.byteLength);
            chunk.copyTo(data);
            chunks.push({ ms: Math.round(chunk.timestamp / 1000), key: chunk.type == 'key', data: Array.from(data) });
          },
          error: (error) => (failure = String(error)),
        });
        encoder.configure({ codec: 'vp8', width: WIDTH, height: HEIGHT, bitrate: 8_000, framerate: FPS });
        const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
        const ctx = canvas.getContext('2d');
        for (let i = 0; i < FPS * SECONDS; i++) {
          // a new colour on each keyframe, where it costs nothing more
          const key = Math.floor(i / (FPS * KEY_EVERY_S));
          ctx.fillStyle = `hsl(${key * 72}, 55%, 45%)`;
          ctx.fillRect(0, 0, WIDTH, HEIGHT);
          ctx.fillStyle = '#fff';
          ctx.fillRect(0, HEIGHT - 8, (WIDTH * (i + 1)) / (FPS * SECONDS), 8);
          ctx.fillRect(10 + ((WIDTH - 40) * (i % FPS)) / FPS, 20, 20, 20);
          const frame = new VideoFrame(canvas, { timestamp: (i * 1e6) / FPS, duration: 1e6 / FPS });
          encoder.encode(frame, { keyFrame: i % (FPS * KEY_EVERY_S) == 0 });
          frame.close();
        }
        await encoder.flush();
        if (failure) throw new Error(failure);
        return chunks;
      },
      { WIDTH, HEIGHT, FPS, SECONDS, KEY_EVERY_S },
    );
  } finally {
    await browser.close();
  }
}

// EBML: an element is its id, its size as a variable-length integer, its data.
const bytes = (...parts) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
const size = (n) => {
  // 8 bytes always: sizes never change the layout computed below
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(n) | (1n << 56n));
  return out;
};
const el = (id, ...data) => {
  const body = bytes(...data);
  return bytes(Buffer.from(id, 'hex'), size(body.length), body);
};
const uint = (id, n, width = 4) => {
  const out = Buffer.alloc(width);
  out.writeUIntBE(n, 0, width);
  return el(id, out);
};
const text = (id, s) => el(id, Buffer.from(s, 'latin1'));
const float = (id, x) => {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(x);
  return el(id, out);
};

function mux(chunks) {
  const header = el('1A45DFA3', uint('4286', 1, 1), uint('42F7', 1, 1), uint('42F2', 4, 1), uint('42F3', 8, 1), text('4282', 'webm'), uint('4287', 2, 1), uint('4285', 2, 1));
  const info = el('1549A966', uint('2AD7B1', 1_000_000), text('4D80', 'matomo-lite make-clip'), text('5741', 'matomo-lite make-clip'), float('4489', SECONDS * 1000));
  const tracks = el('1654AE6B', el('AE', uint('D7', 1, 1), uint('73C5', 1), uint('83', 1, 1), text('86', 'V_VP8'), el('E0', uint('B0', WIDTH, 2), uint('BA', HEIGHT, 2))));
  // one cluster per keyframe
  const clusters = [];
  for (const chunk of chunks) {
    if (chunk.key) clusters.push({ ms: chunk.ms, blocks: [] });
    const cluster = clusters.at(-1);
    const block = Buffer.alloc(4);
    block[0] = 0x81; // track 1
    block.writeInt16BE(chunk.ms - cluster.ms, 1);
    block[3] = chunk.key ? 0x80 : 0;
    cluster.blocks.push(el('A3', block, Buffer.from(chunk.data)));
  }
  const built = clusters.map((c) => el('1F43B675', uint('E7', c.ms), ...c.blocks));
  // cues point at the clusters, from the start of the segment's data; their
  // own size does not depend on the positions (fixed-width integers)
  const cues = (positions) => el('1C53BB6B', ...clusters.map((c, i) => el('BB', uint('B3', c.ms), el('B7', uint('F7', 1, 1), uint('F1', positions[i])))));
  const before = info.length + tracks.length + cues(clusters.map(() => 0)).length;
  const positions = [];
  let at = before;
  for (const cluster of built) {
    positions.push(at);
    at += cluster.length;
  }
  return bytes(header, el('18538067', info, tracks, cues(positions), ...built));
}

const chunks = await encode();
if (chunks.length != FPS * SECONDS || !chunks[0].key) throw new Error(`the encoder gave ${chunks.length} frames`);
const file = mux(chunks);
writeFileSync(OUT, file);
console.log(`${OUT.pathname}: ${file.length} bytes, ${chunks.length} frames`);
