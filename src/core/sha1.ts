/**
 * Synchronous SHA-1 of a string's UTF-8 bytes, as lowercase hex.
 *
 * Matomo derives cookie names (§3.2) and the cross-domain device id (§5.6)
 * from SHA-1. crypto.subtle is async and missing on plain-http pages, and the
 * cookie name is needed before the first hit, so we carry this small one.
 * Not for security: only for name compatibility with matomo.js.
 */
export function sha1(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const len = bytes.length;
  // message + 0x80 + zero padding + 64-bit length, in 32-bit big-endian words
  const words = new Uint32Array(((len + 8) >> 6) * 16 + 16);
  for (let i = 0; i <= len; i++) words[i >> 2] |= (i < len ? bytes[i] : 0x80) << ((~i & 3) << 3);
  words[words.length - 1] = len * 8;
  let h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w: number[] = [];
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      w[i] = i < 16 ? words[block + i] : rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
      const t =
        (rotl(a, 5) +
          (i < 20 ? (b & c) | (~b & d) : i > 39 && i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d) +
          [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6][(i / 20) | 0] +
          e +
          w[i]) |
        0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    h = [a, b, c, d, e].map((x, i) => (h[i] + x) | 0);
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}
