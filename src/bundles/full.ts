/**
 * The script-tag build (dist/matomo-lite.js): every public function on
 * `window.MatomoLite`, and the `_paq` drop-in for matomo.js on top.
 */
import { api } from '../paq/full';
import { startPaq, type Api } from '../paq/index';
import { COMING, UNSUPPORTED } from '../paq/methods';

(window as unknown as { MatomoLite: typeof api }).MatomoLite = api;
// every FULL method is in `api`: only the coming and unsupported ones are missing
startPaq(api as unknown as Api, COMING + ' ' + UNSUPPORTED);
