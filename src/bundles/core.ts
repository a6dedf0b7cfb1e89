/**
 * The smaller script-tag build (dist/matomo-lite.core.js): the `_paq` drop-in
 * with the functions most sites use (paq/core.ts). No `window.MatomoLite`.
 */
import { api } from '../paq/core.js';
import { named, startPaq } from '../paq/index.js';
import { COMING, FULL } from '../paq/methods.js';

startPaq(named(api), FULL + ' ' + COMING);
