// content.html's tracker, by the knobs (see the page). No inline code, no
// HTML strings: the page runs under a strict CSP with Trusted Types.
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var mode = q.get('mode') || 'visible';
  var command = { visible: 'trackVisibleContentImpressions', all: 'trackAllContentImpressions' }[mode];
  var ready = function () {
    document.body.setAttribute('data-ready', '1');
  };
  if (q.get('via') === 'esm') {
    import('/dist/esm/index.js').then(function (M) {
      window.M = M;
      var tracker = (window.tracker = M.createTracker({ trackerUrl: '/matomo.php', siteId: 1 }));
      M.trackPageView(tracker);
      if (q.get('links') && M.enableLinkTracking) M.enableLinkTracking(tracker);
      if (command) window.stop = M[command](tracker);
      if (document.body) ready();
      else document.addEventListener('DOMContentLoaded', ready);
    });
    return;
  }
  var _paq = (window._paq = window._paq || []);
  _paq.push(['trackPageView']);
  if (q.get('links')) _paq.push(['enableLinkTracking']);
  if (command) _paq.push([command]);
  _paq.push(['setTrackerUrl', '/matomo.php']);
  _paq.push(['setSiteId', '1']);
  _paq.push([ready]);
})();
