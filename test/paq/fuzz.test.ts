import { afterEach, expect, it, vi } from 'vitest';
// @ts-expect-error: the shared generator is plain JavaScript (the e2e fuzz loads it in Chromium)
import { fuzz } from '../../e2e/pages/paq-fuzz.mjs';
// @ts-expect-error: plain .mjs modules of the collector, without types
import { parseRequest } from '../../e2e/collector/parse.mjs';
// @ts-expect-error: plain .mjs modules of the collector, without types
import { validateHit } from '../../e2e/collector/validate.mjs';
import { MATOMO, setup, start, teardown, win } from './support';

afterEach(teardown);

const COMMANDS = 10_000;
// FUZZ_SEED=n npx vitest run test/paq/fuzz.test.ts tries another sequence; a failure names its seed
const SEED = Number((globalThis as { process?: { env: Record<string, string> } }).process?.env.FUZZ_SEED) || 20240611;

/** Every hit the transport handed to the browser, parsed as the collector parses it. */
function records(sent: { via: string; url: string; body: string; type?: string }[]) {
  return sent.flatMap(
    (request) =>
      parseRequest({
        method: request.via == 'image' ? 'GET' : 'POST',
        url: request.url.replace(/^https?:\/\/[^/]+/, ''),
        headers: { 'content-type': request.type || '' },
        body: request.body,
      }).hits as { raw: string; keys: string[]; params: Record<string, string>; transport: string; violations: string[] }[],
  );
}

it(`survives ${COMMANDS} random _paq commands without an exception or a hit with a violation (seed ${SEED})`, async () => {
  const { sent, hits } = setup();
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  window.addEventListener('error', onError);
  // a working tracker, so the random commands have hits to spoil
  win._paq = [['trackPageView'], ['setTrackerUrl', MATOMO], ['setSiteId', 3]];
  start();
  const names = Object.keys(win.Matomo!.getAsyncTracker()!);
  try {
    await fuzz(
      {
        // every push must return normally, whatever it holds
        push: (...commands: unknown[]) => expect(() => win._paq.push(...commands)).not.toThrow(),
      },
      { seed: SEED, count: COMMANDS, names, trackerUrl: MATOMO, siteId: 3, pause: (ms: number) => vi.advanceTimersByTimeAsync(ms) },
    );
    await hits();
    await vi.advanceTimersByTimeAsync(60_000);
    await (sent as unknown as { settled(): Promise<void> }).settled();
  } finally {
    window.removeEventListener('error', onError);
  }
  expect(errors).toEqual([]);
  const received = records(sent);
  // the generator must reach the wire, or the check below proves nothing
  expect(received.length).toBeGreaterThan(100);
  // and the tracker still works after all that: the generator's last command is this event
  // (added trackers may send it too; the first one must)
  expect(received.filter((hit) => hit.params.e_a == 'end' && hit.params.idsite == '3').length, 'the final event').toBeGreaterThan(0);
  // one example per broken rule, shortened: enough to find the function that let the input through
  const examples: Record<string, string> = {};
  let bad = 0;
  for (const hit of received) {
    // the hit's rules (validateHit), and the request's: content type, encoding (the collector's record)
    const violations = [...new Set([...validateHit(hit.params, hit.keys, hit.raw, { transport: hit.transport }), ...hit.violations])];
    if (violations.length) bad++;
    for (const violation of violations) examples[violation.split(/[=(]/)[0]] ??= violation.slice(0, 200) + ' in ' + hit.raw.slice(0, 300);
  }
  expect(examples, `${bad} of ${received.length} hits break the protocol (seed ${SEED})`).toEqual({});
}, 120_000);
