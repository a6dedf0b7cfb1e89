// The SPA fixture's set-up, before anything else runs: what the page
// records for the tests, the tracker as the `install` knob says, and a
// router's own pushState wrapper when `router=before`.
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var w = window;
  w.knobs = { install: q.get('install') || 'paq', spa: q.get('spa'), router: q.get('router'), heartbeat: q.get('heartbeat') };
  w.violations = [];
  document.addEventListener('securitypolicyviolation', function (event) {
    w.violations.push(event.violatedDirective + ' ' + event.blockedURI);
  });

  // What a router that wraps pushState itself does (Next.js, the GA and
  // Sentry integrations do): it records each URL it saw, and calls through.
  w.routerSaw = [];
  w.wrapPushState = function () {
    var original = history.pushState;
    history.pushState = function (state, unused, url) {
      w.routerSaw.push(String(url));
      return original.apply(this, arguments);
    };
    w.routerWrapper = history.pushState;
  };
  if (w.knobs.router === 'before') w.wrapPushState();

  // Under Trusted Types, a script's URL is set through a policy: the page's, not the tracker's
  var policy = w.trustedTypes ? w.trustedTypes.createPolicy('fixture', { createScriptURL: function (url) { return url; } }) : null;
  function load(attributes, onload) {
    var script = document.createElement('script');
    for (var name in attributes) script.setAttribute('data-' + name, attributes[name]);
    script.src = policy ? policy.createScriptURL('/dist/matomo-lite.js') : '/dist/matomo-lite.js';
    script.onload = onload;
    document.head.appendChild(script);
  }
  var options = w.knobs.spa;
  var after = function () {
    if (w.knobs.router === 'after') w.wrapPushState();
  };
  if (w.knobs.install === 'tag') {
    var tag = { 'tracker-url': '/matomo.php', 'site-id': '1', spa: options || '' };
    if (w.knobs.heartbeat) tag.heartbeat = w.knobs.heartbeat;
    load(tag, after);
  } else if (w.knobs.install === 'api') {
    load({}, function () {
      var M = w.MatomoLite;
      w.tracker = M.createTracker({ trackerUrl: '/matomo.php', siteId: 1 });
      w.stopSpa = M.enableSpaTracking(w.tracker, options ? JSON.parse(options) : undefined);
      if (w.knobs.heartbeat) M.enableHeartBeatTimer(w.tracker, +w.knobs.heartbeat);
      M.trackPageView(w.tracker);
      after();
    });
  } else {
    var _paq = (w._paq = w._paq || []);
    _paq.push(['setTrackerUrl', '/matomo.php'], ['setSiteId', 1]);
    _paq.push(options ? ['enableSpaTracking', JSON.parse(options)] : ['enableSpaTracking']);
    if (w.knobs.heartbeat) _paq.push(['enableHeartBeatTimer', +w.knobs.heartbeat]);
    _paq.push(['trackPageView']);
    load({}, after);
  }
})();
