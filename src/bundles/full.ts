/**
 * The script-tag build (dist/matomo-lite.js): every public function on
 * `window.MatomoLite`, and the `_paq` drop-in for matomo.js on top.
 */
import { api } from '../paq/full';
import { named, startPaq } from '../paq/index';
import { COMING, UNSUPPORTED } from '../paq/methods';

const functions = named(api);
(window as unknown as { MatomoLite: typeof functions }).MatomoLite = functions;
// every FULL method is in `api`: only the coming and unsupported ones are missing
startPaq(functions, COMING + ' ' + UNSUPPORTED);
