// Shared wiring of the demo pages. It runs after /dist/matomo-lite.js and
// guards every optional function, so the demo works whatever the build contains.
//
// Pages wire actions in markup, so a new feature needs no JavaScript here:
//   <button data-demo="trackEvent" data-args='["Demo","Click","Hero"]'>   calls MatomoLite.trackEvent(tracker, "Demo", "Click", "Hero")
//   <form data-demo="trackSiteSearch" data-args='["Articles"]'>          calls it with the first input's value first
(function () {
  'use strict';
  var M = window.MatomoLite;
  var log = document.getElementById('demo-log');

  function note(text) {
    if (!log) return;
    var li = document.createElement('li');
    li.textContent = text;
    log.insertBefore(li, log.firstChild);
  }

  function available(name) {
    return !!M && typeof M[name] === 'function';
  }

  function show(args) {
    return args.map(function (a) { return JSON.stringify(a); }).join(', ');
  }

  // Calls MatomoLite[name](tracker, ...args) if this build has it.
  function call(name, args) {
    if (!available(name)) {
      note(name + ' is not in this build yet');
      return undefined;
    }
    note(name + '(tracker' + (args.length ? ', ' + show(args) : '') + ')');
    return M[name].apply(null, [tracker].concat(args));
  }

  if (!M) {
    var banner = document.createElement('p');
    banner.className = 'banner';
    banner.textContent = 'The tracker build /dist/matomo-lite.js did not load. Run "npm start" (it builds first) or "npm run build".';
    document.querySelector('main').prepend(banner);
    return;
  }

  var tracker = M.createTracker({ trackerUrl: '/matomo.php', siteId: 1 });
  window.demoTracker = tracker;

  // What every demo page does on load; each step only if the build has it.
  // <body data-spa>: a single-page app (demo/spa/), tracked from its first page view on
  if (document.body.hasAttribute('data-spa')) call('enableSpaTracking', []);
  call('trackPageView', []);
  if (available('enableHeartBeatTimer')) call('enableHeartBeatTimer', [15]);
  if (available('enableLinkTracking')) call('enableLinkTracking', []);
  if (available('trackVisibleContentImpressions')) call('trackVisibleContentImpressions', []);

  function argsOf(el) {
    try {
      return JSON.parse(el.getAttribute('data-args') || '[]');
    } catch (e) {
      note('bad data-args on ' + el.outerHTML.slice(0, 60));
      return [];
    }
  }

  var wired = document.querySelectorAll('[data-demo]');
  for (var i = 0; i < wired.length; i++) {
    (function (el) {
      var name = el.getAttribute('data-demo');
      if (!available(name)) {
        var controls = el.tagName === 'FORM' ? el.querySelectorAll('button, input') : [el];
        for (var j = 0; j < controls.length; j++) {
          controls[j].disabled = true;
          controls[j].title = name + ' is not in this build yet';
          if (controls[j].tagName === 'BUTTON') controls[j].setAttribute('data-missing', '');
        }
        return;
      }
      if (el.tagName === 'FORM') {
        el.addEventListener('submit', function (e) {
          e.preventDefault();
          var input = el.querySelector('input');
          call(name, [input ? input.value : ''].concat(argsOf(el)));
        });
      } else {
        el.addEventListener('click', function () { call(name, argsOf(el)); });
      }
    })(wired[i]);
  }

  // Which of the optional functions this build has, so the demo shows progress.
  var list = document.getElementById('demo-features');
  if (list) {
    var names = ['trackPageView', 'trackEvent', 'trackSiteSearch', 'trackGoal', 'enableHeartBeatTimer', 'enableLinkTracking',
      'trackVisibleContentImpressions', 'enableMediaTracking', 'addEcommerceItem', 'trackEcommerceOrder', 'enableSpaTracking', 'requireConsent'];
    names.forEach(function (name) {
      var li = document.createElement('li');
      li.textContent = name;
      if (available(name)) li.className = 'on';
      li.title = available(name) ? 'in this build' : 'not in this build yet';
      list.appendChild(li);
    });
  }
})();
