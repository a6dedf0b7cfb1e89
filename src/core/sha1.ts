/**
 * Synchronous SHA-1 of a string's UTF-8 bytes, as lowercase hex.
 *
 * Matomo derives cookie names (§3.2) and the cross-domain device id (§5.6)
 * from SHA-1. crypto.subtle is async and missing on plain-http pages, and the
 * cookie name is needed before the first hit, so we carry this small one.
 * Not for security: only for name compatibility with matomo.js.
 */
export function sha1(text: string): string {
  // message + 0x80 + zero padding + 64-bit length, in 32-bit big-endian words
  // (holes read as 0)
  const bytes = [...new TextEncoder().encode(text), 128];
  const words: number[] = [];
  // byte i of a word goes 24 - 8 × (i mod 4) bits left: shifts count mod 32, so ~i × 8
  bytes.map((byte, i) => (words[i >> 2] |= byte << (~i * 8)));
  words[(((bytes.length + 7) >> 6) << 4) + 15] = (bytes.length - 1) * 8;
  let h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w: number[] = [];
  for (let block = 0; block < words.length; block += 16) {
    // the working variables
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      w[i] = i < 16 ? words[block + i] | 0 : rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
      [a, b, c, d, e] = [
        (rotl(a, 5) +
          (i < 20 ? d ^ (b & (c ^ d)) : i < 40 || i > 59 ? b ^ c ^ d : (b & c) | (d & (b | c))) +
          // 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6: 2^30 × √2, √3, √5, √10
          ((Math.sqrt([2, 3, 5, 10][(i / 20) | 0]) * 2 ** 30) | 0) +
          e +
          w[i]) |
          0,
        a,
        rotl(b, 30),
        c,
        d,
      ];
    }
    h = [a, b, c, d, e].map((x, i) => (x + h[i]) >>> 0);
  }
  return h.map((x) => x.toString(16).padStart(8, '0')).join('');
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
