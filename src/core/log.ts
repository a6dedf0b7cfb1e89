/**
 * The only place that writes to the console. Misuse of the API (bad input, a
 * call before setSiteId) is always reported, because a site owner needs to
 * see why a hit never arrived. The words live in the debug build only (the
 * build-time flag of src/debug.d.ts): a production build reports the same
 * events, one line each, naming the call. Internal errors are reported only for trackers whose
 * `debug` option is on (guard.ts), and each distinct message only once.
 */
const seen: Record<string, 1> = {};

function print(message: string): void {
  try {
    console.warn('[matomo-lite] ' + message);
  } catch {
    // a page that replaced console with something broken must not break us
  }
}

/** Starts over with no message seen (for tests: "once" then means once per test). */
export function forgetWarnings(): void {
  for (const message in seen) delete seen[message];
}

/** Prints a message the first time only, so a broken page is not flooded. */
export function once(message: string): void {
  if (!seen[message]) {
    seen[message] = 1;
    print(message);
  }
}

const line = (call: string, words: string | false) => call + ': ' + (__DEBUG__ ? words : 'refused (the debug build says why)');

/**
 * Reports a refused call or value: `<call>: <words>` in the debug build,
 * `<call>: refused (the debug build says why)` in production. Callers write
 * the words behind the debug flag, so production builds do not carry them.
 */
export function warn(call: string, words: string | false): void {
  print(line(call, words));
}

/** As warn, once per distinct message (in production: once per call). */
export function warnOnce(call: string, words: string | false): void {
  once(line(call, words));
}

/** Shows a value the page asked to see (logAllContentBlocksOnPage), as matomo.js does: console.log, in every build. */
export function logValue(value: unknown): void {
  try {
    console.log(value);
  } catch {
    // as print
  }
}
