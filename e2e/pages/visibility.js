// visibility.html's harness: the shared IntersectionObserver of core/visibility.ts, driven by the tests.
import * as V from '/dist/esm/core/visibility.js';
import { createTracker } from '/dist/esm/index.js';

window.V = V;
window.tracker = createTracker({ trackerUrl: '/matomo.php', siteId: 1 });
window.calls = [];
window.callbacks = {};
/** Watches #id; each report is recorded as `label:id`; the callback returns `done`, or throws when `done` is 'throw'. */
window.watch = (id, label, done) => {
  const callback = (window.callbacks[label] ||= (element) => {
    window.calls.push(label + ':' + element.id);
    if (window.modes[label] === 'throw') throw new Error('callback ' + label);
    return window.modes[label];
  });
  window.modes[label] = done;
  return V.whenVisible(window.tracker, document.getElementById(id), callback);
};
window.modes = {};
document.body.setAttribute('data-ready', '1');
