import type { Params } from './params';

/** `h`, `m`, `s`: the visitor's local time when the hit is built, not zero-padded (§2.1). */
export function localTime(date: Date): Params {
  return [
    ['h', date.getHours()],
    ['m', date.getMinutes()],
    ['s', date.getSeconds()],
  ];
}
