import type { Params } from '../context/params.js';

/**
 * The rules a hit must meet before it leaves (PROTOCOL.md §13.2): hits that
 * Matomo would answer with 400, or store wrongly, are not sent. Returns the
 * broken rule (its words in the debug build, `true` in production), or
 * nothing.
 */
export function brokenRule(action: Params): string | true | undefined {
  const get = (name: string) => action.find((p) => p[0] == name);
  // an event needs both its category and its action; content, its name
  const empty = ['e_c', 'e_a', 'c_n'].find((name) => (name == 'c_n' ? get(name) : get('e_c') || get('e_a')) && !/\S/.test((get(name)?.[1] ?? '') as string));
  const pf = action.find((p) => /^pf_/.test(p[0]) && !/^\d+$/.test(p[1] as string));
  const pair = get('ca') && get('ping');
  if (!(empty || pair || pf)) return undefined;
  // `true` once the words are dropped
  return (
    (__DEBUG__ &&
      (empty ? empty + ' must be a non-empty string' : pair ? 'ca=1 must not be sent with ping=1' : pf![0] + ' must be an integer >= 0')) ||
    true
  );
}

/**
 * A number Matomo parses as a float (PHP's is_numeric): 1, -2.5, .5, 1e3, and
 * the same as strings. Amounts and event values are checked with it, so a
 * typo is refused with a warning instead of being dropped by the server.
 */
export function isNumeric(value: unknown): value is number | string {
  // a finite number's string form always matches; NaN and Infinity never
  return (typeof value == 'number' || typeof value == 'string') && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value as string);
}

/** A value that reads as itself on the wire: a string, a finite number or a boolean, never `NaN` or `[object Object]`. */
export function isText(value: unknown): boolean {
  return typeof value == 'string' || typeof value == 'boolean' || (typeof value == 'number' && isFinite(value));
}

/** A trimmed non-empty string from a string or a finite number, else undefined (names, keywords, labels). */
export const text = (value: unknown): string | undefined =>
  ((typeof value == 'number' ? isFinite(value) : typeof value == 'string') && String(value).trim()) || undefined;
