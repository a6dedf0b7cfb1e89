/**
 * The script-tag build (dist/matomo-lite.js): every public function on
 * `window.MatomoLite`. The `_paq` drop-in comes on top of this.
 */
import * as api from '../index';

(window as unknown as { MatomoLite: typeof api }).MatomoLite = api;
