/**
 * `length` characters that `drop` does not match, from crypto.getRandomValues:
 * random bytes read as characters, the others dropped. Each kept character
 * comes from exactly one byte value, so all are equally likely. 64 bytes a
 * character make a second draw rare even for hex digits, the rarest alphabet
 * here (16 byte values in 256); more bytes would cost every id.
 */
export function randomChars(length: number, drop: RegExp, tries = 9): string {
  // apply, not a spread: spreading a typed array runs its iterator, several times slower
  const text = String.fromCharCode.apply(null, crypto.getRandomValues(new Uint8Array(length * 64)) as unknown as number[])
    .replace(drop, '')
    .slice(0, length);
  // a broken getRandomValues (a shim that fills nothing) must not recurse
  // forever: after a few draws, pad with '0', a character of every alphabet here
  return text[length - 1] || !tries ? text.padEnd(length, '0') : randomChars(length, drop, tries - 1);
}

/**
 * `r`, the cache buster: 6 digits, as matomo.js's. Matomo ignores its value,
 * so one 32-bit draw serves (its slight modulo bias does not matter), at a
 * fraction of randomChars' cost on every hit.
 */
export function cacheBuster(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1e6).padStart(6, '0');
}

/** A new `pv_id`: 6 characters of [a-zA-Z0-9], as matomo.js, but from crypto.getRandomValues (§2.4). */
export function newPageViewId(): string {
  return randomChars(6, /[\W_]/g);
}

/** 16 lowercase hex characters: a new visitor id (§3.4). */
export function newVisitorId(): string {
  return randomChars(16, /[^\da-f]/g);
}
