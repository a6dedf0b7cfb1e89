import { once } from './log.js';

/**
 * Wraps a public function so that nothing it does can throw into the host
 * page. An internal error is reported once, in debug mode only (the tracker,
 * when there is one, is the first argument); the caller gets `undefined`.
 *
 * Marked side-effect free so a bundler drops every wrapped export the app
 * does not import.
 */
/*@__NO_SIDE_EFFECTS__*/
export function guard<A extends unknown[], R>(
  name: string,
  fn: (...args: A) => R,
): (...args: A) => R | undefined {
  const guarded = (...args: A) => {
    try {
      return fn(...args);
    } catch (error) {
      return report(args[0], name, error);
    }
  };
  // the script-tag builds list their functions without names and read them
  // here (paq/index.ts), so each name ships once
  (guarded as Named)._name = name;
  return guarded;
}

/** A guarded function knows the name it warns with: for a public one, its export name. */
export type Named = { _name?: string };

/** Runs every hook of a list: one that throws is reported (debug mode) and the others still run. */
export function runHooks(tracker: unknown, hooks: (() => void)[], where: string): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch (error) {
      report(tracker, where, error);
    }
  }
}

/** Reports an internal error when the tracker (or any object with _cfg) is in debug mode. */
export function report(tracker: unknown, where: string, error: unknown): undefined {
  try {
    if ((tracker as { _cfg?: { debug?: boolean } } | null)?._cfg?.debug) {
      once(where + ': internal error: ' + error);
    }
  } catch {
    // reporting must never be the thing that throws
  }
}
