/**
 * `length` characters that `drop` does not match, from crypto.getRandomValues:
 * random bytes read as characters, the others dropped. Each kept character
 * comes from exactly one byte value, so all are equally likely; 1000 bytes
 * leave too few once in more than 10^11 draws, and then we draw again.
 */
export function randomChars(length: number, drop: RegExp, tries = 9): string {
  const text = String.fromCharCode(...crypto.getRandomValues(new Uint8Array(1e3)))
    .replace(drop, '')
    .slice(0, length);
  // a broken getRandomValues (a shim that fills nothing) must not recurse
  // forever: after a few draws, pad with '0', a character of every alphabet here
  return text[length - 1] || !tries ? text.padEnd(length, '0') : randomChars(length, drop, tries - 1);
}

/** A new `pv_id`: 6 characters of [a-zA-Z0-9], as matomo.js, but from crypto.getRandomValues (§2.4). */
export function newPageViewId(): string {
  return randomChars(6, /[\W_]/g);
}

/** 16 lowercase hex characters: a new visitor id (§3.4). */
export function newVisitorId(): string {
  return randomChars(16, /[^\da-f]/g);
}
