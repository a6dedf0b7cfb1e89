/**
 * The script-tag build (dist/matomo-lite.js): every public function on
 * `window.MatomoLite`, and the `_paq` drop-in for matomo.js on top.
 */
import { api } from '../paq/full.js';
import { named, startPaq } from '../paq/index.js';
import { COMING } from '../paq/methods.js';

(window as unknown as { MatomoLite: unknown }).MatomoLite = named(api);
// every FULL method is in `api`: only the coming ones are missing; a copy of
// its own, so what a page does to window.MatomoLite never reaches `_paq`
startPaq(named(api), COMING);
