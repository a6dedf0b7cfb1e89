// The reliability fixture (e2e/retry.spec.ts): a tracker on the script-tag
// build, set up from the query string (see retry.html), and two helpers.
(function () {
  var q = new URLSearchParams(location.search);
  var M = window.MatomoLite;
  var other = location.hostname == 'localhost' ? '127.0.0.1' : 'localhost';
  var url = q.get('cross') ? location.protocol + '//' + other + ':' + location.port + '/matomo.php' : '/matomo.php';
  var options = { trackerUrl: url, siteId: 1 };
  if (q.get('retryDelay')) options.retryDelay = Number(q.get('retryDelay'));
  var tracker = (window.tracker = M.createTracker(options));
  if (q.get('cookies') == '0') M.disableCookies(tracker);
  if (q.get('pv') != '0') M.trackPageView(tracker);

  /** Sends n events, e_n 0 … n-1, in this task. */
  window.send = function (n, label) {
    for (var i = 0; i < n; i++) M.trackEvent(tracker, 'Retry', label || 'hit', String(i));
  };

  /** The retry store's entry for this tracker URL, parsed (null when there is none). */
  window.stored = function () {
    return JSON.parse(localStorage.getItem('matomo-lite:' + new URL(url, location.href).href));
  };
})();
