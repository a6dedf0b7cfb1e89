const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A new `pv_id`: 6 characters of [a-zA-Z0-9], as matomo.js, but from crypto.getRandomValues (§2.4). */
export function newPageViewId(random: Crypto = crypto): string {
  let id = '';
  // 248 = 4 × 62: bytes above it are skipped, so every character is equally likely
  for (const byte of random.getRandomValues(new Uint8Array(32))) {
    if (byte < 248 && id.length < 6) id += ALPHABET[byte % 62];
  }
  return id.length == 6 ? id : newPageViewId(random);
}

/** 16 lowercase hex characters: a new visitor id from 8 random bytes (§3.4). */
export function newVisitorId(random: Crypto = crypto): string {
  return Array.from(random.getRandomValues(new Uint8Array(8)), (b) =>
    (b + 256).toString(16).slice(1),
  ).join('');
}
