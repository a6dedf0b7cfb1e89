// csp-esm.html: the npm build as an app imports it, and a tracker object
// over it with the methods' names, for csp-exercise.js.
import * as M from '/dist/esm/index.js';

const other = location.hostname == 'localhost' ? '127.0.0.1' : 'localhost';
const tracker = M.createTracker({ trackerUrl: location.protocol + '//' + other + ':' + location.port + '/matomo.php', siteId: 1, retryDelay: 0.05 });
window.cspTracker = new Proxy(
  {},
  {
    get: (_, name) => (typeof M[name] == 'function' ? (...args) => M[name](tracker, ...args) : undefined),
  },
);
window.dispatchEvent(new Event('csp-ready'));
