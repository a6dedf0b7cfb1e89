// Which Chromium the e2e tests drive. Never downloads one: CI and dev boxes use
// Debian's package, and a missing browser should say how to get one in one line.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function playwrightBrowser() {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    const file = chromium.executablePath();
    return file && fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** CHROMIUM_PATH if it exists, else Debian's /usr/bin/chromium, else a browser Playwright installed earlier. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const bundled = playwrightBrowser();
  if (bundled) return bundled;
  const hint = fromEnv ? ` (CHROMIUM_PATH=${fromEnv} does not exist)` : '';
  throw new Error(`No Chromium found${hint}: run "apt-get install chromium" or set CHROMIUM_PATH to a Chromium/Chrome executable.`);
}

// Headless in containers: no sandbox (often no user namespaces), no GPU, and
// nothing that makes network calls of its own while tests count requests.
// Host names other than the loopback ones resolve to nothing without a DNS
// query: test pages link to (and the fuzz loads media from) made-up hosts,
// and traffic must stay on this machine.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
