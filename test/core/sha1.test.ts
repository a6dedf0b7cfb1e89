import { describe, expect, it } from 'vitest';
import { sha1 } from '../../src/core/sha1';

describe('sha1', () => {
  it('matches the standard test vectors', () => {
    expect(sha1('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });

  it('hashes UTF-8 bytes and block boundaries correctly', () => {
    // 55, 56 and 64 bytes straddle the padding boundary of one 64-byte block
    expect(sha1('a'.repeat(55))).toBe('c1c8bbdc22796e28c0e15163d20899b65621d65a');
    expect(sha1('a'.repeat(56))).toBe('c2db330f6083854c99d4b5bfb6e8f29f201be699');
    expect(sha1('a'.repeat(64))).toBe('0098ba824b5c16427bd7a1122a5a442a25ec644d');
    expect(sha1('é')).toBe('bf15be717ac1b080b4f1c456692825891ff5073d');
    expect(sha1('héllo wörld €')).toBe('e8d02b6e2c8ba427cea42c9e54e133943a3486f4');
  });

  it('gives the cookie-name hashes of PROTOCOL.md §3.2', () => {
    expect(sha1('www.example.com/').slice(0, 4)).toBe('2a0b');
    expect(sha1('.example.com/').slice(0, 4)).toBe('62df');
    expect(sha1('example.com/').slice(0, 4)).toBe('8809');
    expect(sha1('www.example.org/').slice(0, 4)).toBe('4a68');
    expect(sha1('www.example.com/user/MyUsername').slice(0, 4)).toBe('580b');
  });
});
