// The words of warnings exist in the debug build only (src/debug.d.ts). The
// tracker's tests run in both flavours (vitest.config.ts) and state what the
// debug build says; in production the same calls must print one short line
// each, naming the same call.
import { forgetWarnings } from '../src/core/log';

/** What production prints instead of a debug build's words. */
export const TERSE = 'refused (the debug build says why)';

/**
 * The lines (without the `[matomo-lite] ` prefix) the build under test
 * prints where the debug build prints `lines`: the same lines in the debug
 * build; in production, `<call>: refused (the debug build says why)` for
 * each, the call being what comes before the first `: `.
 */
export function said(lines: string[]): string[] {
  return __DEBUG__ ? lines : lines.map((line) => line.slice(0, line.indexOf(': ')) + ': ' + TERSE);
}

/** One line of `said`. */
export const saidLine = (line: string): string => said([line])[0];

/** Each test starts with no warning seen, so "once" means once in that test. */
export { forgetWarnings };
