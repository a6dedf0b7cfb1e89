/**
 * The `_paq` queue's commands as TypeScript types, for a site that types the
 * snippet it keeps (docs/paq.md):
 *
 * ```ts
 * import type { Paq } from 'matomo-lite';
 * declare global { interface Window { _paq: Paq } }
 *
 * window._paq = window._paq || [];
 * window._paq.push(['trackEvent', 'Video', 'Play']);   // checked: name, arity, argument types
 * ```
 *
 * Derived from the package's own functions: every export that takes a
 * tracker first is the command of the same name, with the arguments that
 * follow the tracker (the `_paq` layer binds exactly these, see paq/full.ts),
 * so a new function is a new command without a change here. The commands
 * are the full build's (dist/matomo-lite.js); the core build warns about the
 * rest. Types only: this module has no code, and index.ts re-exports it with
 * `export type`, so no bundle ever imports it.
 */
import type * as api from '../index.js';
import type { Tracker } from '../core/tracker.js';
import type { NOOP } from './methods.js';

type Api = typeof api;

/** The arguments after the tracker, for a function whose first argument is exactly a Tracker (not createTracker's options). */
type After<F> = F extends (first: infer T, ...args: infer A) => unknown ? ([T] extends [Tracker] ? ([Tracker] extends [T] ? A : never) : never) : never;

/** The names of the functions that take a tracker first: the `_paq` methods. */
type Method = { [K in keyof Api]: [After<Api[K]>] extends [never] ? never : K }[keyof Api];

/** The words of a space-separated list (methods.ts keeps its lists so). */
type Words<S extends string> = S extends `${infer Head} ${infer Rest}` ? Head | Words<Rest> : S;

/** A tracker object as `_paq` binds it (`this` in a function command): every method, without the tracker argument. */
export type PaqTracker = {
  [K in Method]: (...args: After<Api[K]>) => Api[K] extends (...args: never[]) => infer R ? (R extends Tracker ? PaqTracker : R) : never;
};

/**
 * One `_paq` command: `['methodName', ...arguments]`, or a function run with
 * each tracker object as `this`. matomo.js's methods that do nothing here
 * (alwaysUseSendBeacon, setGenerationTimeMs) are accepted with any
 * arguments; a method matomo-lite lacks is a type error, as it is a warning
 * at run time.
 */
export type PaqCommand =
  | { [K in Method]: [method: K, ...args: After<Api[K]>] }[Method]
  | [method: Words<typeof NOOP>, ...args: unknown[]]
  | MediaAnalyticsCommand
  | [callback: (this: PaqTracker, ...args: any[]) => void, ...args: unknown[]];

/**
 * `window._paq`: the array a page queues commands in before the script
 * runs, then the object whose `push` runs them at once. Both take one or
 * more commands per push.
 */
export type Paq = {
  /** Queues the commands, or runs them once the script has run. */
  push(...commands: PaqCommand[]): unknown;
};

/** The Media Analytics plugin's commands that the full build accepts (paq/media.ts, docs/media.md). */
export type MediaAnalyticsCommand =
  | [method: 'MediaAnalytics::scanForMedia', root?: Node]
  | [method: 'MediaAnalytics::setPingInterval' | 'MediaAnalytics::setMaxTrackingTime', seconds: number]
  | [
      method:
        | 'MediaAnalytics::enableMediaAnalytics'
        | 'MediaAnalytics::disableMediaAnalytics'
        | 'MediaAnalytics.enableTrackEvents'
        | 'MediaAnalytics.disableTrackEvents',
    ];
