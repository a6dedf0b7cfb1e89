// The SPA demo: routes on demo/spa/router.js, a view built without innerHTML
// (the page runs under Trusted Types), and a log of each navigation with the
// page view it led to. demo.js made the tracker and, for <body data-spa>,
// called enableSpaTracking before the first page view.
(function () {
  'use strict';
  var M = window.MatomoLite;
  var tracker = window.demoTracker;
  var view = document.getElementById('view');
  var log = document.getElementById('spa-log');

  function note(text) {
    var li = document.createElement('li');
    li.textContent = text;
    log.insertBefore(li, log.firstChild);
  }

  function paragraph(text) {
    var p = document.createElement('p');
    p.textContent = text;
    return p;
  }

  var router = window.MiniRouter({
    base: '/demo/spa/',
    routes: {
      '/': { title: 'matomo-lite demo · SPA · Home', text: 'Home of the single-page app. Pick a route above.' },
      '/products': { title: 'matomo-lite demo · SPA · Products', text: 'Trail shoes, a rain jacket and a water bottle.' },
      '/products/shoes': {
        title: 'matomo-lite demo · SPA · Trail shoes',
        text: 'Trail shoes, €89.',
        link: ['#reviews', 'Read the reviews (an in-page link: no page view)'],
      },
      '/about': { title: 'matomo-lite demo · SPA · About', text: 'A demo of enableSpaTracking.' },
      '/old-pricing': { redirect: '/pricing-2024' },
      '/pricing-2024': { redirect: '/pricing' },
      '/pricing': { title: 'matomo-lite demo · SPA · Pricing', text: 'Reached through two redirects: one page view, of this URL.' },
    },
    notFound: { title: 'matomo-lite demo · SPA · Not found', text: 'No such route.' },
    view: function (route, path) {
      var parts = [document.createElement('h1'), paragraph(route.text)];
      parts[0].textContent = route.title.split(' · ').pop();
      if (route.link) {
        var a = document.createElement('a');
        a.href = route.link[0];
        a.textContent = route.link[1];
        parts.push(a);
        var reviews = paragraph('Reviews: ★★★★☆ "Light and grippy."');
        reviews.id = 'reviews';
        parts.push(reviews);
      }
      view.replaceChildren.apply(view, parts);
      for (var links = document.querySelectorAll('.routes a'), i = 0; i < links.length; i++) {
        if (links[i].getAttribute('data-route') === path.split('#')[0]) links[i].setAttribute('aria-current', 'page');
        else links[i].removeAttribute('aria-current');
      }
      // the page view goes after the next frame and 100 ms: say what it was once it is out
      if (M && tracker && M.getNumTrackedPageViews) {
        setTimeout(function () {
          note(path + ' rendered: ' + M.getNumTrackedPageViews(tracker) + ' page views so far, this one pv_id ' + M.getPageViewId(tracker));
        }, 250);
      }
    },
  });
  window.demoRouter = router;
})();
