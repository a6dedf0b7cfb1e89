/**
 * Build-time flag: `true` in the debug builds (dist/matomo-lite.debug.js,
 * dist/esm-debug/, the `development` export condition), `false` in the
 * production ones. Every warning sentence is written as `__DEBUG__ && '…'`
 * or inside `if (__DEBUG__)`, so production builds drop the words as dead
 * code while doing exactly what the debug build does. rollup.config.mjs and
 * vitest.config.ts replace it; it never reaches a published file.
 */
declare const __DEBUG__: boolean;
