// @vitest-environment node
import { describe, it, expect, vi, afterEach } from 'vitest';
import fs from 'node:fs';
import { findChromium } from '../../e2e/chromium.mjs';

function pretendExisting(paths) {
  vi.spyOn(fs, 'existsSync').mockImplementation((p) => paths.includes(String(p)));
}

describe('findChromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('prefers CHROMIUM_PATH when that file exists', () => {
    process.env.CHROMIUM_PATH = '/opt/chrome/chrome';
    pretendExisting(['/opt/chrome/chrome', '/usr/bin/chromium']);
    expect(findChromium()).toBe('/opt/chrome/chrome');
  });

  it("falls back to Debian's /usr/bin/chromium", () => {
    process.env.CHROMIUM_PATH = '/does/not/exist';
    pretendExisting(['/usr/bin/chromium']);
    expect(findChromium()).toBe('/usr/bin/chromium');
  });

  it('fails with one line saying how to get a browser', () => {
    delete process.env.CHROMIUM_PATH;
    pretendExisting([]);
    expect(() => findChromium()).toThrow(/^No Chromium found: run "apt-get install chromium" or set CHROMIUM_PATH to a Chromium\/Chrome executable\.$/);
  });
});
