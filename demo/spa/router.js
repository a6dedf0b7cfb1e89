// A stand-in for a framework's router, for the SPA demo (demo/spa/) and the
// SPA fixture (e2e/pages/spa/): it does what React Router, Vue Router and
// the others do to the page, in their order, with no framework.
//
// - A click on <a data-route="/path"> calls history.pushState; the back and
//   forward buttons arrive as popstate.
// - The view renders after the URL changed, and the route's title is set
//   `titleDelay` ms after that (a framework renders asynchronously, and
//   often sets the title in an effect after render).
// - A route with `redirect` sends the app on with history.replaceState after
//   `redirectDelay` ms, as a guard or a <Navigate replace> does; a chain of
//   redirects is a chain of replaces.
// - Routes are paths below `base`; a route's fragment (`#reviews`) may have a
//   title of its own.
//
//   var router = MiniRouter({ base: '/demo/spa/', routes: { '/': { title: 'Home', text: '…' } }, view: function (route, path) {} });
//   router.go('/about');
(function () {
  'use strict';

  window.MiniRouter = function (config) {
    var base = config.base;
    var titleDelay = config.titleDelay == null ? 30 : config.titleDelay;
    var redirectDelay = config.redirectDelay == null ? 40 : config.redirectDelay;
    var rendered = 0;

    // '/products#reviews' for base + 'products#reviews'
    function current() {
      return '/' + location.pathname.slice(base.length) + location.hash;
    }
    function routeOf(path) {
      return config.routes[path] || config.routes[path.split('#')[0]] || config.notFound;
    }
    function render() {
      var path = current();
      var route = routeOf(path);
      var mine = ++rendered;
      if (route.redirect) {
        setTimeout(function () {
          if (mine === rendered) go(route.redirect, true);
        }, redirectDelay);
        return;
      }
      setTimeout(function () {
        // a later navigation renders its own view
        if (mine !== rendered) return;
        document.title = route.title;
        config.view(route, path);
      }, titleDelay);
    }
    function go(path, replace) {
      history[replace ? 'replaceState' : 'pushState'](null, '', base + path.slice(1));
      render();
    }

    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a[data-route]');
      if (!link || event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      go(link.getAttribute('data-route'));
    });
    addEventListener('popstate', render);
    render();
    return { go: go, current: current };
  };
})();
