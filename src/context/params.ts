/**
 * A hit under construction: [name, value] pairs in wire order. A value that is
 * undefined or null is left out when the hit is serialised, so no collector
 * ever puts a literal `undefined`/`null` on the wire.
 */
export type Params = [string, string | number | undefined | null][];
