// The SPA fixture's app: the routes, and a view built without innerHTML.
(function () {
  'use strict';
  var view = document.getElementById('view');
  window.router = window.MiniRouter({
    base: '/e2e/pages/spa/',
    routes: {
      '/': { title: 'SPA fixture · Home', text: 'Home' },
      '/products': { title: 'SPA fixture · Products', text: 'All products' },
      '/products/shoes': { title: 'SPA fixture · Shoes', text: 'Trail shoes' },
      '/products/shoes#reviews': { title: 'SPA fixture · Shoes · Reviews', text: 'Trail shoes: reviews' },
      '/about': { title: 'SPA fixture · About', text: 'About us' },
      '/old': { redirect: '/older' },
      '/older': { redirect: '/new' },
      '/new': { title: 'SPA fixture · New', text: 'Where the old page went' },
    },
    notFound: { title: 'SPA fixture · Not found', text: 'Not found' },
    view: function (route) {
      var p = document.createElement('p');
      p.textContent = route.text;
      view.replaceChildren(p);
    },
  });
})();
